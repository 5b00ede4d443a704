"""What a review file's paragraphs mean as our Markdown (pure: no database).

``reading`` gives the paragraphs as "Reject all" (ORIGINAL) or "Accept all" (PROPOSED) shows
them; ``to_markdown`` writes paragraphs of one reading as canonical Markdown (the same Word
content always gives the same text); ``pristine`` gives the paragraphs the review export writes
for a section's body, so the file and the version it was made from go through the same path;
``patch`` applies the reviewer's edits (pristine -> proposed, both canonical) to the section's
own Markdown, keeping its Markdown wherever the reviewer did not edit.
"""

import io
import re
from dataclasses import replace

from ..rendering.diff import tokenize
from ..rendering.merge import Edit, edits
from .types import PLAIN, Paragraph, shows

BREAK = "\n"  # a line break inside a paragraph (w:br), as the reader gives it
CODE_STYLE = "ISCM Code"
QUOTE_STYLE = "Quote"
_SPACES = re.compile(r"[ \t]+")
_ESCAPE = re.compile(r"([\\`*_\[\]])")
_BLOCK_START = re.compile(r"^(#|[-+*>] |\d+[.)] )")


# Readings ---------------------------------------------------------------------------------------
def reading(paragraphs, which: str) -> list[Paragraph]:
    """``paragraphs`` as ``which`` (ORIGINAL or PROPOSED) shows them: runs of the other reading
    dropped, a paragraph whose mark is not in the reading joined to the next one (within the
    same table cell), table rows of the other reading dropped, paragraphs left without text
    dropped (unless they carry bookmarks)."""
    out: list[Paragraph] = []
    pending: Paragraph | None = None
    for paragraph in paragraphs:
        if paragraph.cell is not None and not shows(paragraph.cell.row_change, which):
            continue
        shown = replace(paragraph, runs=tuple(r for r in paragraph.runs if shows(r.change, which)))
        if pending is not None:
            if pending.cell == shown.cell:
                shown = _join(pending, shown)
            else:
                _keep(out, pending)
            pending = None
        if not shows(shown.mark, which):
            pending = shown
            continue
        _keep(out, shown)
    if pending is not None:
        _keep(out, pending)
    return out


def _join(first: Paragraph, second: Paragraph) -> Paragraph:
    """Two paragraphs joined by the removal of the first one's mark: the first keeps its
    properties if it has text in the reading, else the second's stand."""
    runs = first.runs + second.runs
    bookmarks = first.bookmarks + tuple(b for b in second.bookmarks if b not in first.bookmarks)
    comments = first.comments + second.comments
    host = first if "".join(r.text for r in first.runs).strip() else second
    return replace(
        host, runs=runs, bookmarks=bookmarks, comments=comments, index=first.index, mark=PLAIN
    )


def _keep(out: list[Paragraph], paragraph: Paragraph) -> None:
    if paragraph.bookmarks or "".join(r.text for r in paragraph.runs).strip():
        out.append(paragraph)


# Canonical Markdown -----------------------------------------------------------------------------
def to_markdown(paragraphs, *, level: int = 0) -> str:
    """Canonical Markdown of paragraphs of one reading. ``level``: the heading level of the
    section they belong to (a "Heading <level + 1>" in the body is a ``#`` heading)."""
    paragraphs = [p for p in paragraphs if p.text.strip()]
    blocks: list[str] = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if paragraph.cell is not None:
            end = index
            while (
                end < len(paragraphs)
                and paragraphs[end].cell is not None
                and paragraphs[end].cell.table == paragraph.cell.table
            ):
                end += 1
            blocks.append(_table(paragraphs[index:end]))
        elif paragraph.list_kind:
            end = index
            while (
                end < len(paragraphs)
                and paragraphs[end].list_kind
                and paragraphs[end].cell is None
                and paragraphs[end].heading_level is None
            ):
                end += 1
            blocks.append(_list(paragraphs[index:end]))
        else:
            end = index + 1
            blocks.append(_block(paragraph, level))
        index = max(end, index + 1)
    return "\n\n".join(b for b in blocks if b.strip())


def _block(paragraph: Paragraph, level: int) -> str:
    if paragraph.heading_level is not None:
        hashes = "#" * min(6, max(1, paragraph.heading_level - level))
        return f"{hashes} {inline(paragraph.runs, breaks=' ')}"
    if paragraph.style == CODE_STYLE:
        text = "".join(r.text for r in paragraph.runs).replace("\u00a0", " ")
        return f"```\n{text.rstrip()}\n```"
    text = inline(paragraph.runs)
    if paragraph.style == QUOTE_STYLE:
        return "\n".join(f"> {line}" for line in text.split("\n"))
    return text


