"""The document's title and description in French: pages, exports and the export cache."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document as WordDocument

from guidelines.exports.cache import export_key
from guidelines.exports.context import export_content
from guidelines.exports.docx import DocxExporter
from guidelines.exports.pdf import PdfExporter
from guidelines.models import Document, User
from guidelines.services.history import save_versioned
from guidelines.services.seed import seed_demo
from tests.conftest import DEMO_PASSWORD

SLUG = "iscm-guidelines"
FRENCH = "Directives douanières sur la gestion intégrée de la chaîne logistique"
ENGLISH = "Customs Guidelines on Integrated Supply Chain Management"


def in_french(client):
    client.cookies["django_language"] = "fr"
    return client


def test_title_in_each_language_falls_back_to_the_english():
    document = Document(title="Guidelines", title_fr="Directives", description="Text")
    assert document.title_in("fr") == "Directives" and document.title_in("en") == "Guidelines"
    assert document.description_in("fr") == "Text"  # no French description: the English
    with translation.override("fr"):
        assert document.shown_title == "Directives" and document.title_lang == ""
        assert document.description_lang == "en"
        document.title_fr = ""
        assert document.shown_title == "Guidelines" and document.title_lang == "en"
    with translation.override("en"):
        assert document.shown_title == "Guidelines" and document.title_lang == ""


@pytest.mark.django_db
def test_the_french_pages_show_the_french_title(client_for):
    page = reverse("guidelines:document_detail", kwargs={"slug": SLUG})
    html = in_french(client_for("member")).get(page).content.decode()
    assert f"<h1>{FRENCH}</h1>" in html and "sous-groupe de révision SAFE" in html
    html = client_for("member").get(page).content.decode()
    assert f"<h1>{ENGLISH}</h1>" in html and FRENCH not in html
    listing = in_french(client_for("member")).get(reverse("guidelines:document_list"))
    assert FRENCH in listing.content.decode()


@pytest.mark.django_db
def test_without_a_french_title_the_english_is_marked_english(client_for):
    document = Document.objects.get(slug=SLUG)
    document.title_fr = ""
    save_versioned(document, user=User.objects.get(username="secretariat"), reason="test")
    page = reverse("guidelines:document_detail", kwargs={"slug": SLUG})
    html = in_french(client_for("member")).get(page).content.decode()
    assert f'<h1 lang="en">{ENGLISH}</h1>' in html


@pytest.mark.django_db
def test_the_french_export_titles_the_draft_in_french(seeded):
    document = Document.objects.get(slug=SLUG)
    content = export_content(document=document, variant="clean", language="fr")
    html = PdfExporter(content, language="fr").html()
    assert f'<h1 class="doc-title">{FRENCH}</h1>' in html
    word = WordDocument(io.BytesIO(DocxExporter(content, language="fr").render()))
    titles = [p.text for p in word.paragraphs if p.style.name == "Title"]
    assert titles == [FRENCH]
    english = export_content(document=document, variant="clean", language="en")
    assert english.draft_title == ENGLISH


@pytest.mark.django_db
def test_a_new_french_title_makes_a_new_export(seeded):
    document = Document.objects.get(slug=SLUG)
    before = export_key(document=document, variant="clean", fmt="pdf", language="fr")
    document.title_fr = "Autre titre"
    save_versioned(document, user=None, reason="test")
    assert export_key(document=document, variant="clean", fmt="pdf", language="fr") != before


@pytest.mark.django_db
def test_seeding_again_gives_an_older_database_the_french_title_once(seeded):
    document = Document.objects.get(slug=SLUG)
    document.title_fr = document.description_fr = ""
    save_versioned(document, user=None, reason="an older demo")
    seed_demo(password=DEMO_PASSWORD)
    document.refresh_from_db()
    assert document.title_fr == FRENCH
    rows = Document.history.filter(id=document.pk).count()
    seed_demo(password=DEMO_PASSWORD)
    assert Document.history.filter(id=document.pk).count() == rows
