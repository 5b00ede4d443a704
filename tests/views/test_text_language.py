"""Proposals and comments shown in the language they were written (lang=, a "written in" tag
where it differs from the page's) and the proposal form's statement of the text it amends."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from guidelines.forms.comments import CommentForm, ReplyForm
from guidelines.models import Comment, Proposal, Section, User
from guidelines.services.comments import comment_create, comment_reply
from tests.views.page_forms import form_data

SLUG = "iscm-guidelines"


def section(key="seals"):
    return Section.objects.get(document__slug=SLUG, key=key)


def section_url(key="seals"):
    return reverse("guidelines:section_detail", kwargs={"slug": SLUG, "key": key})


def propose_url(key="seals"):
    return reverse("guidelines:proposal_new", kwargs={"slug": SLUG, "key": key}) + "?kind=amend"


def in_french(client):
    client.cookies["django_language"] = "fr"
    return client


def french_thread():
    member = User.objects.get(username="member-au")
    thread = comment_create(user=member, section=section(), body="Les scellés « ISO ».",
                            language="fr")  # fmt: skip
    comment_reply(user=member, parent=thread, body="An English reply.", language="en")
    return thread


def test_the_forms_prefill_the_language_with_the_interface_language():
    with translation.override("fr"):
        assert CommentForm()["language"].value() == "fr"
        assert ReplyForm()["language"].value() == "fr"
    with translation.override("en"):
        assert CommentForm()["language"].value() == "en"
    form = CommentForm({"body": "Hello", "language": "de"})
    assert not form.is_valid() and "language" in form.errors
    form = CommentForm({"body": "Hello"})  # an old page without the select: the interface's
    assert form.is_valid() and form.cleaned_data["language"] == ""


@pytest.mark.django_db
def test_a_thread_shows_each_text_with_its_language_and_a_tag_where_it_differs(client_for):
    thread = french_thread()
    reply = thread.replies.get()
    html = client_for("member").get(section_url()).content.decode()
    block = html.split(f'id="comment-{thread.pk}"', 1)[1].split("</article>")[0]
    assert re.search(r'<div class="prose" lang="fr">\s*<p>Les scellés « ISO ».</p>', block)
    assert re.search(r'<div class="prose" lang="en">\s*<p>An English reply.</p>', block)
    assert block.count("written in French") == 1  # the thread, on an English page
    assert (
        "written in English" not in block.split(f'id="comment-{reply.pk}"')[1].split("</form>")[0]
    )
    french = in_french(client_for("member")).get(section_url()).content.decode()
    block = french.split(f'id="comment-{thread.pk}"', 1)[1].split("</article>")[0]
    assert 'lang="fr"' in block and "written in French" not in block
    assert block.count('class="written-in"') == 1  # the English reply, on a French page


@pytest.mark.django_db
def test_the_reply_box_and_the_comment_box_offer_the_language_prefilled(client_for):
    thread = french_thread()
    english = client_for("member").get(section_url()).content.decode()
    select = english.split(f'id="reply-language-{thread.pk}"')[1].split("</select>")[0]
    assert '<option value="en" selected>' in select and '<option value="fr">' in select
    assert "Language of your text" in english
    french = in_french(client_for("member")).get(section_url()).content.decode()
    select = french.split(f'id="reply-language-{thread.pk}"')[1].split("</select>")[0]
    assert '<option value="fr" selected>' in select
    new = french.split('id="id_language"')[1].split("</select>")[0]
    assert '<option value="fr" selected>' in new


@pytest.mark.django_db
def test_posting_in_the_french_interface_records_french_unless_told(client_for):
    client = in_french(client_for("member"))
    url = reverse("guidelines:comment_create", kwargs={"slug": SLUG, "key": "seals"})
    client.post(url, {"body": "Sans choix."})
    client.post(url, {"body": "Written in English.", "language": "en"})
    languages = dict(Comment.objects.filter(section=section()).values_list("body", "language"))
    assert languages["Sans choix."] == "fr" and languages["Written in English."] == "en"
    thread = Comment.objects.get(body="Sans choix.")
    reply_url = reverse("guidelines:comment_reply", kwargs={"slug": SLUG, "pk": thread.pk})
    client.post(reply_url, {"body": "Reply in English.", "language": "en"})
    assert Comment.objects.get(body="Reply in English.").language == "en"


@pytest.mark.django_db
def test_the_proposal_form_says_which_text_it_amends_in_english(client_for):
    html = client_for("member").get(propose_url()).content.decode()
    statement = html.split('id="amended-text">')[1].split("</p>")[0]
    current = section()
    assert "This proposal amends the English text of" in statement
    assert current.heading in statement and f"version {current.version}" in statement
    assert "The French translation is updated by the translators after a decision." in statement
    assert 'id="french-reference"' not in html  # the English interface: no French beside
    assert '<option value="en" selected>' in html.split('id="id_language"')[1]


@pytest.mark.django_db
def test_the_proposal_form_in_french_shows_the_french_translation_for_reference(client_for):
    client = in_french(client_for("member"))
    html = client.get(propose_url("risk-assessment")).content.decode()
    assert 'id="amended-text"' in html
    reference = html.split('id="french-reference"')[1].split("</details>")[0]
    assert "<details" in html.split('id="french-reference"')[0][-40:]  # collapsible
    assert '<p class="redline-heading" lang="fr">Évaluation du risque</p>' in reference
    assert 'class="prose" lang="fr"' in reference and "sélectivité automatisée" in reference
    assert "parity--up_to_date" in reference
    stale = client.get(propose_url("import-procedures")).content.decode()
    assert "parity--out_of_date" in stale.split('id="french-reference"')[1]
    missing = client.get(propose_url("seals")).content.decode()
    assert 'id="french-reference"' not in missing  # no translation: nothing to show
    assert '<option value="fr" selected>' in missing.split('id="id_language"')[1]


@pytest.mark.django_db
def test_a_proposal_posted_in_french_is_shown_as_written_everywhere(client_for):
    client = in_french(client_for("member"))
    fields = form_data(client.get(propose_url()).content.decode(), propose_url())
    response = client.post(propose_url(), {**fields, "body": section().body + " Plus.",
                                           "rationale": "Parce que « c’est clair »."})  # fmt: skip
    assert response.status_code == 302
    proposal = Proposal.objects.get(rationale="Parce que « c’est clair ».")
    assert proposal.language == "fr"
    facilitator = client_for("facilitator")
    detail = reverse("guidelines:proposal_detail", kwargs={"slug": SLUG, "pk": proposal.pk})
    pages = {
        "detail": detail,
        "list": reverse("guidelines:proposal_list", kwargs={"slug": SLUG}),
        "todo": reverse("guidelines:todo"),
        "section": section_url(),
    }
    for name, url in pages.items():
        html = facilitator.get(url).content.decode()
        assert re.search(r'<span lang="fr">Parce que « c’est clair[^<]*</span>', html), name
        assert "written in French" in html, name
    html = client.get(detail).content.decode()
    assert '<span lang="fr">Parce que' in html and "written in French" not in html


@pytest.mark.django_db
def test_inbox_history_and_to_do_mark_the_comment_language(client_for):
    thread = french_thread()
    inbox = client_for("member").get(reverse("guidelines:inbox")).content.decode()
    assert '<span lang="fr">Les scellés « ISO ».</span>' in inbox
    todo = client_for("facilitator").get(reverse("guidelines:todo")).content.decode()
    assert '<span lang="en">An English reply.</span>' in todo
    history_url = reverse("guidelines:comment_history", kwargs={"slug": SLUG, "pk": thread.pk})
    history = client_for("secretariat").get(history_url).content.decode()
    assert '<div class="prose" lang="fr">' in history and "written in French" in history


@pytest.mark.django_db
def test_editing_a_comment_offers_its_language(client_for):
    with translation.override("en"):
        comment = comment_create(user=User.objects.get(username="member-au"),
                                 section=section(), body="Texte.")  # fmt: skip
    client = client_for("member")
    url = reverse("guidelines:comment_edit", kwargs={"slug": SLUG, "pk": comment.pk})
    assert '<option value="en" selected>' in client.get(url).content.decode()
    client.post(url, {"body": "Texte corrigé.", "language": "fr"})
    assert Comment.objects.get(pk=comment.pk).language == "fr"


@pytest.mark.django_db
def test_the_translate_url_refuses_english_the_source(client_for):
    french = reverse("guidelines:section_translate", args=[SLUG, "seals", "fr"])
    assert client_for("secretariat").get(french).status_code == 200
    english = french.replace("/translate/fr/", "/translate/en/")
    assert client_for("secretariat").get(english).status_code == 404


@pytest.mark.django_db
def test_the_bell_marks_a_quoted_comment_with_its_language(client_for):
    from guidelines.services.comments import section_follow

    section_follow(user=User.objects.get(username="member-cn"), section=section(), follow=True)
    french_thread()
    html = client_for("member-cn").get(reverse("guidelines:notifications")).content.decode()
    assert re.search(r'<p class="notification__body" lang="fr">[^<]*Les scellés', html)


@pytest.mark.django_db
def test_the_french_proposal_form_names_the_annex_in_french_and_marks_its_english_heading(
    client_for,
):
    html = in_french(client_for("member")).get(propose_url("annex-authorized-supply-chain"))
    statement = html.content.decode().split('id="amended-text">')[1].split("</p>")[0]
    heading = section("annex-authorized-supply-chain").heading
    with translation.override("fr"):
        annex = translation.gettext("Annex %(n)s") % {"n": "II"}
    assert annex in statement and f'<span lang="en">{heading}</span>' in statement
    english = client_for("member").get(propose_url("annex-authorized-supply-chain"))
    statement = english.content.decode().split('id="amended-text">')[1].split("</p>")[0]
    assert "Annex II" in statement and 'lang="en"' not in statement


@pytest.mark.django_db
def test_quoted_passages_are_marked_english_on_a_french_page(client_for):
    member = User.objects.get(username="member-au")
    quote = "The seal number is part of the advance data"
    comment_create(user=member, section=section(), body="Sur ce point.", quote=quote,
                   language="fr")  # fmt: skip
    html = in_french(client_for("member")).get(section_url()).content.decode()
    assert f'<span lang="en">{quote}</span>' in html
    inbox = in_french(client_for("member-au")).get(reverse("guidelines:inbox")).content.decode()
    assert f'<q lang="en">{quote}</q>' in inbox
