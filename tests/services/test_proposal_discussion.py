"""A proposal's discussion is comment threads: posted, replied to, told to the right people,
moderated like any comment, and kept apart from the section's own threads."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from guidelines.models import Comment, Notification, Section, User
from guidelines.selectors.comments import (
    InboxFilters,
    comment_url,
    inbox,
    open_comment_counts,
    proposal_threads,
    section_threads,
)
from guidelines.services.comments import comment_create, comment_hide, comment_reply
from guidelines.services.proposals import proposal_create
from tests.factories import UserFactory

SLUG = "iscm-guidelines"


def u(name):
    return User.objects.get(username=name)


def seals():
    return Section.objects.get(key="seals")


def proposal_by_cn():
    section = seals()
    return proposal_create(
        user=u("member-cn"),
        section=section,
        kind="amend",
        rationale="Say tamper-evident.",
        heading=section.heading,
        body=section.body.replace("high-security", "tamper-evident"),
    )


def recipients(comment) -> set[str]:
    return set(
        Notification.objects.filter(comment=comment).values_list("recipient__username", flat=True)
    )


@pytest.mark.django_db
def test_a_thread_on_a_proposal_is_on_its_section_and_version(seeded):
    proposal = proposal_by_cn()
    thread = comment_create(user=u("member-au"), proposal=proposal, body="Why *tamper-evident*?")
    reply = comment_reply(user=u("member-cn"), parent=thread, body="It is the ISO term.")
    section = seals()
    assert (thread.proposal, thread.section, thread.document) == (
        proposal,
        section,
        section.document,
    )
    assert thread.section_version == section.version and thread.parent is None
    assert (reply.proposal, reply.parent, reply.section) == (proposal, thread, section)
    assert thread.delegation.code == "au"
    [t] = proposal_threads(proposal)
    assert (t.root, t.replies) == (thread, [reply])
    assert thread.history.get().history_change_reason == "Commented"


@pytest.mark.django_db
def test_the_section_page_shows_only_its_own_threads(seeded):
    proposal = proposal_by_cn()
    before_threads = [t.root.pk for t in section_threads(seals())]
    before_count = open_comment_counts(proposal.document).get(seals().pk, 0)
    thread = comment_create(user=u("member-au"), proposal=proposal, body="A question.")
    assert [t.root.pk for t in section_threads(seals())] == before_threads
    assert open_comment_counts(proposal.document).get(seals().pk, 0) == before_count
    assert thread.pk not in before_threads


@pytest.mark.django_db
def test_one_function_says_where_a_comment_is(seeded):
    proposal = proposal_by_cn()
    thread = comment_create(user=u("member-au"), proposal=proposal, body="A question.")
    reply = comment_reply(user=u("member-cn"), parent=thread, body="An answer.")
    on_section = comment_create(user=u("member-au"), section=seals(), body="On the section.")
    detail = reverse("guidelines:proposal_detail", kwargs={"slug": SLUG, "pk": proposal.pk})
    page = reverse("guidelines:section_detail", kwargs={"slug": SLUG, "key": "seals"})
    assert comment_url(thread) == f"{detail}#comment-{thread.pk}"
    assert comment_url(reply) == f"{detail}#comment-{reply.pk}"
    assert comment_url(on_section) == f"{page}#comment-{on_section.pk}"
    history = Comment.history.filter(id=reply.pk).select_related("document", "section").get()
    assert comment_url(history) == comment_url(reply)


@pytest.mark.django_db
def test_a_new_thread_tells_the_author_and_the_proposing_delegation(seeded):
    proposal = proposal_by_cn()
    colleague = UserFactory(
        username="cn-colleague", email="cn2@example.org", delegation=u("member-cn").delegation
    )
    UserFactory(username="cn-quiet", email="", delegation=colleague.delegation)  # no address
    thread = comment_create(user=u("member-au"), proposal=proposal, body="Why this word?")
    # and the facilitator (told of every new thread); cn-quiet in the app only (no address)
    assert recipients(thread) == {"member-cn", "cn-colleague", "cn-quiet", "facilitator"}
    row = Notification.objects.get(comment=thread, recipient__username="member-cn")
    assert row.url == comment_url(thread)
    assert f"#{proposal.pk}" in row.subject and "Why this word?" in row.body


@pytest.mark.django_db
def test_a_reply_tells_the_participants_and_the_proposal_author(seeded):
    proposal = proposal_by_cn()
    thread = comment_create(user=u("member-au"), proposal=proposal, body="Why this word?")
    comment_reply(user=u("facilitator"), parent=thread, body="I wondered too.")
    last = comment_reply(user=u("secretariat"), parent=thread, body="It is the ISO term.")
    assert recipients(last) == {"member-au", "facilitator", "member-cn"}
    assert Notification.objects.get(comment=last, recipient__username="member-au").url == (
        comment_url(last)
    )
    own = comment_reply(user=u("member-cn"), parent=thread, body="Agreed.")
    assert "member-cn" not in recipients(own)


@pytest.mark.django_db
def test_hiding_withdraws_the_mails_not_yet_sent(seeded):
    proposal = proposal_by_cn()
    thread = comment_create(user=u("member-au"), proposal=proposal, body="Something rude.")
    assert Notification.objects.filter(comment=thread, withdrawn_at__isnull=True).exists()
    comment_hide(user=u("secretariat"), comment=thread, reason="Rude")
    assert not Notification.objects.filter(comment=thread, withdrawn_at__isnull=True).exists()
    [t] = proposal_threads(proposal)
    assert t.root.is_hidden and not t.shown


@pytest.mark.django_db
def test_the_inbox_holds_proposal_threads(seeded):
    proposal = proposal_by_cn()
    thread = comment_create(user=u("member-au"), proposal=proposal, body="Why this word?")
    comment_reply(user=u("member-cn"), parent=thread, body="It is the ISO term.")
    rows = list(inbox(u("member-cn"), InboxFilters()))
    assert thread in rows
    assert rows[rows.index(thread)].new_replies == 0  # member-cn's own reply


@pytest.mark.django_db
def test_observers_may_not_discuss_and_empty_text_is_refused(seeded):
    proposal = proposal_by_cn()
    with pytest.raises(PermissionDenied):
        comment_create(user=u("observer"), proposal=proposal, body="Hi")
    with pytest.raises(ValidationError):
        comment_create(user=u("member-au"), proposal=proposal, body="   ")
    assert not proposal.comments.exists()
