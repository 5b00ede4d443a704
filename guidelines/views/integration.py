"""The phase-two integration report as a download: CSV, XLSX, .docx or PDF, in the interface's
language (``?language=en|fr`` to choose). Made at once: a table of the sections, small next to
the working document's PDF, which goes through the export jobs (and can annex this report)."""

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from ..exports.integration import XLSX_TYPE, integration_csv, integration_xlsx
from ..exports.integration_print import DOCX_TYPE, integration_docx, integration_pdf
from ..permissions import rule
from ..rendering.editions import LANGUAGES as EDITION_LANGUAGES
from ..selectors.documents import document_get
from ..selectors.integration import integration_report

_FILES = {
    "csv": (lambda report: integration_csv(report).encode(), "text/csv; charset=utf-8"),
    "xlsx": (integration_xlsx, XLSX_TYPE),
    "docx": (integration_docx, DOCX_TYPE),
    "pdf": (integration_pdf, "application/pdf"),
}


@rule("read")
def integration_report_file(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    document = document_get(slug)
    language = request.GET.get("language", "")
    language = language if language in EDITION_LANGUAGES else request.LANGUAGE_CODE[:2]
    make, content_type = _FILES[fmt]
    with translation.override(language):  # the labels and the headings in that language
        response = HttpResponse(make(integration_report(document, language=language)), content_type)
    name = f"integration-report-{document.slug}-{language}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
