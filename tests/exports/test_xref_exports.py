"""[[key]] cross-references in the exports: the PDF's "3.2 Heading, page N" (target-counter)
and Word's REF field to a bookmark around the section's number; both follow renumbering."""

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument

from guidelines.exports.bilingual import bilingual_content
from guidelines.exports.context import export_content
from guidelines.exports.docx import DocxExporter
from guidelines.exports.pdf import PdfExporter
from guidelines.exports.word.bilingual import BilingualDocxExporter
from guidelines.exports.word.ooxml import xref_bookmark
from guidelines.selectors.versions import structure_version
from guidelines.services.structure import section_delete
from tests.exports import test_libreoffice
from tests.exports.conftest import require
from tests.factories import DocumentFactory, SectionFactory, UserFactory

libreoffice = test_libreoffice.libreoffice  # the fixture: LibreOffice's readings of a .docx

FILLER = "\n\n".join(
    f"Paragraph {n} of filler text that takes room on the page." for n in range(40)
)


def _document():
    document = DocumentFactory()
    target = SectionFactory(document=document, key="transit", heading="Transit procedures",
                            position=20, body="The target.")  # fmt: skip
    source = SectionFactory(document=document, key="intro", heading="Introduction", position=10,
                            body="See [[transit]] and [[gone-section]].")  # fmt: skip
    return document, source, target


def _pdf_text(document, pdf_text) -> str:
    pdf = PdfExporter(export_content(document=document, variant="clean")).render()
    return " ".join(pdf_text(pdf).split())


def _page_of(text_by_page: list[str], needle: str) -> int:
    return next(i + 1 for i, page in enumerate(text_by_page) if needle in page)


@pytest.mark.django_db
def test_pdf_reference_shows_the_current_number_and_page_after_renumbering(pdf_text):
    document, source, target = _document()
    text = _pdf_text(document, pdf_text)
    assert "See 2 Transit procedures, page" in text
    assert "gone-section" in text and "broken reference" in text
    # Sections inserted before the target, long enough to push it to a later page.
    for n in range(3):
        SectionFactory(document=document, heading=f"Long {n}", position=11 + n, body=FILLER)
    pdf = PdfExporter(export_content(document=document, variant="clean")).render()
    pages = pdf_text(pdf).split("\f")
    flat = " ".join(" ".join(pages).split())
    found = re.search(r"See 5 Transit procedures, page (\d+)", flat)
    assert found, flat[:500]
    heading = re.compile(r"^\s*5\s+Transit procedures\s*$", re.M)  # (the contents list it too)
    target_page = max(i + 1 for i, page in enumerate(pages) if heading.search(page))
    assert int(found[1]) == target_page > 1


@pytest.mark.django_db
def test_pdf_reference_to_a_section_outside_the_edition_is_flagged_without_a_page(pdf_text):
    document, source, target = _document()
    section_delete(
        section=target,
        user=UserFactory(),
        reason="gone",
        expected_version=structure_version(target),
    )
    text = _pdf_text(document, pdf_text)
    assert "[[transit]] (broken reference: no such section)" in text
    assert ", page" not in text


def _docx(document) -> bytes:
    return DocxExporter(export_content(document=document, variant="clean")).render()


def _xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()


@pytest.mark.django_db
def test_word_reference_is_a_ref_field_to_the_bookmark_around_the_number():
    document, source, target = _document()
    SectionFactory(document=document, heading="Inserted before", position=15)
    data = _docx(document)
    xml = _xml(data)
    name = xref_bookmark("transit")
    assert len(name) <= 40 and name.startswith("_Ref_") and "_iscm_" not in name
    assert f'w:name="{name}"' in xml
    assert f"REF {name} \\h" in xml
    paragraphs = [p.text for p in WordDocument(io.BytesIO(data)).paragraphs]
    assert (
        "See 3 Transit procedures and [[gone-section]] (broken reference: no such section)."
        in paragraphs
    )
    assert "3 Transit procedures" in paragraphs  # the heading, its number bookmarked


@pytest.mark.django_db
def test_bilingual_word_reference_has_its_bookmark():
    document, source, target = _document()
    data = BilingualDocxExporter(bilingual_content(document=document, language="en")).render()
    xml = _xml(data)
    name = xref_bookmark("transit")
    assert f'w:name="{name}"' in xml and f"REF {name} \\h" in xml


