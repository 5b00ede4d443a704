import pytest
from django.urls import reverse
from django.utils.html import escape

from guidelines.models import Language, Section, SectionTranslation, User
from guidelines.services.sections import section_update
from guidelines.services.synthetic import synthetic_document_create
from tests.queries import page_queries as _queries
from tests.services.test_translations import FRENCH_TEXT
from tests.views.page_forms import form_data

SLUG = "iscm-guidelines"
FR = Language.FRENCH


def translate_url(key="seals"):
    return reverse(
        "guidelines:section_translate", kwargs={"slug": SLUG, "key": key, "language": FR}
    )


def parity_url():
    return reverse("guidelines:translations", kwargs={"slug": SLUG})


def section(key="seals"):
    return Section.objects.get(document__slug=SLUG, key=key)


def page_fields(client, key="seals") -> dict:
    html = client.get(translate_url(key)).content.decode()
    return form_data(html, translate_url(key), page_url=translate_url(key))


def english_edit(key, old, new):
    current = section(key)
    section_update(section=current, heading=current.heading, body=current.body.replace(old, new),
                   base_version=current.version, user=User.objects.get(username="facilitator"),
                   reason="English edit")  # fmt: skip


@pytest.mark.django_db
def test_translate_page_shows_the_english_and_a_labelled_editor_with_both_tokens(client_for):
    client = client_for("secretariat")
    html = client.get(translate_url()).content.decode()
    assert "high-security mechanical seals" in html  # the English, in full (missing)
    for label in ('for="id_heading">Heading (translation)<', 'for="id_body">Text (translation)<',
                  'for="id_reason">Reason for change<', "data-markdown-editor"):  # fmt: skip
        assert label in html
    fields = page_fields(client)
    assert (fields["expected_version"], fields["source_version"]) == ("0", "1")


