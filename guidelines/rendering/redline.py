"""Redlines as HTML: word-level <ins>/<del> inside the rendered Markdown of each block.

Changed words are wrapped in private-use sentinel characters in the Markdown source, the source
goes through the same safe pipeline as every page (python-markdown, then nh3), and only then are
the sentinels turned into tags, inside text nodes only, closed and reopened at every element
boundary, so the result is always well-formed and never carries anything nh3 removed.

Whitespace that belongs to a change stays inside it, so that the inserted and unchanged text
read alone give the new text and the deleted and unchanged text the old one (what "Accept all"
and "Reject all" do in an office suite). A change credited to contributors (``Segment.by``)
carries ``data-by`` and is followed by a marker naming them (``labels``); a deletion directly
followed by an insertion is set apart by a gap that belongs to neither text.
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .diff import (
    CHANGED,
    DELETE,
    DELETED,
    EQUAL,
    INSERT,
    INSERTED,
    LINE_STRUCTURE,
    MOVED_FROM,
    MOVED_TO,
    UNCHANGED,
    BlockChange,
    Segment,
    TextDiff,
    block_segments,
)
from .markdown import clean_redline, render_markdown
from .readings import reads_as
from .tables import ROW_DELETED, ROW_INSERTED, TableDiff

INS_OPEN, INS_CLOSE, DEL_OPEN, DEL_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
MARK, GAP, ROW_INS, ROW_DEL = "\ue004", "\ue005", "\ue006", "\ue007"
_BY_BASE, _BY_SPAN = 0xE100, 0x800  # a contributor index is two characters from U+E100
_SENTINEL_RANGE = re.compile("[\ue000-\ue8ff]")
_TAGS = {INS_OPEN: "ins", DEL_OPEN: "del"}
_CLOSERS = {INS_CLOSE: "ins", DEL_CLOSE: "del"}
_LINE_START = re.compile(
    r"^(\s*(?:[-*+]|\d+[.)])\s+|\s*#{1,6}\s+|\s*>\s?|\s{0,3}\[\^[^\]]+\]:\s*|\s*)"
)
_DELETED_SPAN = re.compile("\ue002[\ue100-\ue8ff]*.*?\ue003", re.S)
_VOID = re.compile(r"^<(?:br|img)\b[^>]*>$")
_FOOTNOTE_DEFINITION = re.compile(r"^\s{0,3}\[\^[^\]]+\]:", re.M)
# A line that is only a rule (or a setext heading's underline) keeps its meaning only unwrapped.
_RULE_LINE = re.compile(r"^\s*(?:-{3,}|={3,}|\*{3,}|_{3,}|(?:[-*_]\s+){2,}[-*_])\s*$")
_HTML_TAG = re.compile(r"(<[^>]*>)")
_ROW_MARK = re.compile(r"<tr>(\s*<t[dh][^>]*>)([\ue006\ue007])")


def strip_sentinels(text: str) -> str:
    return _SENTINEL_RANGE.sub("", text)


def _encode_by(by: tuple[int, ...]) -> str:
    return "".join(
        chr(_BY_BASE + n // _BY_SPAN) + chr(_BY_BASE + n % _BY_SPAN)
        for n in by
        if 0 <= n < _BY_SPAN * _BY_SPAN
    )


def _wrap(
    text: str, opener: str, closer: str, at_line_start: bool, following: str = ""
) -> list[str]:
    """``text`` wrapped in sentinels line by line, leaving list bullets, heading hashes and quote
    marks at the start of a line (and rule lines) outside so the Markdown still parses. A line
    break that only wraps the text (the next line starts no list item, heading or quote) stays
    inside the change: it is a space, and belongs to one reading only. (Tables are never wrapped
    whole: ``_table_source`` wraps each cell.) ``following``: the source after ``text``.
    Returns the pieces; wrapped ones start with ``opener``."""
    lines = text.split("\n")
    groups: list[str] = [lines[0]]  # lines joined across the breaks that only wrap
    for index, line in enumerate(lines[1:], 1):
        after = line if index < len(lines) - 1 or line else following
        if not after.strip() or LINE_STRUCTURE.match(after) or _LINE_START.match(after).group(1):
            groups.append(line)
        else:
            groups[-1] += "\n" + line
    out = []
    for index, piece in enumerate(groups):
        if index:
            out.append("\n")
            at_line_start = True
        prefix = _LINE_START.match(piece).group(1) if at_line_start else ""
        at_line_start = False
        rest = piece[len(prefix) :]
        if prefix:
            out.append(prefix)
        if rest and not _RULE_LINE.match(rest):
            out.append(f"{opener}{rest}{closer}")
        elif rest:
            out.append(rest)
    return out


def _change(
    segment: Segment, *, marker: str, gap: bool, at_line_start: bool, following: str = ""
) -> str:
    """A change wrapped piece by piece; the marker (and the gap before an insertion) go after
    the last word of it, before its trailing whitespace."""
    is_ins = segment.op == INSERT
    opener = (INS_OPEN if is_ins else DEL_OPEN) + _encode_by(segment.by)
    closer = INS_CLOSE if is_ins else DEL_CLOSE
    pieces = _wrap(segment.text, opener, closer, at_line_start, following)
    wrapped = [i for i, p in enumerate(pieces) if p.startswith(opener)]
    if not wrapped or not (marker or gap):
        return "".join(pieces)
    last = wrapped[-1]
    inner = pieces[last][len(opener) : -len(closer)]
    body = inner.rstrip()
    trail = inner[len(body) :]
    gap = gap and last == len(pieces) - 1 and not trail
    tail = marker + (GAP if gap else "")
    pieces[last] = (
        (f"{opener}{body}{closer}" if body else "")
        + tail
        + (f"{opener}{trail}{closer}" if trail else "")
    )
    return "".join(pieces)


def marked_source(
    segments: tuple[Segment, ...] | list[Segment], *, show: set[str], markers: bool = True
) -> str:
    """Markdown source with inserted/deleted runs wrapped in sentinels (``show`` picks which
    sides appear: {INSERT, DELETE} for the inline redline, one of them for side by side)."""
    shown = [s for s in segments if s.op == EQUAL or s.op in show]
    parts = []
    for index, segment in enumerate(shown):
        if segment.op == EQUAL:
            parts.append(segment.text)
            continue
        following = shown[index + 1] if index + 1 < len(shown) else None
        same_credit_follows = (
            following is not None and following.op != EQUAL and following.by == segment.by
        )
        credited = markers and segment.by and segment.text.strip()
        marker = MARK + _encode_by(segment.by) if credited else ""
        if same_credit_follows:
            marker = ""
        gap = segment.op == DELETE and following is not None and following.op == INSERT
        at_line_start = not parts or parts[-1].endswith("\n")
        rest = "".join(s.text for s in shown[index + 1 : index + 3])
        parts.append(
            _change(segment, marker=marker, gap=gap, at_line_start=at_line_start, following=rest)
        )
    return "".join(parts)


def _decode_by(chars: str) -> tuple[int, ...]:
    codes = [ord(c) - _BY_BASE for c in chars]
    return tuple(codes[i] * _BY_SPAN + codes[i + 1] for i in range(0, len(codes) - 1, 2))


def _attrs(by: tuple[int, ...]) -> str:
    """Every <ins>/<del> made here carries ``data-by`` (maybe empty), so that exporters tell a
    tracked change from an <ins> or <del> an author typed into the Markdown."""
    return f' data-by="{" ".join(map(str, by))}"'


def _marker(by: tuple[int, ...], labels: dict[int, str] | None) -> str:
    names = ", ".join(dict.fromkeys(n for n in ((labels or {}).get(i, "") for i in by) if n))
    if not names:
        return ""
    return f'<sup class="rl-by"{_attrs(by)}>{escape(names)}</sup>'


def sentinels_to_tags(html: str, labels: dict[int, str] | None = None) -> str:
    """Turn sentinels into <ins>/<del> inside each text node; drop any inside a tag."""
    html = _ROW_MARK.sub(
        lambda m: f'<tr class="rl-row-{"ins" if m[2] == ROW_INS else "del"}">{m[1]}', html
    )
    out, open_tag = [], None  # open_tag: (name, attributes)
    for part in _HTML_TAG.split(html):
        if part.startswith("<"):  # an address changed: the new one (checked again by the caller)
            out.append(strip_sentinels(_DELETED_SPAN.sub("", part)))
            continue
        if not part:
            continue
        buffer = [f"<{open_tag[0]}{open_tag[1]}>"] if open_tag else []
        index = 0
        while index < len(part):
            char = part[index]
            index += 1
            if char in _TAGS or char == MARK:
                end = index
                while end < len(part) and ord(part[end]) >= _BY_BASE and part[end] <= "\ue8ff":
                    end += 1
                by = _decode_by(part[index:end])
                index = end
                if char == MARK:
                    buffer.append(_marker(by, labels) if by else "")
                    continue
                if open_tag:
                    buffer.append(f"</{open_tag[0]}>")
                open_tag = (_TAGS[char], _attrs(by))
                buffer.append(f"<{open_tag[0]}{open_tag[1]}>")
            elif char in _CLOSERS:
                if open_tag:
                    buffer.append(f"</{open_tag[0]}>")
                open_tag = None
            elif char == GAP:
                buffer.append('<span class="rl-gap"> </span>')
            elif not _SENTINEL_RANGE.match(char):
                buffer.append(char)  # already escaped: this is the sanitiser's output
        if open_tag:
            buffer.append(f"</{open_tag[0]}>")
        out.append("".join(buffer))
    return re.sub(r"<(ins|del)(?: data-by=\"[\d ]*\")?></\1>", "", "".join(out))


def _render_marked(source: str, id_prefix: str, labels) -> str:
    """Marked Markdown as HTML: sanitised, marks turned into tags, then sanitised again (a link
    or image address that a change cut into pieces is only whole, and checked, now)."""
    return clean_redline(
        sentinels_to_tags(str(render_markdown(source, id_prefix=id_prefix)), labels)
    )


def _segments(block, op: str) -> tuple[Segment, ...]:
    """A whole block as segments (credited ones if attribution split it)."""
    text = block.new if op == INSERT else block.old
    return block.segments or (Segment(op, text, block.new_at if op == INSERT else block.old_at),)


def _whole_html(segments, op: str, id_prefix: str, labels, by: tuple[int, ...]) -> str:
    """A block inserted or deleted whole, credited to ``by``: rendered as it reads, every piece
    of text marked. (Marking the source instead would leave list bullets and quote marks outside
    the change, as text where they are not structure.)"""
    tag = "ins" if op == INSERT else "del"
    text = "".join(s.text for s in segments)
    parts = _HTML_TAG.split(str(render_markdown(text, id_prefix=id_prefix)))
    out, last = [], -1
    for part in parts:
        if _VOID.match(part):  # a line break or an image belongs to the change too
            out.append(f"<{tag}{_attrs(by)}>{part}</{tag}>")
            continue
        if part.startswith("<") or not part or (not part.strip() and "\n" in part):
            out.append(part)
            continue
        out.append(f"<{tag}{_attrs(by)}>{part}</{tag}>")
        last = len(out) - 1
    if last >= 0 and by:
        out.insert(last + 1, _marker(by, labels))
    return "".join(out)


def render_redline(
    diff: TextDiff, *, id_prefix: str = "", labels: dict[int, str] | None = None
) -> SafeString:
    """The inline redline: one column, insertions underlined, deletions struck through."""
    if any(_FOOTNOTE_DEFINITION.search(b.old + b.new) for b in diff.blocks):
        return mark_safe(_footnoted_html(diff, id_prefix, labels))  # noqa: S308  (as below)
    return mark_safe(  # noqa: S308  (Markdown sanitised by nh3; tags added here are constants)
        "".join(_block_html(block, id_prefix, {INSERT, DELETE}, labels) for block in diff.blocks)
    )


def _footnoted_html(diff: TextDiff, id_prefix: str, labels) -> str:
    """A text with footnotes is rendered in one piece (a reference and its note may be in
    different blocks, and only a whole text numbers them); if its marks would not read back
    as both texts, the old text is shown deleted and the new one inserted, each whole."""
    sources, old, new = [], [], []
    for block in diff.blocks:
        old.append(block.old) if block.old else None
        new.append(block.new) if block.new else None
        if block.kind == UNCHANGED:
            sources.append(block.new)
        elif block.table is not None:
            sources.append(_table_source(block.table, {INSERT, DELETE}))
        elif block.kind == CHANGED:
            sources.append(marked_source(block.segments, show={INSERT, DELETE}))
        else:
            op = INSERT if block.kind in (INSERTED, MOVED_TO) else DELETE
            sources.append(marked_source(_segments(block, op), show={INSERT, DELETE}))
    old_text, new_text = "\n\n".join(old), "\n\n".join(new)
    html = _render_marked("\n\n".join(sources), id_prefix, labels)
    if reads_as(html, old_text, new_text, id_prefix):
        return _div("rl-changed", html)
    credit = tuple(dict.fromkeys(w for b in diff.blocks for s in block_segments(b) for w in s.by))
    return _div(
        "rl-deleted", _whole_html([Segment(DELETE, old_text)], DELETE, id_prefix, labels, credit)
    ) + _div(
        "rl-inserted", _whole_html([Segment(INSERT, new_text)], INSERT, id_prefix, labels, credit)
    )


def render_side_by_side(diff: TextDiff, *, id_prefix: str = "") -> tuple[SafeString, SafeString]:
    """Two columns: the old text with deletions marked, the new text with insertions marked."""
    left = "".join(_block_html(b, id_prefix, {DELETE}, None) for b in diff.blocks)
    right = "".join(_block_html(b, id_prefix, {INSERT}, None) for b in diff.blocks)
    return mark_safe(left), mark_safe(right)  # noqa: S308  (as above)


def _table_source(table: TableDiff, show: set[str]) -> str:
    lines = []
    for index, row in enumerate((table.header, *table.rows)):
        if (row.kind == ROW_INSERTED and INSERT not in show) or (
            row.kind == ROW_DELETED and DELETE not in show
        ):
            continue
        cells = [marked_source(cell, show=show) for cell in row.cells]
        if row.kind in (ROW_INSERTED, ROW_DELETED) and cells:
            cells[0] = (ROW_INS if row.kind == ROW_INSERTED else ROW_DEL) + cells[0]
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append(table.separator)
    return "\n".join(lines)


def _replaced(block):
    """A changed block as its old text deleted and its new text inserted, credited to everyone
    who changed it."""
    credit = tuple(dict.fromkeys(who for s in block_segments(block) for who in s.by))
    return (
        BlockChange(DELETED, block.old, "", (Segment(DELETE, block.old, block.old_at, credit),),
                    old_at=block.old_at),
        BlockChange(INSERTED, "", block.new, (Segment(INSERT, block.new, block.new_at, credit),),
                    new_at=block.new_at),
    )  # fmt: skip


def _block_html(block, id_prefix: str, show: set[str], labels) -> str:
    if block.kind == CHANGED and block.table is None and show == {INSERT, DELETE}:
        html = _render_marked(marked_source(block.segments, show=show), id_prefix, labels)
        if reads_as(html, block.old, block.new, id_prefix):
            return _div("rl-changed", html)
        return "".join(_block_html(b, id_prefix, show, labels) for b in _replaced(block))
    if block.kind == UNCHANGED:
        return _div("rl-same", str(render_markdown(block.new, id_prefix=id_prefix)))
    if block.kind in (INSERTED, MOVED_TO, DELETED, MOVED_FROM):
        op = INSERT if block.kind in (INSERTED, MOVED_TO) else DELETE
        if op not in show:
            return _div("rl-gap", "") if block.kind in (INSERTED, DELETED) else ""
    if block.table is not None:  # a table changed, or inserted, deleted or moved whole
        html = _render_marked(_table_source(block.table, show), id_prefix, labels)
    elif block.kind == CHANGED:
        html = _render_marked(marked_source(block.segments, show=show), id_prefix, labels)
    else:
        segments = _segments(block, op)
        html = None
        if len({s.by for s in segments}) > 1:  # several people: each part marked as theirs
            html = _render_marked(marked_source(segments, show=show), id_prefix, labels)
            old, new = (block.old, "") if op == DELETE else ("", block.new)
            if not reads_as(html, old, new, id_prefix):
                html = None
        if html is None:  # one change: the rendered block, all marked
            credit = tuple(dict.fromkeys(who for s in segments for who in s.by))
            html = _whole_html(segments, op, id_prefix, labels, credit)
    css, label = {
        CHANGED: ("rl-changed", ""),
        INSERTED: ("rl-inserted", ""),
        DELETED: ("rl-deleted", ""),
        MOVED_TO: ("rl-moved rl-moved-to", _("Moved here")),
        MOVED_FROM: ("rl-moved rl-moved-from", _("Moved from here")),
    }[block.kind]
    return _div(css, html, label)


def _div(css: str, inner: str, label: str = "") -> str:
    badge = format_html('<span class="rl-label">{}</span>', label) if label else ""
    return f'<div class="rl-block {css}">{badge}{inner}</div>'


def render_words(
    segments: list[Segment] | tuple[Segment, ...], labels: dict[int, str] | None = None
) -> SafeString:
    """Plain text (a heading) with <ins>/<del>, every piece escaped."""
    source = marked_source(
        [Segment(s.op, s.text.replace("\n", " "), s.at, s.by) for s in segments],
        show={INSERT, DELETE},
    )
    return mark_safe(sentinels_to_tags(escape(source), labels))  # noqa: S308  (escaped above)
