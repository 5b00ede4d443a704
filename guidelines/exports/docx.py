"""Word export: the same document as the PDF, on the project's A4 template, with the redline as
native tracked changes that Word and LibreOffice accept or reject.

Every change is credited to the history row that made it (``w:author``: delegation and person,
``w:date``: that row's date). Sections added, deleted or moved are tracked with their headings
and paragraph marks: a moved section is deleted at its old place and inserted at its new one, so
"Accept all" gives the newer draft and "Reject all" the older one, paragraph by paragraph.
"""

from contextlib import contextmanager
from datetime import datetime

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from ..rendering.attribution import whole_diff
from ..rendering.diff import DELETE, INSERT, Segment
from ..rendering.markdown import render_markdown, warm
from ..rendering.numbering import shown_label
from ..rendering.redline import render_redline
from ..rendering.typography import french_spacing, french_typography_html
from ..selectors.redline import MOVED_FROM, MOVED_TO, RedlineEntry
from .context import ExportContent
from .redline import change_note, legend, legend_people, shown_title
from .word.base import LANGUAGES, WordExporter
from .word.html import Context
from .word.integration import IntegrationMixin
from .word.ooxml import bookmark_run, header_row, tag_runs, xref_bookmark
from .word.pieces import DEL, INS, TAB, Piece
from .word.tables import TablesMixin


