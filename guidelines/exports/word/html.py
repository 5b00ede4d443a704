"""Our sanitised HTML (rendered Markdown, redlines) as Word paragraphs, lists and tables.

Only what ``rendering.markdown`` lets through is handled. Paragraphs are reflowed as HTML lays
them out (a line break only for a ``<br>``); lists become Word lists restarting where the HTML
list starts; tables become Word tables, with a header row repeated on each page. An ``<ins>`` or
``<del>`` made by ``rendering.redline`` (it carries ``data-by``) becomes a tracked change credited
to its contributors; a whole paragraph inserted or deleted has its paragraph mark tracked too,
and a table row marked inserted or deleted is a tracked row. Redline decorations (markers of who
made a change, the gap between a deletion and an insertion, "Moved here" labels) are left out:
Word shows authors itself.
"""

import base64
import binascii
import re
from dataclasses import dataclass, replace

import lxml.html
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH

from .ooxml import Tracker, header_row, new_list, number_paragraph, right_to_left
from .pieces import BREAK, DEL, IMAGE, INS, TEXT, Piece, attach_breaks, settle, whole_change
from .template import BULLETS, DECIMAL, DRAFT_PARAGRAPHS
from .xrefs import is_placeholder, xref_pieces

BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "blockquote", "pre",
    "div", "section", "hr",
}  # fmt: skip
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_STRONG = re.compile(r"[^\W\d_]")
_DATA_IMAGE = re.compile(r"^data:image/(png|jpe?g|gif|bmp);base64,(.+)$", re.S)


@dataclass(frozen=True)
class Context:
    container: object  # a python-docx Document or table cell
    style: str = "Normal"  # style of plain paragraphs
    numbered: bool = False  # plain paragraphs carry margin numbers
    heading_base: int = 3  # <h1> in a text becomes "Heading <heading_base>"
    level: int = -1  # list depth
    in_cell: bool = False


def _by(element) -> tuple[int, ...]:
    return tuple(int(n) for n in element.get("data-by", "").split() if n.isdigit())


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


