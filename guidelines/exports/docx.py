"""Word export with python-docx: the same content as the PDF, headings as Word heading styles,
and redlines as native tracked changes (w:ins / w:del with author and date) that delegates can
accept or reject in Word."""

import io
from html.parser import HTMLParser
from itertools import count

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..rendering.markdown import render_markdown
from ..rendering.redline import render_redline
from .context import ExportContent

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "pre"}


class _Blocks(HTMLParser):
    """Sanitised HTML (ours) -> blocks of runs: (kind, [(text, bold, italic, change)])."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, list]] = []
        self.lists: list[str] = []
        self.bold = self.italic = 0
        self.change: str | None = None
        self.current: list | None = None
        self.kind = "p"

    def _open(self, kind: str) -> None:
        self._close()
        self.kind, self.current = kind, []

    def _close(self) -> None:
        if self.current is not None and any(text.strip() for text, *_ in self.current):
            self.blocks.append((self.kind, self.current))
        self.current = None

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            self._open("bullet" if (self.lists or ["ul"])[-1] == "ul" else "number")
        elif tag in BLOCKS:
            self._open("cell" if tag in ("td", "th") else tag)
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag in ("ins", "del"):
            self.change = tag
        elif tag == "tr":
            self._close()
            self.blocks.append(("row", []))
        elif tag == "br" and self.current is not None:
            self.current.append(("\n", False, False, self.change))

    def handle_endtag(self, tag) -> None:
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in BLOCKS or tag == "li":
            self._close()
        elif tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
        elif tag in ("ins", "del"):
            self.change = None

    def handle_data(self, data) -> None:
        if self.current is None:
            if not data.strip():
                return
            self._open("p")
        self.current.append((data, self.bold > 0, self.italic > 0, self.change))

    def result(self) -> list[tuple[str, list]]:
        self._close()
        return self.blocks


class DocxExporter:
    """``DocxExporter(content).render()`` -> .docx bytes."""

    def __init__(self, content: ExportContent, *, language: str = "en") -> None:
        self.content = content
        self.language = language
        self.ids = count(1)
        self.date = (
            content.snapshot.milestone.taken_at
            if content.snapshot.milestone
            else content.generated_at or timezone.now()
        )

    def render(self) -> bytes:
        with translation.override(self.language):
            doc = WordDocument()
            c = self.content
            if c.working_document is not None:
                self._cover(doc)
                for annex in c.annexes:
                    self._page_break(doc)
                    label = doc.add_paragraph(
                        _("Annex %(n)s to Doc. %(ref)s") % {"n": annex.number, "ref": c.reference}
                    )
                    label.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    doc.add_heading(annex.title, level=1)
                    getattr(self, f"_{annex.kind}")(doc)
            else:
                doc.add_heading(c.document.title, level=0)
                self._draft(doc)
            out = io.BytesIO()
            doc.save(out)
            return out.getvalue()

    # Parts -------------------------------------------------------------------------------------
    def _cover(self, doc) -> None:
        w = self.content.working_document
        for text, align in (
            (w.reference, WD_ALIGN_PARAGRAPH.RIGHT),
            (w.place_date, WD_ALIGN_PARAGRAPH.RIGHT),
        ):
            doc.add_paragraph(text).alignment = align
        title = doc.add_heading(w.title.upper(), level=0)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if w.subtitle:
            doc.add_paragraph(f"– {w.subtitle}").alignment = WD_ALIGN_PARAGRAPH.CENTER
        agenda = doc.add_paragraph()
        agenda.add_run(f"({w.agenda_item})").italic = True
        agenda.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for part in self.content.cover_note:
            if part.number:
                doc.add_heading(f"{part.number}. {part.title}", level=2)
            for paragraph in part.paragraphs:
                self._html(doc, str(paragraph.html), prefix=f"{paragraph.number}.\t")

    def _draft(self, doc) -> None:
        c = self.content
        if c.is_empty:
            doc.add_paragraph(_("This document has no sections yet."))
            return
        if c.comparison is not None:
            for e in c.comparison.entries:
                label = e.new_label or e.old_label
                self._heading(doc, f"{label} {e.heading}".strip(), 2)
                author = ", ".join(c.proposers.get(e.section_id, [])) or "ISCM Tracker"
                html = (
                    render_redline(e.body_diff, id_prefix=e.key)
                    if e.body_diff
                    else render_markdown(e.body, id_prefix=e.key)
                )
                self._html(doc, str(html), author=author)
            return
        for node in c.snapshot.tree.nodes:
            self._heading(
                doc, f"{node.label} {node.section.heading}".strip(), min(node.depth + 2, 4)
            )
            self._html(doc, str(render_markdown(node.section.body, id_prefix=node.key)))

    def _disposition(self, doc) -> None:
        rows = self.content.disposition
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells,
            ["#", _("Section"), _("Delegation"), _("Summary"), _("Decision")],
            strict=True,
        ):
            cell.text = str(text)
        for r in rows:
            cells = table.add_row().cells
            values = [
                r.proposal_id,
                f"{r.section_number} {r.section_heading}",
                r.delegation,
                f"{r.kind}: {r.summary}",
                f"{r.decision} {r.decision_reason}".strip(),
            ]
            for cell, value in zip(cells, values, strict=True):
                cell.text = str(value)

    def _mappings(self, doc) -> None:
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells, [_("Section"), _("SAFE standard"), _("Relation")], strict=True
        ):
            cell.text = str(text)
        for node in self.content.snapshot.tree.nodes:
            for m in self.content.mappings.get(node.section.id, []):
                cells = table.add_row().cells
                cells[0].text = f"{node.label} {node.section.heading}".strip()
                cells[
                    1
                ].text = f"P{m.standard.pillar.number}.S{m.standard.number} {m.standard.title}"
                cells[2].text = str(m.get_relation_display())

    # Building blocks -------------------------------------------------------------------------
    def _heading(self, doc, text: str, level: int) -> None:
        doc.add_heading(text, level=level)

    def _page_break(self, doc) -> None:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _html(self, doc, html: str, *, prefix: str = "", author: str = "ISCM Tracker") -> None:
        parser = _Blocks()
        parser.feed(html)
        for kind, runs in parser.result():
            if kind == "row":  # table cells follow as paragraphs of their own
                continue
            style = {"bullet": "List Bullet", "number": "List Number", "blockquote": "Quote"}.get(
                kind
            )
            if kind.startswith("h") and kind[1:].isdigit():
                paragraph = doc.add_heading(level=min(int(kind[1:]) + 2, 6))
            else:
                paragraph = doc.add_paragraph(style=style)
            if prefix:
                paragraph.add_run(prefix)
                prefix = ""
            for text, bold, italic, change in runs:
                self._run(paragraph, text, bold=bold, italic=italic, change=change, author=author)

    def _run(
        self, paragraph, text: str, *, bold: bool, italic: bool, change: str | None, author: str
    ) -> None:
        if change is None:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold or None, italic or None
            return
        wrapper = OxmlElement("w:ins" if change == "ins" else "w:del")
        wrapper.set(qn("w:id"), str(next(self.ids)))
        wrapper.set(qn("w:author"), author)
        wrapper.set(qn("w:date"), self.date.strftime("%Y-%m-%dT%H:%M:%SZ"))
        run = OxmlElement("w:r")
        props = OxmlElement("w:rPr")
        if bold:
            props.append(OxmlElement("w:b"))
        if italic:
            props.append(OxmlElement("w:i"))
        if len(props):
            run.append(props)
        body = OxmlElement("w:t" if change == "ins" else "w:delText")
        body.set(qn("xml:space"), "preserve")
        body.text = text
        run.append(body)
        wrapper.append(run)
        paragraph._p.append(wrapper)