class DocxExporter(IntegrationMixin, TablesMixin, WordExporter):
    """``DocxExporter(content).render()`` -> .docx bytes."""

    content: ExportContent

    def _write(self) -> None:
        c = self.content
        # [[key]] references: REF fields to the bookmarked numbers of the clean draft; a
        # redline's headings have none, so there the number is text.
        self.writer.xrefs, self.writer.xref_fields = c.xref, c.redline is None
        warm(c.texts())  # the sections' HTML in one cache query
        if c.working_document is not None:
            self._cover()
            for annex in c.annexes:
                self._annex_start(annex)
                getattr(self, f"_{annex.kind}")(heading_base=2)
        else:
            self._title_page()
            self._draft(heading_base=1)

    # Credits ----------------------------------------------------------------------------------
    def _credit(self, by: tuple[int, ...]) -> tuple[str, datetime]:
        redline = self.content.redline
        if redline is not None and by:
            people = [redline.contributors[i] for i in by]
            return "; ".join(p.author for p in people), max(p.at for p in people)
        # A number that changed because other sections moved: nobody's edit; in a French
        # redline, also a change of the French text (translations are not credited).
        if self.content.translation_legend:
            return _("ISCM Tracker (numbering, translation)"), self.content.issued
        return _("ISCM Tracker (numbering)"), self.content.issued

    # The document around the text --------------------------------------------------------------
    def _titles(self) -> tuple[str, str]:
        c, w = self.content, self.content.edition
        title = f"{w.reference} – {w.title}" if w else c.draft_title
        return title, ((w.subtitle or c.draft_title) if w else c.snapshot.label)

    def _page_furniture(self) -> None:
        """The running header and footer; a working document's first page has the WCO's
        limited-printing footer."""
        super()._page_furniture()
        section = self.document.sections[0]
        if self.content.working_document is None:
            return
        first = section.first_page_footer
        lines = [
            _(
                "For reasons of economy, documents are printed in limited number. Delegates are "
                "kindly asked to bring their copies to meetings and not to request additional "
                "copies."
            ),
            _(
                "Copyright © %(year)s World Customs Organization. All rights reserved. Requests "
                "and inquiries concerning translation, reproduction and adaptation rights should "
                "be addressed to copyright@wcoomd.org."
            )
            % {"year": self.content.copyright_year},
        ]
        first.paragraphs[0].text = self._typeset(lines[0])
        first.paragraphs[0].style = "ISCM First Footer"
        first.add_paragraph(self._typeset(lines[1]), style="ISCM First Footer")

    def _typeset_html(self, html: str) -> str:
        return french_typography_html(html) if self.language == "fr" else html

    def _plain(self, text: str, style: str, **options):
        return self.writer.paragraph([Piece(text=text)], self.body, style=style, **options)

    def _label(self, text: str, style: str, **options):
        """A paragraph of the edition's own words (typeset), not of the draft's text."""
        return self._plain(self._typeset(text), style, **options)

    def _cover(self) -> None:
        w = self.content.edition
        self._plain(w.reference, "ISCM Reference")
        self._label(w.place_date, "ISCM Place Date")
        own = w.typeset  # the English standing in for a French field keeps its typography
        (self._label if own("title") else self._plain)(w.title, "ISCM Document Title")
        if w.subtitle:
            (self._label if own("subtitle") else self._plain)(f"– {w.subtitle}", "ISCM Subtitle")
        if self.content.cover_agenda:
            label = self._label if own("agenda") else self._plain
            label(self.content.cover_agenda, "ISCM Agenda Item")
        if w.purpose:
            html = str(render_markdown(w.purpose, id_prefix="purpose"))
            self.writer.write(self._typeset_html(html) if own("purpose") else html, self.body)
        cover = Context(self.document, style="ISCM Cover Paragraph", level=0)
        for part in self.content.cover_note:
            label = self._label if own("cover_note") else self._plain
            if part.number:
                label(f"{part.number}. {part.title}", "Heading 1")
            for paragraph in part.paragraphs:
                number = [Piece(text=f"{paragraph.number}."), Piece(kind=TAB)]
                html = str(paragraph.html)
                html = self._typeset_html(html) if own("cover_note") else html
                self.writer.write(html, cover, prefix=number)
        self._plain("*", "ISCM End Mark")
        self._plain("* *", "ISCM End Mark")

    def _title_page(self) -> None:
        c = self.content
        self._plain(c.snapshot.label, "ISCM Reference")
        self._plain(c.draft_title, "Title")
        if c.redline is not None:
            self._plain(
                _("Changes from “%(a)s” to “%(b)s”")
                % {"a": c.redline.old.label, "b": c.snapshot.label},
                "ISCM Agenda Item",
            )

    def _annex_start(self, annex) -> None:
        label = self._label(
            _("Annex %(n)s to Doc. %(ref)s") % {"n": annex.number, "ref": self.content.reference},
            "ISCM Annex Label",
        )
        label.paragraph_format.page_break_before = True
        title = self._label(annex.title, "Heading 1")
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # The draft --------------------------------------------------------------------------------
    def _draft(self, *, heading_base: int) -> None:
        c = self.content
        if c.english_only_note:
            self._label(c.english_only_note, "ISCM Legend")
        if c.redline is not None:
            self._legend()
            for entry in c.redline.entries:
                self._entry(entry, heading_base)
            self.writer.spacer(self.document)
            return
        if c.is_empty:
            self._plain(_("This document has no sections yet."), "Normal")
            return
        for item in c.draft_nodes:
            node = item.node
            level = min(heading_base + node.depth, 9)
            with self._runs_in(item.lang):
                self._numbered_heading(item, f"Heading {level}")
            if item.fallback:
                self._label(c.fallback_note, "ISCM Legend")
            html = str(render_markdown(node.section.body, id_prefix=node.key))
            html = html if item.lang else self._typeset_html(html)
            with self._runs_in(item.lang):
                self.writer.write(html, self._body_context(level))
        self.writer.spacer(self.document)

    def _numbered_heading(self, item, style: str) -> None:
        """A section's number and heading; the number in the bookmark that ``[[key]]``
        references' REF fields show (``word.ooxml.xref_bookmark``)."""
        heading = item.node.section.heading
        typeset = (lambda text: text) if item.lang else self._typeset
        if not item.label:
            self._plain(typeset(heading), style)
            return
        pieces = [Piece(text=typeset(item.label)), Piece(text=typeset(f" {heading}"))]
        paragraph = self.writer.paragraph(pieces, self.body, style=style)
        runs = paragraph._p.findall(qn("w:r")) if paragraph is not None else []
        if runs:
            self._xref_bookmarks = getattr(self, "_xref_bookmarks", 1000) + 1
            bookmark_run(paragraph, runs[0], xref_bookmark(item.node.key), self._xref_bookmarks)

    def _body_context(self, level: int, *, numbered: bool = True) -> Context:
        return Context(
            self.document,
            style="ISCM Draft Paragraph" if self.content.line_numbers and numbered else "Normal",
            numbered=self.content.line_numbers and numbered,
            heading_base=min(level + 1, 9),
        )

    def _legend(self) -> None:
        """How to read the redline and a table of what changed where: before the draft, so the
        draft itself holds only the text and its tracked changes."""
        redline = self.content.redline
        for line in legend(redline, word=True) + self.content.translation_legend:
            self._label(line, "ISCM Legend")
        for line in legend_people(redline):
            self._plain(f"• {line}", "ISCM Legend")
        changed = [e for e in redline.entries if e.changed]
        if not changed:
            return
        table = self.document.add_table(rows=1 + len(changed), cols=2)
        table.style = "Table Grid"
        header_row(table.rows[0])
        for cell, text in zip(table.rows[0].cells, [_("Section"), _("Change")], strict=True):
            cell.text = str(text)
            cell.paragraphs[0].style = "ISCM Table Text"
            cell.paragraphs[0].runs[0].bold = True
        for row, entry in zip(table.rows[1:], changed, strict=True):
            title = f"{shown_label(entry.label_text)} {entry.heading_text}".strip()
            texts = [
                title if self.content.lang_attr(entry.section_id) else self._typeset(title),
                self._typeset(change_note(entry, redline)),
            ]
            for cell, text in zip(row.cells, texts, strict=True):
                cell.text = text
                cell.paragraphs[0].style = "ISCM Table Text"

    def _entry(self, entry: RedlineEntry, heading_base: int) -> None:
        level = min(heading_base + entry.depth, 9)
        english = self.content.lang_attr(entry.section_id) != ""  # in a French edition
        label, heading, body = self._whole(entry)
        pieces = self._segments(shown_title(label, heading), typeset=not english)
        with self._runs_in("en" if english else ""):
            self.writer.paragraph(pieces, self.body, style=f"Heading {level}")
        if english:
            self._label(self.content.fallback_note, "ISCM Legend")
        context = self._body_context(level, numbered=entry.place != MOVED_FROM)
        if body is not None:
            html = str(render_redline(body, id_prefix=entry.key))
        else:
            html = str(render_markdown(entry.new_body, id_prefix=entry.key))
        with self._runs_in("en" if english else ""):
            self.writer.write(html if english else self._typeset_html(html), context)

    @contextmanager
    def _runs_in(self, lang: str):
        """The runs written inside are marked as ``lang`` ("en": an English section in the
        French edition, spell-checked as English); nothing to mark for the edition's own."""
        if not lang or lang == self.language:
            yield
            return
        body = self.document.element.body
        before = set(body)
        yield
        tag_runs([element for element in body if element not in before], LANGUAGES[lang])

    def _whole(self, entry: RedlineEntry):
        """Label, heading and body of an entry as Word tracks them: a moved section is wholly
        inserted at its new place and wholly deleted at its old one."""
        if entry.place not in (MOVED_TO, MOVED_FROM):
            return entry.label, entry.heading, entry.body
        op, by = (INSERT if entry.place == MOVED_TO else DELETE), entry.moved_by
        return (
            (Segment(op, entry.label_text, 0, by),),
            (Segment(op, entry.heading_text, 0, by),),
            whole_diff(entry.new_body if op == INSERT else entry.old_body, op, by),
        )

    def _segments(self, segments, *, typeset: bool = False) -> list[Piece]:
        """Pieces of a redlined line; ``typeset``: the line is in the edition's language."""
        pieces, before = [], ""
        for s in segments:
            change = None if s.op == "equal" else INS if s.op == INSERT else DEL
            text = french_spacing(s.text, before) if typeset and self.language == "fr" else s.text
            before = s.text[-1:] or before
            pieces.append(Piece(text=text, change=change, by=s.by if change else ()))
        return pieces
