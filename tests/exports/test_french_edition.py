"""The French edition of a working document, as the secretariat sends it: `export_pdf --language
fr` read back with pdftotext, the Word file with python-docx and with LibreOffice.

The French labels come from locale/fr/LC_MESSAGES/django.po: these tests need its entries for
the strings the export prints (see the lead's list)."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from docx import Document as WordDocument

from guidelines.exports.context import export_content
from guidelines.exports.pdf import PdfExporter
from guidelines.models import User, WorkingDocument
from guidelines.rendering.typography import NNBSP, french_spacing
from guidelines.selectors.versions import working_document_version
from guidelines.services.working_documents import working_document_save

COVER_FR = """# Contexte

Le Comité technique permanent (PTC) a demandé une mise à jour : « les Directives ISCM » ?

# Mesures à prendre

Le PTC est invité à prendre note des travaux ; l'œuvre continue !
"""
# Labels of the English edition that must not appear in the French one.
ENGLISH = [
    "PC0999E1",
    "Brussels",
    "September",
    "Item XV",
    "on the Agenda",
    "Annex I to Doc",
    "Annex II to Doc",
    "Page 2 of",
    "Contents",
    "For reasons of economy",
    "World Customs Organization",
    "All rights reserved",
    "Original:",
    "Changed —",
    "Moved ",
    "This draft shows the changes",
]


def french_working() -> WorkingDocument:
    working = WorkingDocument.objects.get(reference="PC0999E1")
    return working_document_save(
        user=User.objects.get(username="secretariat"),
        document=working.document,
        instance=working,
        values={
            "title_fr": "Gestion intégrée de la chaîne logistique (ISCM)",
            "subtitle_fr": "Projet de Directives ISCM mises à jour",
            "agenda_item_fr": "Point XV de l'ordre du jour",
            "cover_note_fr": COVER_FR,
            "place_fr": "Bruxelles",
            "date": date(2017, 9, 21),
        },
        expected_version=working_document_version(working),
        reason="Édition française",
    )


def export(tmp_path: Path, fmt: str = "pdf") -> Path:
    out = tmp_path / f"fr.{fmt}"
    call_command(
        "export_pdf", "iscm-guidelines", variant="working-document", reference="PC0999E1",
        language="fr", fmt=fmt, output=str(out), no_cache=True, stdout=io.StringIO(),
    )  # fmt: skip
    return out


def check_french(text: str, *, footers: bool = True) -> None:
    flat = " ".join(text.replace(NNBSP, " ").split())
    footer = ("Pour des raisons d'économie", "Organisation mondiale des douanes")
    for french in (
        "PC0999F1",
        "Bruxelles, le 21 septembre 2017",
        "Gestion intégrée de la chaîne logistique",
        "(Point XV de l'ordre du jour)",
        "Annexe I au Doc. PC0999F1",
        "Annexe II au Doc. PC0999F1",
        *(footer if footers else ()),
        "l'œuvre continue !",
    ):
        assert french.casefold() in flat.casefold(), french  # the PDF's title is upper case
    for english in ENGLISH:
        assert english not in flat, english


@pytest.mark.django_db
def test_french_pdf_reads_french(seeded, tmp_path, pdf_text):
    french_working()
    text = pdf_text(export(tmp_path).read_bytes())
    check_french(text)
    assert "Page 2 sur" in text and "Page 1 of" not in text
    # The narrow no-break spaces hold: no line starts with the punctuation they precede.
    assert "ISCM » ?" in text and "continue !" in text
    assert not any(line.strip()[:1] in (";", ":", "?", "!", "»") for line in text.splitlines())
    assert "Modifiée" in text  # the redline's note, in French


@pytest.mark.django_db
def test_french_html_has_french_typography_on_french_text_only(seeded):
    working = french_working()
    content = export_content(document=working.document, variant="working-document",
                             working_document=working, language="fr")  # fmt: skip
    html = PdfExporter(content, language="fr").html()
    assert '<html lang="fr">' in html
    assert f"mise à jour{NNBSP}: «{NNBSP}les Directives ISCM{NNBSP}»{NNBSP}?" in html
    assert f"travaux{NNBSP}; l'œuvre continue{NNBSP}!" in html
    assert f"{NNBSP}{NNBSP}" not in html
    # The annexed draft: French where a section has the French of its English, else the
    # English marked so (with a note), without French spacing.
    draft = html[html.index('class="draft-body"') :]
    draft = draft[: draft.index('<section class="annex"')]
    sections = draft.split('<section class="sec ')[1:]
    english = [s for s in sections if ' lang="en"' in s.split(">", 1)[0]]
    french = [s for s in sections if s not in english]
    assert english and french
    with translation.override("fr"):  # through gettext: French once the .po has it
        note = french_spacing(content.fallback_note)
    assert all(note in s for s in english)
    assert not any(note in s for s in french)
    assert f"{NNBSP}:" not in "".join(
        s.split('class="change-note"')[0].split("</p>", 1)[-1] for s in english
    )


@pytest.mark.django_db
def test_french_pdf_prints_the_english_where_the_french_is_missing(seeded, tmp_path, pdf_text):
    WorkingDocument.objects.filter(reference="PC0999E1").update(
        title_fr="", subtitle_fr="", agenda_item_fr="", cover_note_fr="", place_fr="", date=None
    )
    text = pdf_text(export(tmp_path).read_bytes())
    assert "PC0999F1" in text and "Bruxelles, le 21 septembre 2017" in text
    assert "(Item XV on the Agenda)" in text  # the English stands in, without French spacing
    assert "Annexe I au Doc. PC0999F1" in " ".join(text.split())


@pytest.mark.django_db
def test_french_word_reads_french(seeded, tmp_path):
    french_working()
    path = export(tmp_path, "docx")
    document = WordDocument(str(path))
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["PC0999F1", "Bruxelles, le 21 septembre 2017"]
    footers = [p.text for s in document.sections for p in s.first_page_footer.paragraphs]
    header = [p.text for s in document.sections for p in s.header.paragraphs]
    check_french("\n".join(texts + footers + header))
    assert header == ["PC0999F1"]
    assert f"Le PTC est invité à prendre note des travaux{NNBSP}; l'œuvre continue{NNBSP}!" in (
        "\n".join(texts)
    )
    footer = " ".join(p.text for p in document.sections[0].footer.paragraphs)
    assert footer.startswith("Page ") and " sur " in footer and " of " not in footer
    assert document.core_properties.title.startswith("PC0999F1 – Gestion intégrée")


@pytest.mark.django_db
def test_french_word_in_libreoffice(seeded, tmp_path):
    import json
    import shutil
    import subprocess

    from tests.exports.test_libreoffice import READINGS, SYSTEM_PYTHON  # noqa: F401

    if not (Path(SYSTEM_PYTHON).exists() and shutil.which("soffice")):
        pytest.skip("LibreOffice with python3-uno not found")
    french_working()
    path = export(tmp_path, "docx")
    result = subprocess.run(
        [SYSTEM_PYTHON, str(READINGS), str(path)], capture_output=True, text=True, timeout=300,
        check=True,
    )  # fmt: skip
    shown = json.loads(result.stdout)[str(path)]["shown"]
    assert shown[:2] == ["PC0999F1", "Bruxelles, le 21 septembre 2017"]
    check_french("\n".join(shown), footers=False)  # LibreOffice reads the body