def _list(paragraphs: list[Paragraph]) -> str:
    lines: list[str] = []
    counters: dict[int, int] = {}
    for paragraph in paragraphs:
        depth = max(0, paragraph.list_level)
        for deeper in [k for k in counters if k > depth]:
            del counters[deeper]
        counters[depth] = counters.get(depth, 0) + 1
        marker = f"{counters[depth]}." if paragraph.list_kind == "number" else "-"
        text = inline(paragraph.runs, breaks=" ", block_start=False)
        lines.append(f"{'    ' * depth}{marker} {text}")
    return "\n".join(lines)


def _table(paragraphs: list[Paragraph]) -> str:
    cells: dict[tuple[int, int], list[str]] = {}
    for paragraph in paragraphs:
        row, column = paragraph.cell.row, paragraph.cell.cell
        runs = paragraph.runs
        if row == 0:  # the header row: bold is the header's own look
            runs = tuple(replace(r, bold=False) for r in runs)
        text = inline(runs, breaks=" ", block_start=False).replace("|", "\\|")
        cells.setdefault((row, column), []).append(text)
    rows = sorted({r for r, _c in cells})
    columns = max(c for _r, c in cells) + 1
    lines = []
    for position, row in enumerate(rows):
        values = [" ".join(cells.get((row, c), [])).strip() for c in range(columns)]
        lines.append("| " + " | ".join(values) + " |")
        if position == 0:
            lines.append("|" + "|".join([" --- "] * columns) + "|")
    if len(rows) == 1:  # a table needs a body row to be one
        lines.append("| " + " | ".join([""] * columns) + " |")
    return "\n".join(lines)


# Text typed in Word that Markdown would take for HTML or an entity ("<Enter>", "A&amp;B"): written
# as entities, so the reader's words come through as typed.
_HTML_LIKE = re.compile(r"<(?=[A-Za-z/!?])|&(?=#?\w+;)")


def _escape(text: str) -> str:
    text = _HTML_LIKE.sub(lambda m: "&lt;" if m.group() == "<" else "&amp;", text)
    return _ESCAPE.sub(r"\\\1", text)


def inline(runs, *, breaks: str = "  \n", block_start: bool = True) -> str:
    """The runs as Markdown: **bold**, *italic*, `code`, [links](url); whitespace collapsed,
    line breaks as ``breaks``. Struck-through formatting has no Markdown here: plain text."""
    groups: list[tuple[tuple, str]] = []
    for run in runs:
        if not run.text:
            continue
        key = (run.link, run.bold, run.italic, run.code)
        if groups and groups[-1][0] == key:
            groups[-1] = (key, groups[-1][1] + run.text)
        else:
            groups.append((key, run.text))
    out: list[str] = []
    index = 0
    while index < len(groups):
        link = groups[index][0][0]
        end = index
        while end < len(groups) and groups[end][0][0] == link:
            end += 1
        inner = "".join(_styled(text, key) for key, text in groups[index:end])
        if link:
            lead, core, trail = _split_space(inner)
            inner = f"{lead}[{core}]({link}){trail}" if core else inner
        out.append(inner)
        index = end
    text = "".join(out)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split(BREAK)]
    text = breaks.join(line for line in lines if line)
    if block_start and _BLOCK_START.match(text):
        text = "\\" + text
    return text


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip(" \t")
    if not core:
        return text, "", ""
    lead = text[: len(text) - len(text.lstrip(" \t"))]
    trail = text[len(text.rstrip(" \t")) :]
    return lead, core, trail


def _styled(text: str, key: tuple) -> str:
    _link, bold, italic, code = key
    pieces = text.split(BREAK)
    out = []
    for piece in pieces:
        lead, core, trail = _split_space(_SPACES.sub(" ", piece))
        if core:
            if code:
                fence = "``" if "`" in core else "`"
                core = f"{fence}{core}{fence}"
            else:
                core = _escape(core)
                if italic:
                    core = f"*{core}*"
                if bold:
                    core = f"**{core}**"
        out.append(lead + core + trail)
    return BREAK.join(out)


# Headings ---------------------------------------------------------------------------------------
def split_heading(text: str, label: str = "") -> tuple[str, str]:
    """(label, heading) of a section heading paragraph's text, "<label>\\t<heading>"; if the tab
    was lost, the known ``label`` is stripped from the start."""
    text = text.replace("\u00a0", " ")
    if "\t" in text:
        head, _tab, rest = text.partition("\t")
        return head.strip(), _SPACES.sub(" ", rest).strip()
    text = _SPACES.sub(" ", text).strip()
    if label and text.startswith(label) and (len(text) == len(label) or text[len(label)] == " "):
        return label, text[len(label) :].strip()
    return "", text


# The file's text of a version -------------------------------------------------------------------
_SEPARATOR = "ISCM-PRISTINE-SEPARATOR-{}"
_CACHE: dict[tuple[str, int], tuple[Paragraph, ...]] = {}
_CACHE_SIZE = 4096