@pytest.mark.django_db
def test_libreoffice_reads_the_reference_with_the_new_number(tmp_path):
    require("soffice", "libreoffice-writer")
    document, source, target = _document()
    SectionFactory(document=document, heading="Inserted before", position=15)
    path = tmp_path / "xref.docx"
    path.write_bytes(_docx(document))
    result = subprocess.run(
        ["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(path)],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    text = Path(tmp_path / "xref.txt").read_text(encoding="utf-8-sig")
    assert result.returncode == 0
    assert "See 3 Transit procedures" in text


@pytest.mark.django_db
def test_the_review_file_keeps_references_as_typed_and_reads_back_without_a_proposal():
    reader = pytest.importorskip("guidelines.imports.reader")
    from guidelines.selectors.word_previews import build_preview
    from tests.imports import edit
    from tests.imports.edit_comments import review_file

    document, source, target = _document()
    data = review_file(document)
    assert "REF _Ref_" not in _xml(data)  # no field: the pristine comparison reads "[[transit]]"
    paragraphs = [p.text for p in WordDocument(io.BytesIO(data)).paragraphs]
    assert "See [[transit]] and [[gone-section]]." in paragraphs
    preview = build_preview(document, reader.read_docx(data, "review.docx"))
    assert preview.proposals == ()
    # An edit elsewhere in the paragraph proposes the text with the reference kept as typed.
    edited = edit.track_insert(data, paragraph_containing="See [[transit]]", after="See",
                               text=" also")  # fmt: skip
    (proposal,) = build_preview(document, reader.read_docx(edited, "review.docx")).proposals
    assert proposal.proposed_body == "See also [[transit]] and [[gone-section]]."


@pytest.mark.django_db
def test_redline_exports_show_the_current_number_as_text(pdf_text):
    from guidelines.services.milestones import milestone_create

    document, source, target = _document()
    editor = UserFactory(is_superuser=True)
    before = milestone_create(document=document, name="Before", user=editor)
    SectionFactory(document=document, heading="Inserted before", position=15)
    content = export_content(document=document, variant="redline", against=before)
    text = " ".join(pdf_text(PdfExporter(content).render()).split())
    assert "See 3 Transit procedures, page" in text
    data = DocxExporter(
        export_content(document=document, variant="redline", against=before)
    ).render()
    assert "REF _Ref_" not in _xml(data)
    paragraphs = [p.text for p in WordDocument(io.BytesIO(data)).paragraphs]
    assert any(p.startswith("See 3 Transit procedures and [[gone-section]]") for p in paragraphs)


@pytest.mark.django_db
def test_redline_of_a_changed_reference_is_the_whole_reference_inserted_and_deleted(
    pdf_text, libreoffice, tmp_path
):
    """A proposal replacing one reference with another: the PDF shows both references
    resolved (never "[[seals]]"), and Word tracks the whole new reference as inserted and the
    old as deleted, so Accept All / Reject All read the new / old text."""
    from guidelines.services.milestones import milestone_create
    from guidelines.services.sections import section_update

    document, source, target = _document()
    SectionFactory(document=document, key="seals", heading="Seals", position=30, body="S.")
    editor = UserFactory(is_superuser=True)
    before = milestone_create(document=document, name="Before", user=editor)
    section_update(section=source, heading=source.heading, body="See [[seals]] here.",
                   base_version=source.version, user=editor, reason="t")  # fmt: skip
    content = export_content(document=document, variant="redline", against=before)
    text = " ".join(pdf_text(PdfExporter(content).render()).split())
    assert "[[seals]]" not in text and "[[transit]]" not in text
    assert "3 Seals, page" in text and "2 Transit procedures, page" in text
    data = DocxExporter(
        export_content(document=document, variant="redline", against=before)
    ).render()
    xml = _xml(data)
    assert "[[seals]]" not in xml and "[[transit]]" not in xml
    assert re.search(r"<w:ins [^>]*>(?:(?!</w:ins>).)*3 Seals", xml, re.S)
    assert re.search(r"<w:del [^>]*>(?:(?!</w:del>).)*2 Transit procedures", xml, re.S)
    path = tmp_path / "redline.docx"
    path.write_bytes(data)
    reading = libreoffice([path])[path]
    assert any(p.startswith("See 3 Seals here.") for p in reading["accepted"])
    assert any(
        p.startswith("See 2 Transit procedures and [[gone-section]]") for p in reading["rejected"]
    )


@pytest.mark.django_db
def test_word_keeps_an_authors_own_link_with_class_xref():
    from lxml import html as lxml_html

    from guidelines.exports.word.xrefs import is_placeholder

    document = DocumentFactory()
    body = 'Read <a class="xref" href="https://example.org/guide">the WCO guide</a> first.'
    SectionFactory(document=document, key="intro", heading="Intro", position=1, body=body)
    paragraphs = [p.text for p in WordDocument(io.BytesIO(_docx(document))).paragraphs]
    assert "Read the WCO guide first." in paragraphs
    # Even markup that slips past the Markdown step is a reference only with a valid key.
    for markup, placeholder in [
        ('<a class="xref" data-xref="k">[[k]]</a>', True),
        ('<a class="xref" data-xref="k">click</a>', False),
        ('<a class="xref">[[k]]</a>', False),
        ('<a class="xref" data-xref="a b">[[a b]]</a>', False),
    ]:
        assert is_placeholder(lxml_html.fragment_fromstring(markup)) is placeholder
