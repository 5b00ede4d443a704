"""The document and section pages read in French: the French headings and text where there is a
translation, a banner where it is missing or out of date (with the English beside it), and the
English text that comments quote and proposals amend kept as it is."""

import re
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import translation

from guidelines.models import Language, Section, SectionTranslation, User
from guidelines.services.synthetic import synthetic_document_create
from guidelines.services.translations import translation_save
from tests.queries import page_queries as _queries

DOC = reverse("guidelines:document_detail", kwargs={"slug": "iscm-guidelines"})
# The demo (services/demo_translations.py): translated and up to date, translated then the
# English edited (out of date since version 2), never translated.
UP_TO_DATE, OUT_OF_DATE, MISSING = "risk-assessment", "import-procedures", "seals"


def section_url(key, slug="iscm-guidelines"):
    return reverse("guidelines:section_detail", kwargs={"slug": slug, "key": key})


def get(client, url, language="fr"):
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def fr(msgid: str, **values) -> str:
    """What the French page says for ``msgid`` (the English until the lead translates it)."""
    with translation.override("fr"):
        text = translation.gettext(msgid)
    return text % values if values else text


OUT_OF_DATE_BANNER = (
    "The French translation is out of date: it translates version %(old)s, the English is at "
    "version %(new)s."
)
MISSING_BANNER = "No French translation yet: the English text is shown."


def duplicate_ids(html):
    return {i for i, n in Counter(re.findall(r'\sid="([^"]+)"', html)).items() if n > 1}


def no_new_duplicate_ids(client, url):
    """The French page adds no id twice (beyond any the English page already repeats)."""
    return duplicate_ids(get(client, url)) <= duplicate_ids(get(client, url, "en"))


@pytest.mark.django_db
def test_the_document_reads_in_french_with_banners(client_for):
    html = get(client_for("member"), DOC)
    assert '<html lang="fr">' in html
    # Translated headings (the shared numbers) in the text and the outline; French text.
    assert '<span class="num">3.5</span> Évaluation du risque</a>' in html
    assert '<span class="num">3.5</span> <span class="heading">Évaluation du risque</span>' in html
    assert "Chaque administration évalue le risque" in html
    assert "Each administration assesses risk" not in html  # up to date: the French only
    # Out of date: the banner says since which version, French and English side by side.
    assert fr(OUT_OF_DATE_BANNER, old=1, new=2) in html
    assert "L’administration d’importation reçoit" in html
    assert '<div class="prose" lang="en"><p>The import administration receives' in html
    # Missing: the banner and the English, marked as English (its heading too).
    assert fr(MISSING_BANNER) in html
    assert '<span class="num">3.7</span> <span lang="en">Seals</span></a>' in html
    assert re.search(r'<div class="prose" lang="en"><p>Containers of high-risk', html)
    annex = fr("Annex %(n)s", n="I")
    assert f'<span class="num">{annex}</span> <span class="heading"><span lang="en">' in html
    assert f'<span class="num">{annex}</span> <span lang="en">' in html  # numbers shared
    assert fr("Update the translation") not in html  # a member may not translate
    assert not duplicate_ids(html)


@pytest.mark.django_db
def test_a_translator_gets_the_link_to_the_translation_page(client_for):
    html = get(client_for("secretariat"), DOC)
    url = reverse("guidelines:section_translate", args=["iscm-guidelines", OUT_OF_DATE, "fr"])
    assert f'<a href="{url}">{fr("Update the translation")}</a>' in html
    missing = reverse("guidelines:section_translate", args=["iscm-guidelines", MISSING, "fr"])
    assert f'<a href="{missing}">{fr("Translate")}</a>' in html
    assert fr("FR out of date") in html  # the outline's badges still show, from the same query


@pytest.mark.django_db
def test_the_english_interface_is_unchanged(client_for):
    html = get(client_for("member"), DOC, "en")
    assert '<span class="num">3.5</span> Risk assessment</a>' in html
    assert "Each administration assesses risk" in html and "Chaque administration" not in html
    assert 'lang="en"' not in html.split("<main", 1)[1]
    assert "reading-banner" not in html and "?text=en" not in html
    page = get(client_for("member"), section_url(UP_TO_DATE), "en")
    assert "<title>3.5 Risk assessment" in page and "reading-label" not in page
    assert '<div class="prose" id="section-text" data-commentable="1">' in page


@pytest.mark.django_db
def test_an_up_to_date_section_reads_in_french_beside_the_english_original(client_for):
    html = get(client_for("member"), section_url(UP_TO_DATE))
    assert "<title>3.5 Évaluation du risque" in html
    assert re.search(r"<h1><span class=\"num\">3.5</span> Évaluation du risque</h1>", html)
    assert "reading-banner" not in html
    french = html.index("Chaque administration évalue le risque")
    # The English keeps the id, the comment anchors and the quote picker, marked English.
    english = html.index(
        '<div class="prose" id="section-text" data-commentable="1" lang="en"><p>Each administration'
    )
    assert french < english
    assert fr("The text proposals amend and comments quote.") in html
    assert '<p class="reading-original-heading" lang="en">Risk assessment</p>' in html
    assert 'id="quote-source" rows="7" aria-readonly="true" inputmode="none" spellcheck="false" ' \
           'lang="en">Each administration' in html  # fmt: skip
    assert "with-comments--bilingual" in html
    assert no_new_duplicate_ids(client_for("member"), section_url(UP_TO_DATE))