@pytest.mark.django_db
def test_save_from_the_page_marks_it_up_to_date_and_redirects_to_parity(client_for):
    client = client_for("facilitator")
    fields = page_fields(client)
    response = client.post(translate_url(), {**fields, "heading": "Scellés",
                                             "body": "Les conteneurs sont scellés.",
                                             "reason": "Traduction"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == parity_url()
    translation = SectionTranslation.objects.get(section=section(), language=FR)
    assert (translation.version, translation.source_version) == (1, 1)


@pytest.mark.django_db
def test_out_of_date_page_highlights_the_english_changes(client_for):
    english_edit("import-procedures", "examination.", "examination at the border.")
    html = client_for("secretariat").get(translate_url("import-procedures")).content.decode()
    assert "Out of date since English version 2" in html and "English is at version 3" in html
    assert "<ins" in html and "border" in html


@pytest.mark.django_db
def test_an_invalid_form_is_shown_again_with_the_typed_text(client_for):
    client = client_for("secretariat")
    fields = page_fields(client)
    response = client.post(translate_url(), {**fields, "heading": " ", "body": "Mon texte à moi.",
                                             "reason": "R"})  # fmt: skip
    assert response.status_code == 400
    assert "Mon texte à moi." in response.content.decode()
    assert not SectionTranslation.objects.filter(section=section()).exists()


@pytest.mark.django_db
def test_english_changed_since_the_page_gives_409_keeping_the_typed_french(client_for):
    client = client_for("secretariat")
    fields = page_fields(client)  # shows English version 1
    english_edit("seals", "mechanical", "mechanical or electronic")
    typed = "Ma traduction « tapée » à garder."
    response = client.post(translate_url(), {**fields, "heading": "Scellés", "body": typed,
                                             "reason": "Traduction"})  # fmt: skip
    assert response.status_code == 409
    html = response.content.decode()
    assert escape(typed) in html
    assert "The English changed since you opened the page" in html
    assert "<ins" in html and "electronic" in html  # the English diff since what was shown
    assert 'name="source_version" value="2"' in html  # the form now on the current English
    assert not SectionTranslation.objects.filter(section=section()).exists()


@pytest.mark.django_db
def test_translation_saved_by_someone_else_gives_409(client_for):
    mine, theirs = client_for("secretariat"), client_for("facilitator")
    fields = page_fields(mine)
    theirs.post(translate_url(), {**page_fields(theirs), "heading": "Scellés",
                                  "body": "Leur texte.", "reason": "Eux"})  # fmt: skip
    response = mine.post(translate_url(), {**fields, "heading": "Scellés", "body": "Mon texte.",
                                           "reason": "Moi"})  # fmt: skip
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved the French translation" in html and "Mon texte." in html
    assert SectionTranslation.objects.get(section=section()).body == "Leur texte."


@pytest.mark.django_db
def test_the_conflict_page_compares_the_heading_too_keeping_what_was_typed(client_for):
    mine, theirs = client_for("secretariat"), client_for("facilitator")
    fields = page_fields(mine)
    theirs.post(translate_url(), {**page_fields(theirs), "heading": "Scellés douaniers",
                                  "body": "Même texte.", "reason": "Eux"})  # fmt: skip
    response = mine.post(translate_url(), {**fields, "heading": "Scellés électroniques",
                                           "body": "Même texte.", "reason": "Moi"})  # fmt: skip
    assert response.status_code == 409
    html = response.content.decode()
    saved = html.split('class="conflict-heading--saved">')[1].split("<")[0]
    yours = html.split('class="conflict-heading--yours">')[1].split("<")[0]
    assert (saved, yours) == ("Scellés douaniers", "Scellés électroniques")
    redline = html.split('<p class="redline-heading" lang="fr">')[1].split("</p>")[0]
    assert "<del" in redline and "douaniers" in redline and "électroniques" in redline
    assert "The text is the same in both." in html
    # nothing lost: the typed heading, text and reason are in the form, on the current version
    assert 'value="Scellés électroniques"' in html and "Même texte." in html
    assert 'value="Moi"' in html and 'name="expected_version" value="1"' in html
    assert SectionTranslation.objects.get(section=section()).heading == "Scellés douaniers"


@pytest.mark.django_db
def test_the_conflict_page_says_when_the_heading_is_the_same(client_for):
    mine, theirs = client_for("secretariat"), client_for("facilitator")
    fields = page_fields(mine)
    theirs.post(translate_url(), {**page_fields(theirs), "heading": "Scellés",
                                  "body": "Leur texte.", "reason": "Eux"})  # fmt: skip
    response = mine.post(translate_url(), {**fields, "heading": "Scellés", "body": "Mon texte.",
                                           "reason": "Moi"})  # fmt: skip
    html = response.content.decode()
    assert "The heading is the same in both." in html
    assert 'class="conflict-heading--saved"' not in html


@pytest.mark.django_db
def test_french_typography_round_trips_through_the_page(client_for):
    client = client_for("secretariat")
    heading = "Scellés «\u00a0Œuvre\u00a0»"
    client.post(translate_url(), {**page_fields(client), "heading": heading,
                                  "body": FRENCH_TEXT, "reason": "Traduction"})  # fmt: skip
    translation = SectionTranslation.objects.get(section=section())
    assert (translation.heading, translation.body) == (heading, FRENCH_TEXT)
    fields = page_fields(client)
    assert (fields["heading"], fields["body"]) == (heading, FRENCH_TEXT)


@pytest.mark.django_db
def test_parity_page_counts_filters_and_links(client_for):
    client = client_for("secretariat")
    html = client.get(parity_url()).content.decode()
    assert 'for="id_state">State<' in html and 'for="id_chapter">Chapter<' in html
    assert "out of date since version 2" in html
    assert translate_url("import-procedures") in html
    html = client.get(parity_url(), {"state": "up_to_date"}).content.decode()
    assert translate_url("foreword") in html and translate_url("seals") not in html
    html = client.get(parity_url(), {"chapter": "definitions"}).content.decode()
    assert translate_url("definitions") in html and translate_url("foreword") not in html


@pytest.mark.django_db
def test_translators_see_the_badges_the_section_line_and_the_toolbar_link(client_for):
    doc = reverse("guidelines:document_detail", kwargs={"slug": SLUG})
    sec = reverse("guidelines:section_detail", kwargs={"slug": SLUG, "key": "import-procedures"})
    html = client_for("secretariat").get(doc).content.decode()
    assert "FR out of date" in html and "FR missing" in html and parity_url() in html
    html = client_for("secretariat").get(sec).content.decode()
    assert "French: out of date since version 2" in html
    for role in ("member", "observer"):
        html = client_for(role).get(doc).content.decode()
        assert "FR missing" not in html and parity_url() not in html
        assert "French:" not in client_for(role).get(sec).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["guidelines:document_detail", "guidelines:translations"])
def test_translators_pages_have_constant_queries(client_for, view):
    """Pinned: the document page costs a translator one query more than a member (the parity
    of every section, for the outline's badges); the parity page, 2 queries after the
    header's. The user is read with their delegation (one query)."""
    client = client_for("secretariat")
    counts = {}
    for n in (30, 300):
        doc = synthetic_document_create(sections=n)
        counts[n] = _queries(client, reverse(view, kwargs={"slug": doc.slug}))
    assert counts[30] == counts[300], counts
    # document page: 13 with the phase-two dispositions (one query, for the outline); 18 the
    # first time: the rendered sections' cache read, then the texts rendered stored (count,
    # upsert) in a savepoint (two statements here; a transaction of its own outside tests)
    assert counts[300] == {"guidelines:document_detail": 18, "guidelines:translations": 7}[view]
    again = _queries(client, reverse(view, kwargs={"slug": "synthetic-300"}))
    assert again == {"guidelines:document_detail": 13, "guidelines:translations": 7}[view]


@pytest.mark.django_db
def test_the_audit_trail_lists_translation_saves(client_for):
    client = client_for("secretariat")
    client.post(translate_url(), {**page_fields(client), "heading": "Scellés", "body": "Texte.",
                                  "reason": "Traduction des scellés"})  # fmt: skip
    html = client.get(reverse("guidelines:audit")).content.decode()
    assert "French translation of “Seals” created (version 1)" in html
    assert "Traduction des scellés" in html and translate_url() in html


@pytest.mark.django_db
def test_when_only_the_english_changed_the_conflict_page_does_not_blame_another_translator(
    client_for,
):
    client = client_for("secretariat")
    client.post(translate_url(), {**page_fields(client), "heading": "Scellés",
                                  "body": "Mon texte.", "reason": "Première"})  # fmt: skip
    fields = page_fields(client)
    seals = section()
    section_update(section=seals, heading=seals.heading, body=seals.body + " More.",
                   base_version=seals.version, user=User.objects.get(username="facilitator"),
                   reason="English edit")  # fmt: skip
    response = client.post(translate_url(), {**fields, "body": "Mon texte revu.", "reason": "R"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Deletions: the saved translation; insertions: what you typed." in html
    assert "what the other translator saved" not in html
