"""The French edition's annexed draft in French (PDF read back with pdftotext, Word with
python-docx and LibreOffice), French typography only on French text, a French text with every
accent, ligature and typographic space read back whole."""

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from docx import Document as WordDocument
from docx.oxml.ns import qn

from guidelines.exports.context import export_content
from guidelines.exports.docx import DocxExporter
from guidelines.exports.pdf import PdfExporter
from guidelines.models import Language, Proposal, Section, SectionTranslation, User
from guidelines.rendering.typography import NNBSP, french_spacing
from guidelines.services.translations import translation_save
from tests.exports.test_french_edition import check_french, export, french_working
from tests.exports.test_libreoffice import READINGS, SYSTEM_PYTHON

SLUG = "iscm-guidelines"
# Every accent and ligature of French, guillemets, a narrow and an ordinary no-break space.
BAD = (
    "À â ä ç é è ê ë î ï ô ö ù û ü ÿ œ æ Œ Æ É È Ç Ô Û « guillemets » "
    "et l’apostrophe ; espace fine\u202fici, insécable\u00a0là !"
)


def note_fr() -> str:
    """The note on a section printed in English, as the French edition prints it."""
    with translation.override("fr"):
        note = translation.gettext("French translation not available: English text")
    return french_spacing(f"[{note}]")


def flat(text: str) -> str:
    return " ".join(text.replace(NNBSP, " ").replace("\u00a0", " ").split())


def libreoffice_shown(path: Path) -> list[str]:
    if not (Path(SYSTEM_PYTHON).exists() and shutil.which("soffice")):
        pytest.skip("LibreOffice with python3-uno not found")
    result = subprocess.run(
        [SYSTEM_PYTHON, str(READINGS), str(path)], capture_output=True, text=True, timeout=300,
        check=True,
    )  # fmt: skip
    return json.loads(result.stdout)[str(path)]["shown"]


@pytest.mark.django_db
def test_french_working_document_pdf_prints_the_french_sections(seeded, tmp_path, pdf_text):
    french_working()
    text = pdf_text(export(tmp_path).read_bytes())
    check_french(text)  # PC0999F1, French labels, no English labels
    reading = flat(text)
    assert "Les menaces qui pèsent sur la chaîne logistique internationale" in reading
    assert "Avant-propos" in reading and "Foreword" not in reading
    assert flat(note_fr()) in reading  # a section without French: its English, with the note
    assert "Data should be submitted electronically and in advance" in reading
    with translation.override("fr"):
        assert "sections" in reading.split("Annexe I au Doc. PC0999F1", 1)[1][:400]


@pytest.mark.django_db
def test_french_html_marks_english_sections_and_typesets_french_only(seeded):
    working = french_working()
    content = export_content(document=working.document, variant="working-document",
                             working_document=working, language="fr")  # fmt: skip
    html = PdfExporter(content, language="fr").html()
    assert content.english_only > 0
    assert f"(«{NNBSP}OEA{NNBSP}»)" in html  # French section text, French spacing
    english = re.split(r'lang="en">\s*<h', html)[1:]
    assert english and all(f"in advance{NNBSP}:" not in part[:3000] for part in english)
    assert "in advance: before loading" in html
    # The disposition table: the delegates' English unspaced, marked lang="en".
    disposition = html[html.index('<table class="print-table">') :]
    disposition = disposition[: disposition.index("</table>")]
    cells = [c.split("</td>")[0] for c in disposition.split('<td lang="en">')[1:]]
    assert cells and not any(NNBSP in c for c in cells)


@pytest.mark.django_db
def test_french_word_prints_the_french_sections(seeded, tmp_path):
    french_working()
    path = export(tmp_path, "docx")
    paragraphs = [p.text for p in WordDocument(str(path)).paragraphs]
    text = "\n".join(paragraphs)
    check_french(text + "\nPour des raisons d'économie Organisation mondiale des douanes")
    assert "Avant-propos" in paragraphs and "Foreword" not in paragraphs
    assert f"(«{NNBSP}OEA{NNBSP}»)" in text  # French spacing on the French text
    assert note_fr() in paragraphs
    # The English of a section without French: no French spacing.
    assert "in advance: before loading" in text and f"in advance{NNBSP}:" not in text
    shown = libreoffice_shown(path)
    assert "Avant-propos" in shown
    assert any("Les menaces qui pèsent" in line for line in shown)


