"""An annex's number in the exports is in the edition's language, as on the pages: "Annexe II"
in the French edition (its draft, clean or redlined, contents, tables and Word headings) and in
the French column of the bilingual review; "Annex II" in the English."""

import io
import re

import pytest
from docx import Document as WordDocument

from guidelines.exports.bilingual import bilingual_content
from guidelines.exports.context import export_content
from guidelines.exports.docx import DocxExporter
from guidelines.exports.pdf import PdfExporter
from guidelines.exports.word.bilingual import BilingualDocxExporter
from guidelines.models import Document, Language, SectionTranslation, User
from guidelines.services.translations import translation_save
from tests.exports.test_french_edition import french_working

SLUG = "iscm-guidelines"


def annexes(content) -> list[tuple[str, str]]:
    """The demo's annex sections: (roman number, heading)."""
    found = [
        (n.label.split(" ", 1)[1], n.section.heading)
        for n in content.snapshot.tree.nodes
        if n.label.startswith("Annex ")
    ]
    assert found
    return found


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def word_text(data: bytes) -> str:
    document = WordDocument(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.django_db
@pytest.mark.parametrize("variant", ["working-document", "clean"])
def test_annex_numbers_in_the_editions_language(seeded, variant):
    working = french_working()
    for language, shown in (("fr", "Annexe"), ("en", "Annex")):
        content = export_content(
            document=working.document,
            variant=variant,
            working_document=working if variant == "working-document" else None,
            language=language,
        )
        html = text_of(PdfExporter(content, language=language).html())
        word = word_text(DocxExporter(content, language=language).render())
        for number, heading in annexes(content):
            assert f"{shown} {number} {heading}" in html
            assert f"{shown} {number} {heading}" in word
            if language == "fr":
                assert f"Annex {number} {heading}" not in html
                assert f"Annex {number} {heading}" not in word


@pytest.mark.django_db
def test_bilingual_review_numbers_the_french_column_in_french(seeded):
    document = Document.objects.get(slug=SLUG)
    content = bilingual_content(document=document, language="en")
    item = next(i for i in content.items if i.node.label.startswith("Annex "))
    section = item.node.section
    assert not SectionTranslation.objects.filter(section=section).exists()
    user = User.objects.get(username="secretariat")
    translation_save(section=section, language=Language.FRENCH, heading="Diagramme",
                     body="Texte.", source_version=section.version, expected_version=0,
                     user=user, reason="Traduction")  # fmt: skip
    number = item.node.label.split(" ", 1)[1]
    for language in ("en", "fr"):
        content = bilingual_content(document=document, language=language)
        html = PdfExporter(content, language=language).html()
        english = text_of("".join(c.split("</td>")[0] for c in html.split('<td lang="en">')[1:]))
        french = text_of("".join(c.split("</td>")[0] for c in html.split('<td lang="fr">')[1:]))
        assert f"Annex {number} {section.heading}" in english
        assert f"Annexe {number} Diagramme" in french and "Annex " not in french
        word = word_text(BilingualDocxExporter(content, language=language).render())
        assert f"Annex {number} {section.heading}" in word
        assert f"Annexe {number} Diagramme" in word
