"""Read a .docx into a ``WordFile``: the body's paragraphs in document order (table cells
included), each with its runs, tracked changes, formatting, hyperlinks, comment ranges and
bookmarks; the Word comments with their replies; the document properties.

``read_docx(data, filename)`` checks the upload first (``safety.check_upload``) and raises
``UnreadableFile`` with a message for the person who uploaded it. lxml walks the parts directly
(python-docx drops what matters here: tracked changes, comment ranges, content controls)."""

import re
import zipfile
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from .ooxml_read import Context, monospace, on, val, w
from .safety import check_upload, damaged_message, main_part, parse_xml, read_part
from .types import (
    DEL,
    INS,
    MOVE_FROM,
    MOVE_TO,
    PLAIN,
    Cell,
    Paragraph,
    Run,
    UnreadableFile,
    WordFile,
)

_CHANGES = {w("ins"): INS, w("del"): DEL, w("moveFrom"): MOVE_FROM, w("moveTo"): MOVE_TO}
# Containers whose children are read as if they stood in their place.
_TRANSPARENT = {
    w("smartTag"),
    w("customXml"),
    w("fldSimple"),
    w("dir"),
    w("bdo"),
    w("sdtContent"),
}
_TEXT = {
    w("t"): None,
    w("delText"): None,
    w("tab"): "\t",
    w("br"): "\n",
    w("cr"): "\n",
    w("noBreakHyphen"): "-",
    w("softHyphen"): "",
}


# HYPERLINK "url" [\\l "anchor"] (or HYPERLINK \\l "anchor" alone).
_HYPERLINK = re.compile(
    r'\s*HYPERLINK\s+(?:"([^"]*)"|([^\s\\]+))?(?:.*?\\l\s+"([^"]*)")?', re.IGNORECASE
)


# A review file of a 3,000-section draft has some 15,000 paragraphs; reading costs about 30 µs a
# paragraph, so the cap keeps any upload to a few seconds and a few hundred MB.
MAX_PARAGRAPHS = 60_000


def read_docx(data: bytes, filename: str) -> WordFile:
    archive = check_upload(data, filename)
    try:
        return _read(archive, filename)
    except (ValueError, KeyError, IndexError, OSError, zipfile.BadZipFile) as error:
        # Malformed values (a comment id that is not a number…): not a file Word wrote.
        raise UnreadableFile(damaged_message()) from error
    finally:
        archive.close()


def _read(archive: zipfile.ZipFile, filename: str) -> WordFile:
    main = main_part(archive)
    context = Context(archive, main)
    body = parse_xml(read_part(archive, main)).find(w("body"))
    if body is not None and sum(1 for _p in body.iter(w("p"))) > MAX_PARAGRAPHS:
        raise UnreadableFile(
            _(
                "The file has more than %(n)s paragraphs: it is not a review of this document. "
                "Nothing was read."
            )
            % {"n": f"{MAX_PARAGRAPHS:,}"}
        )
    walker = _Walker(context)
    if body is not None:
        walker.blocks(body)
    properties, modified_by, application = context.properties()
    return WordFile(
        filename=filename,
        properties=properties,
        paragraphs=tuple(walker.paragraphs),
        comments=context.comments(),
        last_modified_by=modified_by,
        application=application,
    )


@dataclass
class _Inline:
    """The state of the inline walk within one paragraph."""

    change: str = PLAIN
    author: str = ""
    link: str = ""


@dataclass
class _Pending:
    runs: list = field(default_factory=list)
    bookmarks: list = field(default_factory=list)
    comments: list = field(default_factory=list)


