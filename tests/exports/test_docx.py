"""The Word export: the same document as the PDF, faithful as Word and LibreOffice read it."""

import io
import zipfile

import lxml.html
import pytest
from django.core.management import call_command
from django.utils import timezone
from docx import Document as WordDocument

from guidelines.exports.context import export_content
from guidelines.exports.docx import DocxExporter
from guidelines.exports.pdf import PdfExporter
from guidelines.exports.word.template import DRAFT_PARAGRAPHS, TEMPLATE
from guidelines.models import Document, Milestone, Section, User, WorkingDocument
from guidelines.selectors.versions import working_document_version
from guidelines.services.milestones import milestone_create
from guidelines.services.working_documents import working_document_save
from tests.factories import DocumentFactory, SectionFactory

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def doc():
    return Document.objects.get(slug="iscm-guidelines")


def word(content, language="en"):
    data = DocxExporter(content, language=language).render()
    return data, WordDocument(io.BytesIO(data))


def xml(data: bytes, part: str = "word/document.xml") -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(part).decode()


def working(**changes):
    working = WorkingDocument.objects.get(reference="PC0999E1")
    for name, value in changes.items():
        setattr(working, name, value)
    return working


@pytest.mark.django_db
def test_working_document_reads_like_the_pdf(seeded):
    data, document = word(
        export_content(document=doc(), variant="working-document", working_document=working())
    )
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert styles[:5] == [
        ("ISCM Reference", "PC0999E1"),
        ("ISCM Place Date", "Brussels, 21 September 2017."),
        ("ISCM Document Title", "Integrated Supply Chain Management (ISCM)"),
        ("ISCM Subtitle", "– Draft updated ISCM Guidelines"),
        ("ISCM Agenda Item", "(Item XV on the Agenda)"),
    ]
    assert ("Heading 1", "I. Background") in styles and (
        "Heading 1",
        "III. Action Requested",
    ) in styles
    assert any(t.startswith("6.\t") for _, t in styles)  # paragraphs numbered across parts
    assert ("ISCM Annex Label", "Annex I to Doc. PC0999E1") in styles
    # Heading levels follow the tree: chapters under the annex title, sections under chapters.
    assert ("Heading 2", "3 Integrated Customs control procedures") in styles
    assert ("Heading 3", "3.5 Risk assessment") in styles
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "PC0999E1"
    footer = xml(data, "word/footer2.xml") + xml(data, "word/footer1.xml")
    assert "PAGE" in footer and "NUMPAGES" in footer
    first_footer = " ".join(p.text for p in section.first_page_footer.paragraphs)
    assert "For reasons of economy" in first_footer
    assert "Copyright © 2017 World Customs Organization" in first_footer  # the document's year
    properties = document.core_properties
    assert properties.title == "PC0999E1 – Integrated Supply Chain Management (ISCM)"
    assert properties.author == "World Customs Organization" and properties.language == "en-GB"
    assert properties.created.year == timezone.now().year and "python-docx" not in (
        properties.comments + properties.last_modified_by
    )


@pytest.mark.django_db
def test_paragraphs_are_reflowed_and_tables_are_word_tables(seeded):
    data, document = word(export_content(document=doc(), variant="clean"))
    body = xml(data)
    # The demo text is hard-wrapped Markdown: no line break survives into Word.
    assert "<w:br/>" not in body
    assert any(
        p.text.startswith("Integrated supply chain management treats the movement of goods as "
                          "one continuous process rather than two separate border events.")
        for p in document.paragraphs
    )  # fmt: skip
    [definitions] = [t for t in document.tables if t.cell(0, 0).text == "Term"]
    assert [c.text for c in definitions.rows[1].cells] == [
        "Authorized Economic Operator",
        "A party approved by Customs as meeting supply chain security standards",
    ]
    assert definitions.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None  # repeated on pages


@pytest.mark.django_db
def test_redline_changes_are_tracked_with_the_author_and_date_of_their_history_row(seeded):
    first = Milestone.objects.get(document=doc())
    data, document = word(export_content(document=doc(), variant="redline", against=first))
    root = document.element
    inserted = {"".join(t.text for t in i.iter(f"{W}t")): i for i in root.iter(f"{W}ins")}
    mark = inserted["goods are loaded"]
    assert mark.get(f"{W}author") == "Australia (Liam Walker)"
    row = Section.history.filter(key="management-summary", proposal__isnull=False).get()
    assert mark.get(f"{W}date") == row.history_date.strftime("%Y-%m-%dT%H:%M:%SZ")
    deleted = [d for d in root.iter(f"{W}del") if d.find(f"{W}r") is not None]
    assert ["".join(t.text for t in d.iter(f"{W}delText")) for d in deleted] == ["loading"]
    assert all(d.get(f"{W}author") == "Australia (Liam Walker)" for d in deleted)


@pytest.mark.django_db
def test_margin_numbers_of_the_draft_in_word_match_the_pdf(seeded, pdf_text):
    content = export_content(
        document=doc(), variant="working-document", working_document=working(line_numbers=True)
    )
    data, document = word(content)
    numbered = [
        p
        for p in document.paragraphs
        if p._p.pPr is not None
        and p._p.pPr.numPr is not None
        and p._p.pPr.numPr.numId.val == DRAFT_PARAGRAPHS
    ]
    page = lxml.html.fromstring(PdfExporter(content).html())
    # What print.css numbers: paragraphs directly in a section's text (or in a redline block).
    prose = "//div[@class='draft-body']//div[contains(concat(' ', @class, ' '), ' prose ')]"
    in_pdf = page.xpath(f"{prose}/p | {prose}/div[contains(@class, 'rl-block')]/p")
    assert len(numbered) == len(in_pdf) > 20


