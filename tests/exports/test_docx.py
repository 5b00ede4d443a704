import io
import zipfile

import pytest
from docx import Document as WordDocument

from guidelines.exports.context import export_content
from guidelines.exports.docx import DocxExporter
from guidelines.models import Document, Milestone, WorkingDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def doc():
    return Document.objects.get(slug="iscm-guidelines")


@pytest.mark.django_db
def test_working_document_as_word_with_heading_styles(seeded):
    working = WorkingDocument.objects.get(reference="PC0999E1")
    data = DocxExporter(
        export_content(document=doc(), variant="working-document", working_document=working)
    ).render()
    word = WordDocument(io.BytesIO(data))
    styles = [(p.style.name, p.text) for p in word.paragraphs]
    assert ("Heading 2", "I. Background") in styles and (
        "Heading 2",
        "III. Action Requested",
    ) in styles
    assert any(t.startswith("6.\t") for _, t in styles)  # paragraphs numbered across parts
    assert any(t == "Annex I to Doc. PC0999E1" for _, t in styles)
    assert ("Heading 2", "3.5 Risk assessment") in styles
    assert len(word.tables) == 2  # disposition and mapping tables


@pytest.mark.django_db
def test_redline_is_native_word_tracked_changes_with_author_and_date(seeded):
    first = Milestone.objects.get(document=doc())
    data = DocxExporter(export_content(document=doc(), variant="redline", against=first)).render()
    root = WordDocument(io.BytesIO(data)).element
    inserted = root.iter(f"{W}ins")
    deleted = list(root.iter(f"{W}del"))
    ins_texts = {"".join(t.text for t in i.iter(f"{W}t")): i.get(f"{W}author") for i in inserted}
    assert ins_texts.get("goods are loaded") == "Australia"
    assert any("".join(t.text for t in d.iter(f"{W}delText")) == "loading" for d in deleted)
    assert all(d.get(f"{W}date", "").endswith("Z") for d in deleted)
    assert b"<w:delText" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
