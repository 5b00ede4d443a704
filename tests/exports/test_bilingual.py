"""The bilingual review for the translators: English | French per section, out-of-date and
missing sections flagged, in PDF and Word, from the translations page and the command line."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from docx import Document as WordDocument
from docx.oxml.ns import qn

from guidelines.exports.files import export_plan
from guidelines.models import Document, ExportJob
from guidelines.rendering.typography import NNBSP
from guidelines.views.exports import job_source_url
from tests.exports.test_french_draft import flat, libreoffice_shown

SLUG = "iscm-guidelines"


def command(tmp_path: Path, fmt: str, language: str = "en") -> Path:
    out = tmp_path / f"bilingual.{fmt}"
    call_command("export_pdf", SLUG, variant="bilingual", fmt=fmt, language=language,
                 output=str(out), no_cache=True, stdout=io.StringIO())  # fmt: skip
    return out


def flags(language: str = "en") -> tuple[str, str]:
    with translation.override(language):
        missing = translation.gettext("Missing: this section has no French translation yet.")
        stale = translation.gettext(
            "Out of date: the French translates English version %(old)s; the English is now "
            "at version %(new)s."
        )
    # what comes before the colon, with the French edition's narrow no-break space undone
    return missing.split(":")[0].rstrip(), stale.split(":")[0].rstrip()


@pytest.mark.django_db
def test_bilingual_pdf_side_by_side_with_flags(seeded, tmp_path, pdf_text):
    data = command(tmp_path, "pdf").read_bytes()
    text = pdf_text(data)
    reading = flat(text)
    assert "Foreword" in reading and "Avant-propos" in reading
    assert "Threats to the international supply chain" in reading
    assert "Les menaces qui pèsent sur la chaîne logistique" in reading
    # numbered headings in both languages
    assert "3.1 Export procedures" in reading and "3.1 Procédures à l’exportation" in reading
    missing, stale = flags()
    assert missing in reading and stale in reading
    assert "Missing: this section has no French translation yet." in reading
    assert re.search(r"English version \d+; the English is now at version \d+", reading)
    assert "No French translation yet." in reading
    # the two columns sit side by side: a line holds English and French
    lines = pdf_text(data, "-layout").splitlines()
    assert any("Foreword" in line and "Avant-propos" in line for line in lines)


@pytest.mark.django_db
def test_bilingual_html_typesets_the_french_column_only(seeded):
    plan = export_plan(document=Document.objects.get(slug=SLUG), variant="bilingual")
    html = plan.exporter(plan.content()).html()
    french = [c.split("</td>")[0] for c in html.split('<td lang="fr">')[1:]]
    english = [c.split("</td>")[0] for c in html.split('<td lang="en">')[1:]]
    assert french and english
    assert any(NNBSP in c for c in french)  # French spacing in an English-labelled export
    assert not any(NNBSP in c for c in english)


@pytest.mark.django_db
def test_bilingual_word_table_in_two_languages(seeded, tmp_path):
    path = command(tmp_path, "docx", language="fr")
    document = WordDocument(str(path))
    [table] = document.tables[-1:]
    assert len(table.columns) == 2
    rows = [[c.text for c in row.cells] for row in table.rows]
    first = {r[0].split("\n")[0]: r[1].split("\n")[0] for r in rows if len(set(r)) == 2}
    assert first["Foreword"] == "Avant-propos"
    assert first["3.1 Export procedures"] == "3.1 Procédures à l’exportation"
    missing, stale = flags("fr")
    merged = [r[0] for r in rows if r[0] == r[1]]  # a flag spans both columns
    merged = [m.replace(NNBSP, " ") for m in merged]
    assert any(m.startswith(missing) for m in merged)
    assert any(m.startswith(stale) for m in merged)
    # each column's runs carry its language
    english, french = table.rows[1].cells  # the foreword, up to date
    assert french.text.startswith("Avant-propos")
    assert {el.get(qn("w:val")) for el in french._tc.iter(qn("w:lang"))} == {"fr-FR"}
    assert {el.get(qn("w:val")) for el in english._tc.iter(qn("w:lang"))} == {"en-GB"}
    shown = libreoffice_shown(path)
    assert "Avant-propos" in shown and "Foreword" in shown


@pytest.mark.django_db
def test_bilingual_command_pdf_and_word(seeded, tmp_path):
    assert command(tmp_path, "pdf").read_bytes().startswith(b"%PDF")
    assert command(tmp_path, "docx").read_bytes().startswith(b"PK")


@pytest.mark.django_db
def test_bilingual_from_the_translations_page(seeded, client_for):
    page = client_for("secretariat").get(reverse("guidelines:translations", args=[SLUG]))
    url = reverse("guidelines:translations_export", args=[SLUG, "pdf"])
    assert url.encode() in page.content
    response = client_for("secretariat").get(url + "?language=fr")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    job = ExportJob.objects.get(variant="bilingual")
    assert job.language == "fr" and job_source_url(job) == url + "?language=fr"
    assert client_for("member").get(url).status_code == 403
    assert client_for("observer").get(url).status_code == 403
    # a failed bilingual job offers "Try again" only to who may ask for it
    from guidelines.models.jobs import ExportFailure, ExportStatus

    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.FAILED, failure=ExportFailure.ERROR
    )
    page = reverse("guidelines:export_job", args=[SLUG, job.pk])
    again = f'href="{url}?language=fr"'.replace("&", "&amp;")
    assert again in client_for("secretariat").get(page).content.decode()
    assert again not in client_for("observer").get(page).content.decode()


@pytest.mark.django_db
def test_bilingual_export_is_made_again_when_a_translation_changes(seeded):
    from guidelines.models import Section, SectionTranslation, User
    from guidelines.services.translations import translation_save

    document = Document.objects.get(slug=SLUG)
    before = export_plan(document=document, variant="bilingual").key
    section = Section.objects.get(key="foreword")
    current = SectionTranslation.objects.get(section=section, language="fr")
    translation_save(section=section, language="fr", heading="Avant-propos", body="Autre.",
                     source_version=section.version, expected_version=current.version,
                     user=User.objects.get(username="secretariat"), reason="Revu")  # fmt: skip
    assert export_plan(document=document, variant="bilingual").key != before


@pytest.mark.django_db
def test_bilingual_html_footnote_ids_are_unique_across_the_columns(seeded):
    """Both columns of a section with a footnote: the French one has its own ids, so its links
    lead to its own note, not to the English's."""
    from guidelines.models import SectionTranslation

    translation_row = SectionTranslation.objects.filter(
        section__document__slug=SLUG, language="fr"
    ).first()
    section = translation_row.section
    type(section).objects.filter(pk=section.pk).update(body="English[^1] text.\n\n[^1]: A note.")
    SectionTranslation.objects.filter(pk=translation_row.pk).update(
        body="Texte[^1] français.\n\n[^1]: Une note."
    )
    plan = export_plan(document=Document.objects.get(slug=SLUG), variant="bilingual")
    html = plan.exporter(plan.content()).html()
    assert "Une note." in html and "A note." in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert [i for i in ids if "fn" in i]  # footnotes there, with ids
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


@pytest.mark.django_db
def test_bilingual_and_working_word_files_share_their_furniture(seeded, tmp_path):
    """One base class writes every Word file's properties, header and footer: the bilingual
    review's are the working document's, with its own title."""
    from guidelines.exports.docx import DocxExporter
    from guidelines.exports.word.base import WordExporter
    from guidelines.exports.word.bilingual import BilingualDocxExporter

    for exporter in (DocxExporter, BilingualDocxExporter):
        assert issubclass(exporter, WordExporter)
        assert not {"render", "_properties", "__init__"} & set(vars(exporter))
    document = WordDocument(str(command(tmp_path, "docx", language="fr")))
    properties = document.core_properties
    assert properties.author == "World Customs Organization"
    assert properties.last_modified_by == "ISCM Tracker"
    assert properties.language == "fr-FR" and properties.keywords == "WCO; SAFE; ISCM"
    assert properties.subject == properties.title.split(" – ")[0]
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == properties.subject
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
