"""The phase-two integration report for print: a PDF (WeasyPrint, with the static-only
fetcher of exports/pdf.py) and a .docx (on the project's Word template)."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from ..rendering.typography import french_typography_html
from ..selectors.integration import IntegrationReport
from .pdf import STATIC_BASE, render_html_to_pdf
from .word.base import WordExporter
from .word.integration import IntegrationMixin
from .word.pieces import Piece
from .word.tables import TablesMixin

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class _Furniture:
    """What the Word template's header and properties need."""

    integration: IntegrationReport
    reference: str
    generated_at: object


def _title(report: IntegrationReport) -> str:
    return _("Integration report: %(title)s") % {"title": report.document.title_in(report.language)}


def integration_html(report: IntegrationReport) -> str:
    with translation.override(report.language):
        title = _title(report)
        html = render_to_string(
            "print/integration.html",
            {
                "r": report,
                "title": title,
                "document_title": report.document.title_in(report.language),
                "c": {"reference": title},
                "static": STATIC_BASE,
            },
        )
    return french_typography_html(html) if report.language == "fr" else html


def integration_pdf(report: IntegrationReport) -> bytes:
    return render_html_to_pdf(integration_html(report))


class IntegrationDocxExporter(IntegrationMixin, TablesMixin, WordExporter):
    """``IntegrationDocxExporter(report).render()`` -> .docx bytes."""

    def __init__(self, report: IntegrationReport) -> None:
        with translation.override(report.language):
            furniture = _Furniture(report, _title(report), report.generated_at)
        super().__init__(furniture, language=report.language)

    def _titles(self) -> tuple[str, str]:
        return self.content.reference, _("Integration report")

    def _plain(self, text: str, style: str):
        return self.writer.paragraph([Piece(text=text)], self.body, style=style)

    def _label(self, text: str, style: str):
        return self._plain(self._typeset(text), style)

    def _write(self) -> None:
        self._label(_("Integration report"), "ISCM Reference")
        document = self.content.integration.document
        self._plain(document.title_in(self.language), "ISCM Document Title")
        self._integration(heading_base=1)


def integration_docx(report: IntegrationReport) -> bytes:
    return IntegrationDocxExporter(report).render()
