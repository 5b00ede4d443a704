"""The bilingual review as a Word file: one table, English | French, a row per section (its
numbered heading and text in each language), a shaded row above a section whose translation is
out of date or missing. Each cell's runs carry their language (spelling is checked in it) and
French spacing is set on the French only."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from ...rendering.markdown import render_markdown, warm
from ...rendering.typography import french_spacing, french_typography_html
from ..bilingual import BilingualContent
from .base import LANGUAGES, WordExporter
from .html import Context
from .ooxml import bookmark_run, header_row, tag_runs, xref_bookmark
from .pieces import Piece

SHADE = {"out_of_date": "F2F2F2", "missing": "FBEAEA"}


def runs_language(cell, code: str) -> None:
    """Every run of the cell in ``code`` (e.g. "fr-FR"), whatever the document's default."""
    tag_runs([cell._tc], code)


def shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


class BilingualDocxExporter(WordExporter):
    """``BilingualDocxExporter(content).render()`` -> .docx bytes."""

    content: BilingualContent

    def _write(self) -> None:
        self.writer.xrefs = self.content.xref  # [[key]]: REF fields to the English headings
        self._title()
        self._table()

    def _titles(self) -> tuple[str, str]:
        c = self.content
        return f"{c.document.title} – {c.title}", c.document.title

    def _plain(self, text: str, style: str):
        context = Context(self.document)
        return self.writer.paragraph([Piece(text=text)], context, style=style)

    def _title(self) -> None:
        c = self.content
        self._plain(self._typeset(c.subtitle), "ISCM Reference")
        self._plain(c.document.title, "ISCM Document Title")
        self._plain(self._typeset(c.title), "ISCM Agenda Item")
        self._plain(self._typeset(c.totals_text), "ISCM Legend")

    def _table(self) -> None:
        c = self.content
        if c.is_empty:
            self._plain(self._typeset(_("This document has no sections yet.")), "Normal")
            return
        warm(  # both columns' HTML in one cache query, with this file's id prefixes
            (text, f"{item.node.key}-{language}")
            for item in c.items
            for text, language in ((item.node.section.body, "en"), (item.french_body, "fr"))
        )
        rows = 1 + sum(2 if item.flag else 1 for item in c.items)
        table = self.document.add_table(rows=rows, cols=2)
        table.style = "Table Grid"
        table.autofit = False
        for column in table.columns:
            for cell in column.cells:
                cell.width = Mm(84)
        header_row(table.rows[0])
        headings = [pgettext("column heading", "English"), pgettext("column heading", "French")]
        for cell, text in zip(table.rows[0].cells, headings, strict=True):
            cell.text = self._typeset(text)
            cell.paragraphs[0].style = "ISCM Table Text"
            cell.paragraphs[0].runs[0].bold = True
        index = 1
        for item in c.items:
            if item.flag:
                merged = table.cell(index, 0).merge(table.cell(index, 1))
                merged.text = self._typeset(item.flag)
                merged.paragraphs[0].style = "ISCM Legend"
                shade(merged, SHADE.get(item.state, "F2F2F2"))
                index += 1
            english, french = table.rows[index].cells
            self._cell(english, item.english_title, item.node.section.body, item, "en")
            if item.row.translation is not None:
                self._cell(french, item.french_title, item.french_body, item, "fr")
            else:
                french.text = self._typeset(_("No French translation yet."))
                french.paragraphs[0].style = "ISCM Legend"
            index += 1

    def _bookmark_number(self, paragraph, key: str, label: str) -> None:
        """Split the heading's run after the number and bookmark the number."""
        run = paragraph.runs[0]
        text = run.text
        if not text.startswith(label):
            return
        run.text = label
        rest = paragraph.add_run(text[len(label) :])
        rest.bold = True
        self._xref_bookmarks = getattr(self, "_xref_bookmarks", 1000) + 1
        bookmark_run(paragraph, run._r, xref_bookmark(key), self._xref_bookmarks)

    def _cell(self, cell, title: str, body: str, item, language: str) -> None:
        """A section in one language: its numbered heading (bold), then its text."""
        french = language == "fr"
        cell.text = french_spacing(title) if french else title
        cell.paragraphs[0].style = "ISCM Table Text"
        for run in cell.paragraphs[0].runs:
            run.bold = True
        if not french and item.node.label:  # the number, bookmarked for [[key]] references
            self._bookmark_number(cell.paragraphs[0], item.node.key, item.node.label)
        html = str(render_markdown(body, id_prefix=f"{item.node.key}-{language}"))
        html = french_typography_html(html) if french else html
        context = Context(cell, style="ISCM Table Text", in_cell=True, heading_base=4)
        self.writer.write(html, context)
        runs_language(cell, LANGUAGES[language])