@pytest.mark.django_db
def test_french_word_marks_the_english_sections_english_for_the_spell_checker(seeded, tmp_path):
    """The French edition's default language is French; a section printed in English has its
    runs marked en-GB, a French one none (it follows the default), the note none."""
    french_working()
    document = WordDocument(str(export(tmp_path, "docx")))

    def languages(paragraph) -> set[str]:
        found = set()
        for run in paragraph._p.iter(qn("w:r")):
            rpr = run.find(qn("w:rPr"))
            lang = rpr.find(qn("w:lang")) if rpr is not None else None
            found.add(lang.get(qn("w:val")) if lang is not None else "")
        return found

    by_text = {p.text: p for p in document.paragraphs if p.text}
    english = next(p for t, p in by_text.items() if t.startswith("Data should be submitted"))
    french = next(p for t, p in by_text.items() if t.startswith("Les menaces qui pèsent"))
    assert languages(english) == {"en-GB"}
    assert languages(french) == {""} and languages(by_text[note_fr()]) == {""}


@pytest.mark.django_db
def test_word_disposition_typesets_labels_not_the_delegates_english(seeded):
    Proposal.objects.update(rationale="Why not: this?")
    working = french_working()
    content = export_content(document=working.document, variant="working-document",
                             working_document=working, language="fr")  # fmt: skip
    data = DocxExporter(content, language="fr").render()
    tables = WordDocument(io.BytesIO(data)).tables
    disposition = next(t for t in tables if len(t.columns) == 6)
    cells = [c.text for row in disposition.rows[1:] for c in row.cells]
    summaries = [c for c in cells if "Why not" in c]
    assert summaries and all(c.endswith(f"{NNBSP}: Why not: this?") for c in summaries)
    # the PDF likewise
    html = PdfExporter(content, language="fr").html()
    assert '<span lang="en">Why not: this?</span>' in html
    assert f"Why not{NNBSP}:" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("edition", ["en", "fr"])
def test_disposition_summaries_in_the_language_they_are_written_in(seeded, edition):
    """A proposal written in French: its summary marked and spaced as French, in either
    edition; one written in English: English (unspaced; marked lang="en" in the French one)."""
    proposals = list(Proposal.objects.order_by("id")[:2])
    Proposal.objects.filter(pk=proposals[0].pk).update(rationale="Pourquoi : ceci ?", language="fr")
    Proposal.objects.filter(pk=proposals[1].pk).update(rationale="Why not: this?", language="en")
    working = french_working()
    content = export_content(document=working.document, variant="working-document",
                             working_document=working, language=edition)  # fmt: skip
    rows = {r.proposal_id: r for r in content.disposition}
    assert rows[proposals[0].pk].language == "fr" and rows[proposals[1].pk].language == "en"
    html = PdfExporter(content, language=edition).html()
    french = french_spacing("Pourquoi : ceci ?")
    if edition == "en":
        assert f'<span lang="fr">{french}</span>' in html
        assert "<span>Why not: this?</span>" in html
    else:
        assert f"<span>{french}</span>" in html
        assert '<span lang="en">Why not: this?</span>' in html
    data = DocxExporter(content, language=edition).render()
    disposition = next(t for t in WordDocument(io.BytesIO(data)).tables if len(t.columns) == 6)
    cells = [c.text for row in disposition.rows[1:] for c in row.cells]
    assert any(c.endswith(f" {french}") for c in cells)
    assert any(c.endswith(" Why not: this?") for c in cells)


@pytest.mark.django_db
def test_french_redline_compares_french_with_french(seeded):
    working = french_working()
    content = export_content(document=working.document, variant="working-document",
                             working_document=working, language="fr")  # fmt: skip
    entries = {e.entry.key: e for e in content.entries}
    assert entries["foreword"].lang == "" and "Avant-propos" in entries["foreword"].heading
    assert entries["management-summary"].lang == "en" and entries["management-summary"].fallback


