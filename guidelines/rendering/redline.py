"""Redlines as HTML: word-level <ins>/<del> inside the rendered Markdown of each block.

Changed words are wrapped in private-use sentinel characters in the Markdown source, the source
goes through the same safe pipeline as every page (python-markdown, then nh3), and only then are
the sentinels turned into tags, inside text nodes only, closed and reopened at every element
boundary, so the result is always well-formed and never carries anything nh3 removed.
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
    MOVED_FROM,
    MOVED_TO,
    UNCHANGED,
    Segment,
    TextDiff,
)
from .markdown import render_markdown

INS_OPEN, INS_CLOSE, DEL_OPEN, DEL_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
SENTINELS = INS_OPEN + INS_CLOSE + DEL_OPEN + DEL_CLOSE
_TAGS = {INS_OPEN: "ins", DEL_OPEN: "del"}
_CLOSERS = {INS_CLOSE: "ins", DEL_CLOSE: "del"}
_LINE_START = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+|\s*#{1,6}\s+|\s*>\s?|\s*)")
_TABLE_RULE = re.compile(r"^\s*:?-{3,}:?\s*$")
_PIECES = re.compile(r"(\n|\|)")
_HTML_TAG = re.compile(r"(<[^>]*>)")


def strip_sentinels(text: str) -> str:
    return text.translate({ord(c): None for c in SENTINELS})


def _wrap(text: str, opener: str, closer: str) -> str:
    """Wrap ``text`` in sentinels piece by piece: never across a line or a table cell, and
    leaving list bullets, heading hashes and quote marks outside so the Markdown still parses."""
    out = []
    at_line_start = True
    for piece in _PIECES.split(text):
        if piece in ("\n", "|"):
            out.append(piece)
            at_line_start = piece == "\n"
            continue
        prefix = ""
        if at_line_start:
            prefix = _LINE_START.match(piece).group(1)
            piece = piece[len(prefix) :]
        at_line_start = False
        body = piece.strip()
        if not body or _TABLE_RULE.match(body):
            out.append(prefix + piece)
            continue
        lead = piece[: len(piece) - len(piece.lstrip())]
        trail = piece[len(piece.rstrip()) :]
        out.append(f"{prefix}{lead}{opener}{body}{closer}{trail}")
    return "".join(out)


def marked_source(segments: tuple[Segment, ...] | list[Segment], *, show: set[str]) -> str:
    """Markdown source with inserted/deleted runs wrapped in sentinels (``show`` picks which
    sides appear: {INSERT, DELETE} for the inline redline, one of them for side by side)."""
    parts = []
    for segment in segments:
        if segment.op == EQUAL:
            parts.append(segment.text)
        elif segment.op in show:
            opener, closer = (
                (INS_OPEN, INS_CLOSE) if segment.op == INSERT else (DEL_OPEN, DEL_CLOSE)
            )
            parts.append(_wrap(segment.text, opener, closer))
    return "".join(parts)


def sentinels_to_tags(html: str) -> str:
    """Turn sentinels into <ins>/<del> inside each text node; drop any inside a tag."""
    out, open_tag = [], None
    for part in _HTML_TAG.split(html):
        if part.startswith("<"):
            out.append(strip_sentinels(part))
            continue
        if not part:
            continue
        buffer = [f"<{open_tag}>"] if open_tag else []
        for char in part:
            if char in _TAGS:
                if open_tag:
                    buffer.append(f"</{open_tag}>")
                open_tag = _TAGS[char]
                buffer.append(f"<{open_tag}>")
            elif char in _CLOSERS:
                if open_tag:
                    buffer.append(f"</{open_tag}>")
                open_tag = None
            else:
                buffer.append(char)
        if open_tag:
            buffer.append(f"</{open_tag}>")
        out.append("".join(buffer))
    return re.sub(r"<(ins|del)></\1>", "", "".join(out))


def _render_marked(source: str, id_prefix: str) -> str:
    return sentinels_to_tags(str(render_markdown(source, id_prefix=id_prefix)))


def _whole(text: str, op: str) -> str:
    return marked_source([Segment(op, text)], show={op})


def render_redline(diff: TextDiff, *, id_prefix: str = "") -> SafeString:
    """The inline redline: one column, insertions underlined, deletions struck through."""
    return mark_safe(  # noqa: S308  (Markdown sanitised by nh3; tags added here are constants)
        "".join(_block_html(block, id_prefix, {INSERT, DELETE}) for block in diff.blocks)
    )


def render_side_by_side(diff: TextDiff, *, id_prefix: str = "") -> tuple[SafeString, SafeString]:
    """Two columns: the old text with deletions marked, the new text with insertions marked."""
    left = "".join(_block_html(b, id_prefix, {DELETE}) for b in diff.blocks)
    right = "".join(_block_html(b, id_prefix, {INSERT}) for b in diff.blocks)
    return mark_safe(left), mark_safe(right)  # noqa: S308  (as above)


def _block_html(block, id_prefix: str, show: set[str]) -> str:
    if block.kind == UNCHANGED:
        return _div("rl-same", str(render_markdown(block.new, id_prefix=id_prefix)))
    if block.kind == CHANGED:
        source = marked_source(block.segments, show=show)
        return _div("rl-changed", _render_marked(source, id_prefix))
    if block.kind == INSERTED:
        if INSERT not in show:
            return _div("rl-gap", "")
        return _div("rl-inserted", _render_marked(_whole(block.new, INSERT), id_prefix))
    if block.kind == DELETED:
        if DELETE not in show:
            return _div("rl-gap", "")
        return _div("rl-deleted", _render_marked(_whole(block.old, DELETE), id_prefix))
    if block.kind == MOVED_FROM:
        if DELETE not in show:
            return ""
        label = _("Moved from here")
        return _div(
            "rl-moved rl-moved-from", _render_marked(_whole(block.old, DELETE), id_prefix), label
        )
    if block.kind == MOVED_TO:
        if INSERT not in show:
            return ""
        return _div(
            "rl-moved rl-moved-to",
            _render_marked(_whole(block.new, INSERT), id_prefix),
            _("Moved here"),
        )
    raise ValueError(block.kind)


def _div(css: str, inner: str, label: str = "") -> str:
    badge = format_html('<span class="rl-label">{}</span>', label) if label else ""
    return f'<div class="rl-block {css}">{badge}{inner}</div>'


def render_words(segments: list[Segment]) -> SafeString:
    """Plain text (a heading) with <ins>/<del>, every piece escaped."""
    html = []
    for s in segments:
        text = escape(s.text)
        html.append(
            text
            if s.op == EQUAL
            else f"<{'ins' if s.op == INSERT else 'del'}>{text}</"
            f"{'ins' if s.op == INSERT else 'del'}>"
        )
    return mark_safe("".join(html))  # noqa: S308  (escaped above)