class _Walker:
    def __init__(self, context: Context):
        self.context = context
        self.paragraphs: list[Paragraph] = []
        self.tables = 0
        self.active: dict[int, None] = {}  # comment ranges open, in order
        self.covered: set[int] = set()  # comments whose range covered a run
        self.ranged: set[int] = set()  # comments with a range start
        # Complex fields (w:fldChar begin/separate/end), innermost last: [in its instructions,
        # the instructions so far]. Only a field's result is text; a HYPERLINK field's result
        # is a link.
        self.fields: list[list] = []
        self.next_bookmarks: list[str] = []  # started between paragraphs
        self.pending = _Pending()
        self.loose_comments: list[int] = []  # ranges closed between paragraphs, empty
        self.code_style = False  # the paragraph's style is monospaced

    # Blocks -------------------------------------------------------------------------------------
    def blocks(self, parent, cell: Cell | None = None) -> None:
        for child in parent:
            tag = child.tag
            if tag == w("p"):
                self.paragraph(child, cell)
            elif tag == w("tbl"):
                self.table(child, cell)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.blocks(content, cell)
            elif tag in _TRANSPARENT or tag in _CHANGES:
                self.blocks(child, cell)
            elif tag == w("bookmarkStart"):
                self.next_bookmarks.append(child.get(w("name"), ""))
            else:
                self.marker(child, between=True)

    def table(self, tbl, outer: Cell | None) -> None:
        if outer is None:
            index, self.tables = self.tables, self.tables + 1
        for r, tr in enumerate(_children(tbl, "tr")):
            trpr = tr.find(w("trPr"))
            row_change = PLAIN
            if trpr is not None:
                if trpr.find(w("ins")) is not None:
                    row_change = INS
                elif trpr.find(w("del")) is not None:
                    row_change = DEL
            header = bool(on(trpr, "tblHeader"))
            for c, tc in enumerate(_children(tr, "tc")):
                # A nested table's paragraphs belong to the outer cell they sit in.
                where = outer or Cell(table=index, row=r, cell=c, header=header)
                if outer is None and row_change:
                    where = Cell(index, r, c, header=header, row_change=row_change)
                self.blocks(tc, where)

    # Paragraphs -------------------------------------------------------------------------------
    def paragraph(self, p, cell: Cell | None) -> None:
        ppr = p.find(w("pPr"))
        style_id = val(ppr, "pStyle")
        numpr = ppr.find(w("numPr")) if ppr is not None else None
        mark = PLAIN
        mark_rpr = ppr.find(w("rPr")) if ppr is not None else None
        if mark_rpr is not None:
            for tag, change in _CHANGES.items():
                if mark_rpr.find(tag) is not None:
                    mark = change
        self.pending = _Pending(bookmarks=self.next_bookmarks, comments=self.loose_comments)
        self.next_bookmarks, self.loose_comments = [], []
        self.code_style = self.context.style_code(style_id)
        self.inline(p, _Inline())
        kind, level = self.context.list_of(
            style_id, val(numpr, "numId"), val(numpr, "ilvl") if numpr is not None else None
        )
        self.paragraphs.append(
            Paragraph(
                index=len(self.paragraphs),
                runs=tuple(_merge(self.pending.runs)),
                style=self.context.style_name(style_id),
                heading_level=self.context.heading_level(style_id, val(ppr, "outlineLvl")),
                list_kind=kind,
                list_level=level,
                mark=mark,
                bookmarks=tuple(self.pending.bookmarks),
                cell=cell,
                comments=tuple(dict.fromkeys(self.pending.comments)),
            )
        )

    def inline(self, parent, state: _Inline) -> None:
        for child in parent:
            tag = child.tag
            if tag == w("r"):
                self.run(child, state)
            elif tag in _CHANGES:
                self.inline(child, _Inline(_CHANGES[tag], child.get(w("author"), ""), state.link))
            elif tag == w("hyperlink"):
                rid = child.get(
                    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
                )
                link = self.context.rels.get(rid, "") if rid else ""
                if not link and child.get(w("anchor")):
                    link = "#" + child.get(w("anchor"))
                self.inline(child, _Inline(state.change, state.author, link))
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.inline(content, state)
            elif tag in _TRANSPARENT:
                self.inline(child, state)
            elif tag == w("bookmarkStart"):
                self.pending.bookmarks.append(child.get(w("name"), ""))
            else:
                self.marker(child)

    def marker(self, element, between: bool = False) -> None:
        """Comment range starts and ends (and point comments' references)."""
        tag = element.tag
        if tag not in (w("commentRangeStart"), w("commentRangeEnd")):
            return
        try:
            comment = int(element.get(w("id"), ""))
        except ValueError:
            return
        if tag == w("commentRangeStart"):
            self.active[comment] = None
            self.ranged.add(comment)
            return
        self.active.pop(comment, None)
        if comment not in self.covered:
            if between:  # told on the next paragraph
                self.loose_comments.append(comment)
            else:
                self.pending.comments.append(comment)

    def run(self, r, state: _Inline) -> None:
        rpr = r.find(w("rPr"))
        parts: list[str] = []
        for child in r:
            tag = child.tag
            if tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    self.fields.append([True, ""])
                elif kind == "separate" and self.fields:
                    self.fields[-1][0] = False
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif tag == w("commentReference"):
                comment = int(child.get(w("id"), "-1"))
                if comment not in self.ranged:  # a point comment (no range)
                    self.pending.comments.append(comment)
            elif tag == w("instrText") and self.fields:
                self.fields[-1][1] += child.text or ""
            elif tag in _TEXT and not any(f[0] for f in self.fields):
                fixed = _TEXT[tag]
                if tag == w("br") and child.get(w("type")) in ("page", "column"):
                    fixed = "\n"
                parts.append(child.text or "" if fixed is None else fixed)
        text = "".join(parts)
        if not text:
            return
        comments = tuple(self.active)
        self.covered.update(comments)
        style = val(rpr, "rStyle")
        self.pending.runs.append(
            Run(
                text=text,
                change=state.change,
                author=state.author,
                bold=bool(on(rpr, "b")),
                italic=bool(on(rpr, "i")),
                strike=bool(on(rpr, "strike") or on(rpr, "dstrike")),
                code=monospace(rpr) or self.code_style or self.context.style_code(style),
                link=state.link or self.field_link(),
                comments=comments,
            )
        )

    def field_link(self) -> str:
        for _kind, instruction in reversed(self.fields):
            match = _HYPERLINK.match(instruction)
            if match:
                target = match.group(1) or match.group(2) or ""
                return target if not match.group(3) else f"{target}#{match.group(3)}"
        return ""


def _children(parent, tag: str):
    """``parent``'s ``tag`` children, also those wrapped in content controls or custom XML."""
    for child in parent:
        if child.tag == w(tag):
            yield child
        elif child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == w("customXml"):
            yield from _children(child, tag)


def _merge(runs: list[Run]) -> list[Run]:
    """Neighbouring runs that differ only in their text, as one."""
    out: list[Run] = []
    for run in runs:
        if out and _same(out[-1], run):
            out[-1] = replace(out[-1], text=out[-1].text + run.text)
        else:
            out.append(run)
    return out


def _same(a: Run, b: Run) -> bool:
    return (a.change, a.author, a.bold, a.italic, a.code, a.strike, a.link, a.comments) == (
        b.change,
        b.author,
        b.bold,
        b.italic,
        b.code,
        b.strike,
        b.link,
        b.comments,
    )
