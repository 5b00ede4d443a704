"""The discussion on the proposal page: start a thread, reply, edit, delete, hide, resolve; each
answered with the proposal page at the comment; a refused text comes back in its box."""

import html

import pytest
from django.conf import settings
from django.urls import reverse

from guidelines.models import Comment, Notification, Proposal, Section, User
from guidelines.services.comments import comment_create
from guidelines.services.proposals import proposal_create

SLUG = "iscm-guidelines"


def proposal_by_cn() -> Proposal:
    section = Section.objects.get(key="seals")
    return proposal_create(
        user=User.objects.get(username="member-cn"),
        section=section,
        kind="amend",
        rationale="Say tamper-evident.",
        heading=section.heading,
        body=section.body.replace("high-security", "tamper-evident"),
    )


def detail(p) -> str:
    return reverse("guidelines:proposal_detail", kwargs={"slug": SLUG, "pk": p.pk})


def new_thread(p) -> str:
    return reverse("guidelines:proposal_comment_create", kwargs={"slug": SLUG, "pk": p.pk})


def on(name, comment) -> str:
    return reverse(f"guidelines:{name}", kwargs={"slug": SLUG, "pk": comment.pk})


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_a_member_starts_a_thread_and_lands_on_it(client_for):
    p = proposal_by_cn()
    response = client_for("member").post(new_thread(p), {"body": "Why *tamper-evident*?"})
    thread = Comment.objects.get(proposal=p)
    assert response.status_code == 302
    assert response["Location"] == f"{detail(p)}#comment-{thread.pk}"
    page = client_for("observer").get(detail(p))
    assert f'id="comment-{thread.pk}"' in page.content.decode()
    assert "<em>tamper-evident</em>" in page.content.decode()
    assert Notification.objects.filter(comment=thread, recipient__username="member-cn").exists()
    section = reverse("guidelines:section_detail", kwargs={"slug": SLUG, "key": "seals"})
    assert "Why " not in text(client_for("observer").get(section))


@pytest.mark.django_db
def test_a_refused_text_comes_back_in_its_box_with_400(client_for, settings):
    p = proposal_by_cn()
    settings.COMMENT_BODY_MAX_BYTES = 1024
    typed = "A long remark. " * 100
    response = client_for("member").post(new_thread(p), {"body": typed})
    assert response.status_code == 400
    page = text(response)
    assert "the limit is 1 KB" in page
    assert typed.strip() in page and "Proposal #" in page
    assert not Comment.objects.filter(proposal=p).exists()
    empty = client_for("member").post(new_thread(p), {"body": " "})
    assert empty.status_code == 400


@pytest.mark.django_db
def test_observers_cannot_post(client_for):
    p = proposal_by_cn()
    assert client_for("observer").post(new_thread(p), {"body": "x"}).status_code == 403
    assert not Comment.objects.filter(proposal=p).exists()


@pytest.mark.django_db
def test_every_action_on_a_proposal_comment_goes_back_to_the_proposal(client_for):
    p = proposal_by_cn()
    au = User.objects.get(username="member-au")
    thread = comment_create(user=au, proposal=p, body="First.")
    member, secretariat = client_for("member"), client_for("secretariat")
    back = f"{detail(p)}#comment-"

    reply = member.post(on("comment_reply", thread), {"body": "Second."})
    second = Comment.objects.get(parent=thread)
    assert reply["Location"] == f"{back}{second.pk}" and second.proposal == p

    edited = member.post(on("comment_edit", second), {"body": "Second, edited."})
    assert edited["Location"] == f"{back}{second.pk}"
    assert Comment.objects.get(pk=second.pk).body == "Second, edited."
    cancel = member.get(on("comment_edit", second)).content.decode()
    assert f'href="{back}{second.pk}"' in cancel

    resolved = member.post(on("comment_state", thread), {"action": "resolve"})
    assert resolved["Location"] == f"{back}{thread.pk}"
    assert Comment.objects.get(pk=thread.pk).is_resolved

    deleted = member.post(on("comment_delete", second))
    assert deleted["Location"] == f"{back}{second.pk}"

    hidden = secretariat.post(on("comment_hide", thread), {"reason": "Off topic"})
    assert hidden["Location"] == f"{back}{thread.pk}"
    page = secretariat.get(detail(p)).content.decode()
    assert "Hidden by the secretariat." not in page  # nothing visible left: no placeholder
    history = secretariat.get(on("comment_history", thread)).content.decode()
    assert "First." in history and f'href="{back}{thread.pk}"' in history


@pytest.mark.django_db
def test_placeholders_and_history_link_on_the_proposal_page(client_for):
    p = proposal_by_cn()
    au = User.objects.get(username="member-au")
    thread = comment_create(user=au, proposal=p, body="Rude starter.")
    client_for("member-cn").post(on("comment_reply", thread), {"body": "Polite answer."})
    client_for("secretariat").post(on("comment_hide", thread), {"reason": "Rude"})
    page = client_for("observer").get(detail(p)).content.decode()
    assert "Hidden by the secretariat." in page and "Polite answer." in page
    assert "Rude starter." not in page
    assert on("comment_history", thread) not in page
    assert (
        on("comment_history", thread) in client_for("secretariat").get(detail(p)).content.decode()
    )


@pytest.mark.django_db
def test_the_inbox_says_which_proposal(client_for):
    p = proposal_by_cn()
    client_for("member").post(new_thread(p), {"body": "Why this word?"})
    thread = Comment.objects.get(proposal=p)
    page = client_for("member").get(reverse("guidelines:inbox")).content.decode()
    assert f"Proposal #{p.pk}" in page
    assert f'href="{detail(p)}#comment-{thread.pk}"' in page


def test_the_rate_limit_setting_has_no_separate_entry_for_proposals():
    assert "proposal_reply" not in settings.RATE_LIMITS