def pristine(body_markdown: str, *, level: int) -> tuple[Paragraph, ...]:
    """The paragraphs the review export writes for a section body under a heading of ``level``,
    read back as the reader reads a file."""
    return pristine_many([(body_markdown, level)])[0]


def pristine_many(bodies) -> list[tuple[Paragraph, ...]]:
    """``pristine`` of many (body, level) pairs at once: one document written and read back for
    all the bodies not seen yet, as the export writes them one after the other."""
    keys = [(body or "", min(max(level, 0), 9)) for body, level in bodies]
    # Read into a dict of our own: another of the server's threads may clear the cache meanwhile.
    found = {k: _CACHE.get(k) for k in keys}
    missing = [k for k, value in found.items() if value is None and k[0].strip()]
    if missing:
        fresh = dict(zip(missing, _write_and_read(missing), strict=True))
        if len(_CACHE) + len(fresh) > _CACHE_SIZE:
            _CACHE.clear()
        _CACHE.update(fresh)
        found.update(fresh)
    return [found[k] or () for k in keys]


def _write_and_read(keys: list[tuple[str, int]]) -> list[tuple[Paragraph, ...]]:
    from ..exports.word.html import Context, HtmlWriter
    from ..exports.word.ooxml import Tracker
    from ..exports.word.template import open_template
    from ..rendering.markdown import render_markdown
    from .reader import read_docx

    document = open_template()
    writer = HtmlWriter(document, Tracker(lambda by: ("ISCM Tracker", None)))
    for number, (body, level) in enumerate(keys):
        document.add_paragraph(_SEPARATOR.format(number))
        context = Context(document, style="Normal", heading_base=min(level + 1, 9))
        writer.write(str(render_markdown(body)), context)
    document.add_paragraph(_SEPARATOR.format(len(keys)))
    writer.finish()
    out = io.BytesIO()
    document.save(out)
    paragraphs = read_docx(out.getvalue(), "pristine.docx").paragraphs
    parts: list[list[Paragraph]] = []
    for paragraph in paragraphs:
        if paragraph.text.startswith("ISCM-PRISTINE-SEPARATOR-"):
            parts.append([])
        elif parts:
            parts[-1].append(paragraph)
    return [tuple(part) for part in parts[: len(keys)]]


# Patching the section's own Markdown ------------------------------------------------------------
def _overlap(x: Edit, y: Edit) -> bool:
    if x.start == x.end and y.start == y.end:
        return x.start == y.start
    if x.start == x.end:
        return y.start < x.start < y.end
    if y.start == y.end:
        return x.start < y.start < x.end
    return x.start < y.end and y.start < x.end


def patch(base_markdown: str, pristine_markdown: str, proposed_markdown: str) -> str:
    """The section's new Markdown: the reviewer's edits (``pristine_markdown`` ->
    ``proposed_markdown``) applied to ``base_markdown``, a three-way word merge whose base is
    the pristine text. Where the reviewer's edit overlaps a place where the section's Markdown
    differs from the canonical one, the reviewer's text wins there."""
    if proposed_markdown == pristine_markdown:
        return base_markdown
    if base_markdown == pristine_markdown:
        return proposed_markdown
    base_tokens = tokenize(pristine_markdown)
    ours = edits(base_tokens, tokenize(base_markdown))
    theirs = edits(base_tokens, tokenize(proposed_markdown))
    kept = [e for e in ours if not any(_overlap(e, t) for t in theirs)]
    tagged = [(e, 0) for e in kept] + [(e, 1) for e in theirs]
    tokens = list(base_tokens)
    # From the end, so earlier ranges stay valid; at one place an insertion goes first, and the
    # section's own edit before the reviewer's.
    for edit, _side in sorted(
        tagged, key=lambda x: (x[0].start, x[0].end > x[0].start, x[1]), reverse=True
    ):
        tokens[edit.start : edit.end] = edit.tokens
    text = "".join(tokens)
    trailing = base_markdown[len(base_markdown.rstrip()) :]
    text = text.rstrip() + trailing if trailing and not text.endswith(trailing) else text
    # The word alignment of the section's Markdown with the canonical text can be wrong where
    # the Markdown says things differently (reference links, say): then the merged text would
    # not read as the reviewer's. Checked on what a reader sees; if it differs, the reviewer's
    # text as the file has it is proposed instead (losing the section's own Markdown style).
    if _shown(text) != _shown(proposed_markdown):
        return proposed_markdown
    return text


def _shown(markdown: str) -> str:
    from ..rendering.anchoring import plain_text
    from ..rendering.markdown import render_markdown

    return " ".join(plain_text(str(render_markdown(markdown))).split())


def normalised(markdown: str) -> str:
    """Whitespace-insensitive form, to compare two canonical texts."""
    return " ".join(markdown.split())