@pytest.mark.django_db
def test_french_export_queries_do_not_grow_with_translations(seeded, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    working = french_working()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            content = export_content(document=working.document, variant="working-document",
                                     working_document=working, language="fr")  # fmt: skip
            content.entries  # noqa: B018
        return len(queries)

    count()  # the first run fills caches (content types, catalogues)
    before = count()
    user = User.objects.get(username="secretariat")
    missing = (
        Section.objects.live()
        .filter(document=working.document)
        .exclude(translations__language="fr")[:3]
    )
    for section in missing:
        translation_save(section=section, language=Language.FRENCH, heading="Titre",
                         body="Texte.", source_version=section.version, expected_version=0,
                         user=user, reason="Traduction")  # fmt: skip
    assert count() == before


def bad_clean_export(tmp_path: Path, fmt: str) -> Path:
    section = Section.objects.get(key="risk-assessment")
    current = SectionTranslation.objects.get(section=section, language="fr")
    translation_save(section=section, language=Language.FRENCH, heading="Évaluation « œuvre »",
                     body=BAD, source_version=section.version,
                     expected_version=current.version,
                     user=User.objects.get(username="secretariat"), reason="Accents")  # fmt: skip
    out = tmp_path / f"bad.{fmt}"
    call_command("export_pdf", SLUG, variant="clean", language="fr", fmt=fmt, output=str(out),
                 no_cache=True, stdout=io.StringIO())  # fmt: skip
    return out


@pytest.mark.django_db
def test_accents_ligatures_and_spaces_round_trip_through_the_pdf(seeded, tmp_path, pdf_text):
    text = pdf_text(bad_clean_export(tmp_path, "pdf").read_bytes())
    reading = flat(text)
    assert flat(BAD) in reading
    assert flat("Évaluation « œuvre »") in reading
    # pdftotext reads the no-break spaces as spaces: they hold the words together
    assert "fine ici" in text and "insécable là !" in text
    assert not any(line.strip()[:1] in (";", ":", "?", "!", "»") for line in text.splitlines())


@pytest.mark.django_db
def test_accents_ligatures_and_spaces_round_trip_through_word(seeded, tmp_path):
    path = bad_clean_export(tmp_path, "docx")
    paragraphs = [p.text for p in WordDocument(str(path)).paragraphs]
    expected = french_spacing(BAD)
    assert expected in paragraphs
    assert f"espace fine{NNBSP}ici" in expected and "insécable\u00a0là" in expected
    assert any(p.endswith(french_spacing("Évaluation « œuvre »")) for p in paragraphs)
    assert expected in libreoffice_shown(path)


@pytest.mark.django_db
def test_french_redline_shows_the_french_changes_uncredited(seeded, tmp_path, pdf_text):
    working = french_working()
    section = Section.objects.get(key="management-summary")
    current = SectionTranslation.objects.get(section=section, language="fr")
    translation_save(section=section, language=Language.FRENCH, heading=current.heading,
                     body=current.body.replace("avant le chargement", "avant que les "
                                               "marchandises soient chargées"),
                     source_version=section.version, expected_version=current.version,
                     user=User.objects.get(username="secretariat"), reason="Revu")  # fmt: skip
    content = export_content(document=working.document, variant="working-document",
                             working_document=working, language="fr")  # fmt: skip
    entry = {e.entry.key: e for e in content.entries}["management-summary"]
    assert entry.lang == "" and not entry.fallback  # French at both drafts
    assert "<ins" in entry.body and "chargées" in entry.body and "<del" in entry.body
    assert "rl-by" not in entry.body  # no delegation is named for a French change
    assert content.translation_legend and content.translation_legend[0] in content.legend
    data = DocxExporter(content, language="fr").render()
    body = WordDocument(io.BytesIO(data)).element.body
    inserted = " ".join(t.text for ins in body.iter(qn("w:ins")) for t in ins.iter(qn("w:t")))
    assert "chargées" in inserted  # a tracked insertion in the French text