@pytest.mark.django_db
def test_french_export_speaks_french(seeded):
    data, document = word(
        export_content(document=doc(), variant="working-document", working_document=working(),
                       language="fr"),
        language="fr",
    )  # fmt: skip
    texts = [p.text for p in document.paragraphs]
    assert "Annexe I au Doc.\u202fPC0999F1" not in texts  # no space before a reference
    assert "Annexe I au Doc. PC0999F1" in texts
    assert document.core_properties.language == "fr-FR"
    assert "Page" in xml(data, "word/footer2.xml") + xml(data, "word/footer1.xml")
    assert not any(t.startswith("Changed") for t in texts)


HOSTILE = (
    """Broken | table
|---|
| a | b | c |

- one
    - nested **bold**
        1. deeper
- two

A footnote[^1] and a hard break"""
    + "  \n"  # two spaces: a hard line break in Markdown
    + """after it. Pneumonoultramicroscopicsilicovolcanoconiosis"""
    + "x" * 300
    + """

שלום עולם, مرحبا بالعالم 🚢📦

> A quotation.

    code   block

![pixel](data:image/gif;base64,R0lGODlhAQABAAAAACw=)

[^1]: The note.
"""
)


@pytest.mark.django_db
def test_awkward_markdown_exports_in_both_formats(pdf_text):
    document = DocumentFactory()
    SectionFactory(document=document, heading="Awkward ✓", body=HOSTILE)
    content = export_content(document=document, variant="clean")
    data, word_document = word(content)
    texts = [p.text for p in word_document.paragraphs]
    assert "nested bold" in texts and "deeper" in texts
    levels = {p.text: p._p.pPr.numPr.ilvl.val for p in word_document.paragraphs if p.text in
              ("one", "nested bold", "deeper")}  # fmt: skip
    assert levels == {"one": 0, "nested bold": 1, "deeper": 2}
    assert any(t.startswith("A footnote") and "after it." in t for t in texts)
    assert "<w:br/>" in xml(data)  # the hard break, and only where the author wrote one
    rtl = [p for p in word_document.paragraphs if "שלום" in p.text]
    assert rtl and rtl[0]._p.pPr.find(f"{W}bidi") is not None
    assert "The note." in " ".join(texts)
    text = pdf_text(PdfExporter(content).render())
    assert "nested bold" in text and "The note." in text


@pytest.mark.django_db
def test_a_redline_without_changes_says_so(seeded, pdf_text):
    facilitator = User.objects.get(username="facilitator")
    a = milestone_create(document=doc(), name="Same 1", user=facilitator)
    b = milestone_create(document=doc(), name="Same 2", user=facilitator)
    content = export_content(document=doc(), variant="redline", milestone=b, against=a)
    _data, document = word(content)
    expected = "There are no changes between “Same 1” and “Same 2”."
    assert expected in [p.text for p in document.paragraphs]
    assert expected in " ".join(pdf_text(PdfExporter(content).render()).split())


def test_the_shipped_template_is_a4_with_the_wco_styles(tmp_path):
    template = WordDocument(str(TEMPLATE))
    section = template.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    names = {s.name for s in template.styles}
    assert {"ISCM Reference", "ISCM Cover Paragraph", "ISCM Draft Paragraph", "Heading 9"} <= names
    assert template.styles["Normal"].font.name == "Times New Roman"
    assert len(template.paragraphs) == 0
    call_command("build_word_template", "--output", str(tmp_path / "t.docx"), stdout=io.StringIO())
    rebuilt = WordDocument(str(tmp_path / "t.docx"))
    assert {s.name for s in rebuilt.styles} == names  # the file is what the code builds


@pytest.mark.django_db
def test_working_document_save_keeps_the_year_for_the_copyright(seeded):
    secretariat = User.objects.get(username="secretariat")
    wd = working()
    values = {f: getattr(wd, f) for f in ("reference", "title", "subtitle", "agenda_item",
                                          "purpose", "cover_note", "milestone", "redline_against",
                                          "include_disposition", "include_mappings")}  # fmt: skip
    saved = working_document_save(
        user=secretariat, document=doc(), instance=wd,
        values={**values, "place_date": "Bruxelles, le 3 mars 2019."},
        expected_version=working_document_version(wd),
    )  # fmt: skip
    content = export_content(document=doc(), variant="working-document", working_document=saved)
    assert content.copyright_year == 2019


@pytest.mark.django_db
def test_nested_ordered_lists_restart_at_their_own_level():
    document = DocumentFactory()
    SectionFactory(document=document, heading="Lists",
                   body="- a\n    3. x\n    4. y\n- b\n    1. z\n    2. t")  # fmt: skip
    data, word_document = word(export_content(document=document, variant="clean"))
    numbering = word_document.part.numbering_part.element
    items = {p.text: p._p.pPr.numPr for p in word_document.paragraphs if p.text in "xyzt"}
    starts = {}
    for text in ("x", "z"):
        num_id, level = items[text].numId.val, items[text].ilvl.val
        [num] = numbering.xpath(f"w:num[@w:numId='{num_id}']")
        override = num.xpath(f"w:lvlOverride[@w:ilvl='{level}']/w:startOverride/@w:val")
        starts[text] = (level, override)
    assert starts == {"x": (1, ["3"]), "z": (1, ["1"])}
    assert items["x"].numId.val == items["y"].numId.val != items["z"].numId.val