class HtmlWriter:
    def __init__(self, document, tracker: Tracker) -> None:
        self.document = document
        self.tracker = tracker
        self._fresh: set[int] = set()  # cells whose first (empty) paragraph is still unused
        self._style_ids: dict[str, str] = {}  # style name -> id (python-docx looks up slowly)
        self._prefix: list[Piece] = []
        # Paragraph marks (see _track_mark): the run of paragraphs wholly inserted or deleted
        # being written, and the last paragraph before it with text of both readings.
        self._run: list[tuple] = []
        self._run_before: tuple | None = None
        self._before: tuple | None = None
        # ``[[key]]`` cross-references (word/xrefs.py); without a resolver (the review file)
        # they stay as typed, "[[key]]". ``xref_fields``: False where headings have no bookmark.
        self.xrefs = None
        self.xref_fields = True

    # Entry points ------------------------------------------------------------------------------
    def write(self, html: str, context: Context, *, prefix: list[Piece] | None = None) -> None:
        """Write an HTML fragment into ``context.container``; ``prefix`` opens the first
        paragraph (a cover-note number)."""
        if not html.strip():
            return
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        self._prefix = list(prefix or [])
        self._blocks(root, context)

    def paragraph(
        self,
        pieces: list[Piece],
        context: Context,
        *,
        style: str | None = None,
        num: tuple[int, int] | None = None,
        align: str | None = None,
    ):
        """One paragraph from pieces (None if nothing is left once whitespace is settled)."""
        pieces = self.settled(pieces)
        if not pieces:
            return None
        style = style or context.style
        paragraph = self._new_paragraph(context.container, style)
        if num is not None:
            number_paragraph(paragraph, *num)
        elif context.numbered and style == context.style:
            number_paragraph(paragraph, DRAFT_PARAGRAPHS)
        if align in _ALIGN:
            paragraph.alignment = _ALIGN[align]
        text = "".join(p.text for p in pieces)
        strong = _STRONG.search(text)
        if strong and _RTL.match(strong.group()):
            right_to_left(paragraph)
        self.tracker.write(paragraph, pieces)
        if not context.in_cell:
            self._track_mark(paragraph, pieces)
        return paragraph

    def _track_mark(self, paragraph, pieces: list[Piece], forced: tuple | None = None) -> None:
        """Collect runs of paragraphs wholly inserted or deleted: their paragraph marks are
        tracked too, so that rejecting (accepting) removes the paragraphs themselves; how is
        decided when the run ends (:meth:`_close_run`). ``forced``: (change, by) of a paragraph
        without words (the spacer after a table inserted or deleted whole)."""
        change, by = forced or (whole_change(pieces), ())
        if change is None:
            self._close_run(table_follows=False)
            self._before = (paragraph, pieces)
            return
        if not self._run:
            self._run_before = self._before
        if not forced:
            by = next((p.by for p in pieces if p.change == change), ())
        self._run.append((paragraph, change, by))

    def spacer(self, container, forced: tuple | None = None) -> None:
        """An empty paragraph after a table and at the end of the draft, in every export: what
        follows a table inserted or deleted whole, and the last paragraph of the document, can
        then always be removed by accepting or rejecting (a paragraph cannot be joined to a
        table, and a document's last paragraph mark cannot go)."""
        paragraph = self._new_paragraph(container, "ISCM Spacer")
        self._track_mark(paragraph, [], forced)

    def _close_run(self, *, table_follows: bool) -> None:
        """Each paragraph of the run gets its own mark tracked, except where LibreOffice would
        leave a paragraph behind: before a table (a paragraph cannot be joined to a table) and
        after text that ends with an insertion when the run starts with one (LibreOffice joins
        the two insertions, break included). There every mark moves one paragraph back, as Word
        records typing on and pressing Enter: the mark before each paragraph carries its change,
        the last paragraph keeps its own. Both encodings read the same, accepted or rejected."""
        run, before = self._run, self._run_before
        self._run = []
        if not run:
            return
        shift = False
        if before is not None:
            words = [p for p in before[1] if p.kind != TEXT or p.text.strip()]
            ends_inserted = bool(words) and words[-1].change == INS
            shift = table_follows or (run[0][1] == INS and ends_inserted)
        if shift:
            marks = [before[0], *[p for p, _c, _by in run[:-1]]]
        else:
            marks = [p for p, _c, _by in run]
        for paragraph, (_p, change, by) in zip(marks, run, strict=True):
            self.tracker.paragraph_mark(paragraph, change, by)
        self._before = None

    def finish(self) -> None:
        """Settle the paragraph marks of the last run (call once everything is written)."""
        self._close_run(table_follows=False)

    def settled(self, pieces: list[Piece]) -> list[Piece]:
        """A paragraph's pieces as written: the pending prefix first, line breaks inside a
        change given to it, whitespace settled for both readings."""
        if self._prefix:
            pieces, self._prefix = self._prefix + pieces, []
        return settle(attach_breaks(pieces))

    def _new_paragraph(self, container, style: str):
        if id(container) in self._fresh:
            self._fresh.discard(id(container))
            paragraph = container.paragraphs[0]
        else:
            paragraph = container.add_paragraph()
        style_id = self._style_ids.get(style)
        if style_id is None:
            style_id = self._style_ids[style] = self.document.styles[style].style_id
        paragraph._p.style = style_id
        return paragraph

    # Blocks -----------------------------------------------------------------------------------
    def _blocks(self, element, context: Context, *, first_num=None) -> None:
        """Children of a block element: inline runs gather into paragraphs between blocks.
        ``first_num``: numbering of the first paragraph (a list item's)."""
        pending: list[Piece] = self._text(element.text, Piece())
        state = {"num": first_num}

        def flush() -> None:
            if any(p.kind != TEXT or p.text.strip() for p in pending):
                self.paragraph(list(pending), context, num=state["num"])
                state["num"] = None
            pending.clear()

        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in BLOCKS:
                flush()
                self._block(child, context, state)
            elif tag:
                pending.extend(self._inline(child, Piece()))
            pending.extend(self._text(child.tail, Piece()))
        flush()

    def _block(self, element, context: Context, state: dict) -> None:
        tag = element.tag
        if tag == "p":
            num, state["num"] = state["num"], None
            pieces = self._children(element, Piece())
            if num is not None:
                self.paragraph(pieces, context, num=num)
            else:
                self.paragraph(pieces, context, align=element.get("align"))
        elif tag[0] == "h" and tag[1:].isdigit():
            level = min(9, context.heading_base + int(tag[1:]) - 1)
            self.paragraph(self._children(element, Piece()), context, style=f"Heading {level}")
        elif tag in ("ul", "ol"):
            self._list(element, context)
        elif tag == "li":
            self._blocks(element, context)
        elif tag == "table":
            self._table(element, context)
        elif tag == "blockquote":
            self._blocks(element, replace(context, style="Quote", numbered=False))
        elif tag == "pre":
            self._pre(element, context)
        elif tag in ("div", "section"):
            if "footnote" in _classes(element):
                context = replace(context, numbered=False)
            self._blocks(element, context, first_num=state.pop("num", None))
            state["num"] = None
        # <hr>: a rule is layout, not text; Word gets none.

    def _list(self, element, context: Context) -> None:
        level = min(context.level + 1, 8)
        if element.tag == "ol":
            start = element.get("start", "1")
            start = int(start) if start.isdigit() else 1
            num_id = new_list(self.document, DECIMAL, start, level)
        else:
            num_id = BULLETS
        inner = replace(context, style="List Paragraph", numbered=False, level=level)
        for item in element:
            if getattr(item, "tag", "") == "li":
                self._blocks(item, inner, first_num=(num_id, level))
            elif isinstance(item.tag, str):
                self._block(item, inner, {"num": None})

    def _pre(self, element, context: Context) -> None:
        """Code as it was typed: line breaks and spaces kept (changes in it stay tracked)."""
        pieces: list[Piece] = []
        for piece in self._children(element, Piece(code=True)):
            if piece.kind != TEXT:
                pieces.append(piece)
                continue
            for index, line in enumerate(piece.text.split("\n")):
                if index:
                    pieces.append(replace(piece, kind=BREAK, text=""))
                if line:
                    pieces.append(replace(piece, text=line.replace(" ", "\u00a0")))
        while pieces and pieces[-1].kind == BREAK:  # the newline that ends the block
            pieces.pop()
        self.paragraph(pieces, replace(context, numbered=False), style="ISCM Code")

    def _table(self, element, context: Context) -> None:
        rows = [tr for tr in element.iter("tr")]
        if not rows:
            return
        columns = max(len([c for c in tr if c.tag in ("td", "th")]) for tr in rows) or 1
        table = context.container.add_table(rows=len(rows), cols=columns)
        if not context.in_cell:
            self._close_run(table_follows=True)
            self._before = None  # nothing to join across a table
        table.style = "Table Grid"
        inner = replace(context, style="ISCM Table Text", numbered=False, in_cell=True)
        row_changes: list[tuple] = []
        for index, tr in enumerate(rows):
            row = table.rows[index]
            if tr.getparent() is not None and tr.getparent().tag == "thead":
                header_row(row)
            tracked: list[Piece] = []
            cells = [c for c in tr if c.tag in ("td", "th")]
            for column, cell_element in enumerate(cells):
                cell = table.cell(index, column)
                self._fresh.add(id(cell))
                base = Piece(bold=cell_element.tag == "th")
                pieces = self._children(cell_element, base)
                tracked.extend(p for p in pieces if p.change)
                align = cell_element.get("align") or _style_align(cell_element.get("style"))
                cell_context = replace(inner, container=cell)
                self.paragraph(pieces, cell_context, align=align)
            classes = _classes(tr)
            change = INS if "rl-row-ins" in classes else DEL if "rl-row-del" in classes else None
            by = next((p.by for p in tracked if p.change == change), ())
            if change is not None:
                self.tracker.row_mark(row, change, by)
            for column in range(len(cells), columns):
                self._fresh.discard(id(table.cell(index, column)))
            row_changes.append((change, by if change else ()))
        if not context.in_cell:
            whole = {c for c, _by in row_changes}
            forced = (
                (whole.pop(), row_changes[0][1]) if len(whole) == 1 and None not in whole else None
            )
            self.spacer(context.container, forced)

    # Inline -----------------------------------------------------------------------------------
    def _text(self, text: str | None, style: Piece) -> list[Piece]:
        return [replace(style, text=text)] if text else []

    def _children(self, element, style: Piece) -> list[Piece]:
        pieces = self._text(element.text, style)
        for child in element:
            if isinstance(child.tag, str):
                pieces.extend(self._inline(child, style))
            pieces.extend(self._text(child.tail, style))
        return pieces

    def _inline(self, element, style: Piece) -> list[Piece]:
        tag, classes = element.tag, _classes(element)
        if (
            (tag == "span" and classes & {"rl-gap", "rl-label"})
            or (tag == "sup" and "rl-by" in classes)
            or (tag == "a" and "footnote-backref" in classes)
        ):
            return []
        if tag == "br":
            return [replace(style, kind=BREAK, text="")]
        if tag == "img":
            return self._image(element, style)
        if tag == "a" and self.xrefs is not None and is_placeholder(element):
            key = element.get("data-xref", "")
            for child in element:  # in a redline: the reference inserted or deleted whole
                if child.tag in ("ins", "del") and child.get("data-by") is not None:
                    style = replace(style, change=INS if child.tag == "ins" else DEL, by=_by(child))
            return xref_pieces(key, self.xrefs.get(key), style, fields=self.xref_fields)
        if tag in ("strong", "b"):
            style = replace(style, bold=True)
        elif tag in ("em", "i"):
            style = replace(style, italic=True)
        elif tag == "u":
            style = replace(style, underline=True)
        elif tag in ("s", "strike"):
            style = replace(style, strike=True)
        elif tag == "code":
            style = replace(style, code=True)
        elif tag == "sup":
            style = replace(style, sup=True)
        elif tag == "sub":
            style = replace(style, sub=True)
        elif tag == "a":
            href = element.get("href", "")
            if href.startswith(("http://", "https://", "mailto:")):
                style = replace(style, link=href)
        elif tag in ("ins", "del"):
            if element.get("data-by") is None:  # typed by an author: formatting only
                style = (
                    replace(style, underline=True) if tag == "ins" else replace(style, strike=True)
                )
            else:
                style = replace(style, change=INS if tag == "ins" else DEL, by=_by(element))
        return self._children(element, style)

    def _image(self, element, style: Piece) -> list[Piece]:
        alt = (element.get("alt") or "").strip()
        found = _DATA_IMAGE.match(element.get("src", ""))
        if found:
            try:
                data = base64.b64decode(found.group(2), validate=False)
            except (binascii.Error, ValueError):
                data = None
            if data:
                return [replace(style, kind=IMAGE, text=alt or _("image"), image=data)]
        return [replace(style, text=f"[{alt}]", italic=True)] if alt else []


def _style_align(style: str | None) -> str | None:
    found = re.search(r"text-align:\s*(left|right|center|justify)", style or "")
    return found.group(1) if found else None