@pytest.mark.django_db
def test_an_out_of_date_section_says_since_which_version(client_for):
    html = get(client_for("facilitator"), section_url(OUT_OF_DATE))
    assert fr(OUT_OF_DATE_BANNER, old=1, new=2) in html
    assert fr("French text (translates version %(n)s)", n=1) in html
    assert "L’administration d’importation reçoit" in html
    assert "recorded against the Unique Consignment Reference" in html  # the current English
    url = reverse("guidelines:section_translate", args=["iscm-guidelines", OUT_OF_DATE, "fr"])
    assert f'<a href="{url}">{fr("Update the translation")}</a>' in html
    assert "translation-line" not in html  # the banner says it already
    assert no_new_duplicate_ids(client_for("facilitator"), section_url(OUT_OF_DATE))


@pytest.mark.django_db
def test_a_missing_section_shows_the_english_under_a_banner(client_for):
    html = get(client_for("member"), section_url(MISSING))
    assert fr(MISSING_BANNER) in html
    assert '<h1><span class="num">3.7</span> <span lang="en">Seals</span></h1>' in html
    assert "section-reading" not in html and "with-comments--bilingual" not in html
    assert '<div class="prose" id="section-text" data-commentable="1" lang="en">' in html
    # Neighbours and breadcrumbs in French where translated.
    assert "Procédures de contrôle douanier intégré</a>" in html


@pytest.mark.django_db
def test_the_english_original_on_its_own_keeps_the_interface_french(client_for):
    client = client_for("member")
    html = get(client, section_url(UP_TO_DATE) + "?text=en")
    assert '<html lang="fr">' in html and "Correspondances avec le Cadre SAFE" in html
    assert "Chaque administration" not in html and "reading-banner" not in html
    assert '<h1><span class="num">3.5</span> <span lang="en">Risk assessment</span></h1>' in html
    assert 'data-commentable="1" lang="en"><p>Each administration' in html
    assert f'<a href="{section_url(UP_TO_DATE)}">{fr("Read the French text")}</a>' in html
    doc = get(client, DOC + "?text=en")
    assert "Évaluation du risque" not in doc and '<a href="?text=en">' not in doc
    assert '<div class="prose" lang="en"><p>Each administration assesses risk' in doc


@pytest.mark.django_db
def test_a_french_text_is_sanitised_like_the_english(client_for):
    section = Section.objects.get(key=UP_TO_DATE)
    SectionTranslation.objects.filter(section=section).update(
        heading="<b>Évaluation</b>",
        body="<script>alert(1)</script> Bonjour [lien](javascript:alert(2)) ## Titre",
    )
    for url in (DOC, section_url(UP_TO_DATE)):
        html = get(client_for("member"), url)
        assert "<script>alert(1)</script>" not in html and "javascript:alert" not in html
        assert "Bonjour" in html
        assert "&lt;b&gt;Évaluation&lt;/b&gt;" in html and "<b>Évaluation</b>" not in html


@pytest.mark.django_db
def test_french_and_english_ids_never_clash(client_for):
    section = Section.objects.get(key=UP_TO_DATE)
    body = "## Scope\n\nText.[^1]\n\n[^1]: A note."
    Section.objects.filter(pk=section.pk).update(body=body)  # same headings and footnotes
    SectionTranslation.objects.filter(section=section).update(body=body)
    html = get(client_for("member"), section_url(UP_TO_DATE))
    assert 'id="h-fr-risk-assessment-scope"' in html and 'id="h-risk-assessment-scope"' in html
    assert 'id="fr-risk-assessment-fn:1"' in html and 'id="risk-assessment-fn:1"' in html
    assert no_new_duplicate_ids(client_for("member"), section_url(UP_TO_DATE))
    assert not duplicate_ids(get(client_for("member"), DOC))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_french_adds_one_query_for_readers_and_none_for_translators(client_for, role):
    doc = synthetic_document_create(sections=300)
    secretariat = User.objects.get(username="secretariat")
    for section in Section.objects.filter(document=doc)[:100]:
        translation_save(section=section, language=Language.FRENCH, heading="Titre",
                         body="Texte.", source_version=section.version, expected_version=0,
                         user=secretariat, reason="Traduction")  # fmt: skip
    client = client_for(role)
    added = 1 if role == "member" else 0  # a translator's page reads the states anyway
    for url in (reverse("guidelines:document_detail", kwargs={"slug": doc.slug}),
                section_url("section-150", slug=doc.slug)):  # fmt: skip
        _queries(client, url, "en")  # the document's structure read once, then cached
        _queries(client, url, "fr")  # the French texts rendered once, then held (render cache)
        english = _queries(client, url, "en")
        assert _queries(client, url, "fr") == english + added, url
    # The pins: 12 and 13 in English (tests/views/test_pages.py), one more in French.
    if role == "member":
        client.cookies["django_language"] = "fr"
        assert _queries(client, reverse("guidelines:document_detail", args=[doc.slug]), "fr") <= 13
        assert _queries(client, section_url("section-150", slug=doc.slug), "fr") <= 14
