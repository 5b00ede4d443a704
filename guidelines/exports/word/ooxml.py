"""WordprocessingML written by hand where python-docx has no API: tracked changes (runs, paragraph
marks, table rows), fields, list numbering, hyperlinks."""

import hashlib
import io
from collections.abc import Callable
from datetime import datetime
from functools import partial
from itertools import count

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run

from .pieces import BREAK, DEL, IMAGE, INS, TAB, Piece

# Children of w:pPr in schema order (ECMA-376 CT_PPr).
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)  # fmt: skip
Credit = Callable[[tuple[int, ...]], tuple[str, datetime]]  # by -> (author, date)


def _on(parent, tag: str, value: str | None = None):
    element = OxmlElement(tag)
    if value is not None:
        element.set(qn("w:val"), value)
    parent.append(element)
    return element


def ppr_add(paragraph, tag: str):
    """A child of the paragraph's properties, in the place the schema gives it."""
    ppr = paragraph._p.get_or_add_pPr()
    found = ppr.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    successors = PPR_ORDER[PPR_ORDER.index(tag) + 1 :]
    ppr.insert_element_before(element, *successors)
    return element


class Tracker:
    """Writes runs (tracked or not) into paragraphs; one instance per document (unique ids)."""

    def __init__(self, credit: Credit) -> None:
        self.credit = credit
        self.ids = count(1)

    def mark(self, tag: str, by: tuple[int, ...]):
        """A w:ins or w:del element with id, author and date."""
        author, date = self.credit(by)
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(next(self.ids)))
        element.set(qn("w:author"), author)
        element.set(qn("w:date"), date.strftime("%Y-%m-%dT%H:%M:%SZ"))
        return element

    def paragraph_mark(self, paragraph, change: str, by: tuple[int, ...]) -> None:
        """Track the paragraph mark itself (w:pPr/w:rPr/w:ins|w:del)."""
        rpr = ppr_add(paragraph, "w:rPr")
        rpr.append(self.mark("w:ins" if change == INS else "w:del", by))

    def row_mark(self, row, change: str, by: tuple[int, ...]) -> None:
        """Track a whole table row (w:trPr/w:ins|w:del)."""
        trpr = row._tr.get_or_add_trPr()
        trpr.append(self.mark("w:ins" if change == INS else "w:del", by))

    def write(self, paragraph, pieces: list[Piece]) -> None:
        """Append the pieces to ``paragraph``: changes grouped in w:ins/w:del, links as
        hyperlinks."""
        group = None  # (change, by, element) of the open w:ins/w:del
        for piece in pieces:
            if piece.change is None:
                group = None
                parent = paragraph._p
                if piece.link:
                    parent = self._hyperlink(paragraph, piece.link)
            else:
                if group is None or group[:2] != (piece.change, piece.by):
                    tag = "w:ins" if piece.change == INS else "w:del"
                    group = (piece.change, piece.by, self.mark(tag, piece.by))
                    paragraph._p.append(group[2])
                parent = group[2]
            if piece.field:
                result = partial(self._run, paragraph, parent, piece)
                _field_runs(parent, piece.field, result)
            else:
                self._run(paragraph, parent, piece)

    def _hyperlink(self, paragraph, url: str):
        r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), r_id)
        paragraph._p.append(link)
        return link

    def _run(self, paragraph, parent, piece: Piece) -> None:
        r = OxmlElement("w:r")
        parent.append(r)
        rpr = OxmlElement("w:rPr")
        if piece.code:
            fonts = _on(rpr, "w:rFonts")
            for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
                fonts.set(qn(attribute), "Courier New")
        if piece.bold:
            _on(rpr, "w:b")
        if piece.italic:
            _on(rpr, "w:i")
        if piece.strike:
            _on(rpr, "w:strike")
        if piece.link:
            _on(rpr, "w:color", "1F4E79")
        if piece.underline or piece.link:
            _on(rpr, "w:u", "single")
        if piece.sup or piece.sub:
            _on(rpr, "w:vertAlign", "superscript" if piece.sup else "subscript")
        if len(rpr):
            r.append(rpr)
        if piece.kind == BREAK:
            _on(r, "w:br")
        elif piece.kind == TAB:
            _on(r, "w:tab")
        elif piece.kind == IMAGE and piece.image is not None:
            try:
                Run(r, paragraph).add_picture(io.BytesIO(piece.image))
            except Exception:  # noqa: BLE001  (an image Word cannot take: its alt text instead)
                self._text(r, piece.text, piece.change)
        else:
            self._text(r, piece.text, piece.change)

    def _text(self, r, text: str, change: str | None) -> None:
        t = OxmlElement("w:delText" if change == DEL else "w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)


def number_paragraph(paragraph, num_id: int, level: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id


def new_list(document, abstract_id: int, start: int = 1, level: int = 0) -> int:
    """A new w:num on an abstract numbering whose ``level`` restarts at ``start`` (an ordered
    list, nested at that level)."""
    numbering = document.part.numbering_part.element
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=level).add_startOverride(start)
    return num.numId


def field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES …) that Word and LibreOffice compute when laying out."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("text", placeholder), ("end", None)):  # fmt: skip
        r = OxmlElement("w:r")
        if kind == "instr":
            instr = _on(r, "w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
        elif kind == "text":
            _on(r, "w:t").text = text
        else:
            _on(r, "w:fldChar").set(qn("w:fldCharType"), kind)
        paragraph._p.append(r)


def _field_runs(parent, instruction: str, result) -> None:
    """A complex field in ``parent``: begin, instruction, separate, ``result()`` (the cached
    result's run, what a reader sees before fields are updated), end."""
    for kind in ("begin", "instr", "separate", "result", "end"):
        if kind == "result":
            result()
            continue
        r = OxmlElement("w:r")
        if kind == "instr":
            instr = _on(r, "w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
        else:
            _on(r, "w:fldChar").set(qn("w:fldCharType"), kind)
        parent.append(r)


def xref_bookmark(key: str) -> str:
    """The bookmark around a section's number that REF fields of ``[[key]]`` point to: a valid
    Word name (letters, digits, "_"; at most 40 characters), hidden by its leading underscore
    ("_Ref…" like Word's own cross-references); never the review file's ``_iscm_`` anchors."""
    return "_Ref_" + hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:16]


def bookmark_run(paragraph, run_element, name: str, bookmark_id: int) -> None:
    """A bookmark ``name`` around one run (``run_element``, a w:r of ``paragraph``)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    run_element.addprevious(start)
    run_element.addnext(end)


def header_row(row) -> None:
    """Repeat the row at the top of every page the table runs over."""
    _on(row._tr.get_or_add_trPr(), "w:tblHeader")


def right_to_left(paragraph) -> None:
    ppr_add(paragraph, "w:bidi")


def tag_runs(elements, code: str) -> None:
    """Mark every run in ``elements`` as written in ``code`` (e.g. "en-GB"), whatever the
    document's default language, so Word spell-checks it in its own language."""
    for element in elements:
        for run in element.iter(qn("w:r")):
            rpr = run.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                run.insert(0, rpr)
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = OxmlElement("w:lang")
                rpr.append(lang)
            lang.set(qn("w:val"), code)
