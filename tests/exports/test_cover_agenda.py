"""The working document's cover prints its agenda item once, in the PDF and in Word."""

import io

import pytest
from docx import Document as WordDocument

from guidelines.exports.context import export_content
from guidelines.exports.docx import DocxExporter
from guidelines.exports.pdf import PdfExporter
from guidelines.models import Document, WorkingDocument
from guidelines.rendering.cover_note import agenda_line

AGENDA = "Item XV on the Agenda"


def content(**changes):
    working = WorkingDocument.objects.get(reference="PC0999E1")
    for name, value in changes.items():
        setattr(working, name, value)
    document = Document.objects.get(slug="iscm-guidelines")
    return export_content(document=document, variant="working-document", working_document=working)


def cover_of_pdf(pdf_text, export) -> str:
    return pdf_text(PdfExporter(export).render()).split("Contents")[0]


def cover_of_docx(export) -> str:
    word = WordDocument(io.BytesIO(DocxExporter(export).render()))
    lines = []
    for paragraph in word.paragraphs:
        if paragraph.style.name == "ISCM Annex Label":
            break
        lines.append(paragraph.text)
    return "\n".join(lines)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    [
        {},  # the demo's own: "Item XV on the Agenda"
        {"agenda_item": f"({AGENDA})"},  # brackets typed as printed
        {"subtitle": f"Draft updated ISCM Guidelines ({AGENDA})"},  # already in the subtitle
    ],
)
def test_agenda_item_is_printed_once_on_the_cover(seeded, pdf_text, typed):
    export = content(**typed)
    pdf = cover_of_pdf(pdf_text, export)
    docx = cover_of_docx(export)
    for text in (pdf, docx):
        assert text.count(AGENDA) == 1, text[:400]
        assert "((" not in text and "))" not in text


def test_agenda_line():
    assert agenda_line(AGENDA) == f"({AGENDA})"
    assert agenda_line(f" (({AGENDA})) ") == f"({AGENDA})"
    assert agenda_line("") == "" and agenda_line("()") == ""
    assert agenda_line(AGENDA, subtitle=f"Draft ({AGENDA.lower()})") == ""


def test_agenda_line_needs_the_whole_item_named():
    """A title naming another item that merely starts the same ("Item XV") keeps the line."""
    assert agenda_line("Item X", title="Report on Item XV of the agenda") == "(Item X)"
    assert agenda_line("II", title="Annex III") == "(II)"
    assert agenda_line("Item X", title="Report under item x of the agenda") == ""
