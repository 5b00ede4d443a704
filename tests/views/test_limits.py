"""Rate limits on what a user creates: over the limit the form comes back with status 429, a
clear message and everything typed; an export over the limit makes no new job, and a stored
file is still served."""

import html

import pytest
from django.test import Client
from django.urls import reverse

from guidelines.models import Comment, ExportJob, Proposal, Section
from guidelines.selectors.ratelimits import COMMENT, EXPORT, PROPOSAL
from guidelines.services.comments import comment_create
from tests.factories import UserFactory

SLUG = "iscm-guidelines"


def delegate(username="delegate") -> tuple:
    """A member who has created nothing yet, signed in."""
    user = UserFactory(username=username, role="member")
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def limit(settings):
    def set_limit(action, count, minutes=10):
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, action: (count, minutes)}

    return set_limit


def page(response) -> str:
    return html.unescape(response.content.decode())


def assert_refused(response, *typed):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    text = page(response)
    assert "the most allowed" in text and "Try again in 10 minutes." in text
    for words in typed:
        assert words in text


@pytest.mark.django_db
def test_comments_over_the_limit_are_refused_with_the_text_kept(seeded, limit):
    limit(COMMENT, 2)
    _user, client = delegate()
    url = reverse("guidelines:comment_create", kwargs={"slug": SLUG, "key": "seals"})
    assert client.post(url, {"body": "One"}).status_code == 302
    assert client.post(url, {"body": "Two"}).status_code == 302
    refused = client.post(url, {"body": "My third, carefully worded remark"})
    assert_refused(refused, "2 comments and replies in the last 10 minutes")
    kept = '<textarea name="body" id="id_body" rows="8" data-markdown-editor="preview">My third'
    assert kept in page(refused)
    assert not Comment.objects.filter(body__startswith="My third").exists()
    # in French too (the page renders under fr; the words come when the lead translates)
    french = client.post(url, {"body": "Encore"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert french.status_code == 429 and '<html lang="fr">' in page(french)


@pytest.mark.django_db
def test_replies_to_comments_count_as_comments(seeded, limit):
    limit(COMMENT, 1)
    user, client = delegate()
    thread = comment_create(user=user, section=Section.objects.get(key="seals"), body="Mine")
    url = reverse("guidelines:comment_reply", kwargs={"slug": SLUG, "pk": thread.pk})
    refused = client.post(url, {"body": "A reply I do not want to lose"})
    assert_refused(refused, "A reply I do not want to lose")
    assert f'<form method="post" action="{url}"' in page(refused)  # to send it again
    assert not Comment.objects.filter(parent=thread).exists()


@pytest.mark.django_db
def test_proposals_over_the_limit_are_refused_with_the_text_kept(seeded, limit):
    limit(PROPOSAL, 1)
    _user, client = delegate()
    url = (
        reverse("guidelines:proposal_new", kwargs={"slug": SLUG, "key": "risk-assessment"})
        + "?kind=amend"
    )
    typed = {"kind": "amend", "heading": "Risk assessment", "rationale": "Plain English"}
    assert client.post(url, {**typed, "body": "First new text."}).status_code == 302
    refused = client.post(url, {**typed, "body": "Second new text.", "rationale": "Shorter"})
    assert_refused(refused, "1 proposals in the last 10 minutes", "Second new text.", "Shorter")
    assert Proposal.objects.filter(author__username="delegate").count() == 1


@pytest.mark.django_db
def test_comments_on_proposals_count_as_comments_and_keep_the_text(seeded, limit):
    limit(COMMENT, 1)
    _user, client = delegate()
    proposal = Proposal.objects.order_by("id").first()
    url = reverse("guidelines:proposal_comment_create", kwargs={"slug": SLUG, "pk": proposal.pk})
    assert client.post(url, {"body": "We agree."}).status_code == 302
    refused = client.post(url, {"body": "We also suggest a footnote."})
    assert_refused(refused, "1 comments and replies in the last 10 minutes")
    assert "We also suggest a footnote.</textarea>" in page(refused)  # in the comment box
    assert Comment.objects.filter(author__username="delegate", proposal=proposal).count() == 1


@pytest.mark.django_db
def test_a_new_export_over_the_limit_is_refused_but_a_stored_file_is_served(seeded, limit):
    limit(EXPORT, 1)
    _user, client = delegate()

    def export(fmt):
        return client.get(reverse("guidelines:document_export", kwargs={"slug": SLUG, "fmt": fmt}))

    first = export("docx")
    assert first.status_code == 200 and first.content  # made at once (tasks run inline here)
    assert ExportJob.objects.count() == 1
    refused = export("pdf")
    assert_refused(refused, "1 new exports in the last 10 minutes", "can still be downloaded")
    assert ExportJob.objects.count() == 1
    again = export("docx")  # the same export: the stored file, no new job, no limit
    assert again.status_code == 200 and again.content == first.content
    job = ExportJob.objects.get()
    download = reverse("guidelines:export_job_download", kwargs={"slug": SLUG, "pk": job.pk})
    assert client.get(download).content == first.content
    # another user is not held back by this one's exports
    _other, other = delegate("other-delegate")
    url = reverse("guidelines:document_export", kwargs={"slug": SLUG, "fmt": "pdf"})
    assert other.get(url).status_code == 200
