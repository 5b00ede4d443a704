"""In-app notifications: a row for every recipient (the bell), e-mailed per their setting."""

import pytest
from django.core import mail
from django.utils import timezone

from guidelines.models import Notification, NotificationKind, Section, User
from guidelines.selectors.notifications import user_notifications
from guidelines.selectors.outbox import outbox_counts, outbox_problems
from guidelines.selectors.workqueue import header_counts
from guidelines.services.comments import (
    comment_create,
    comment_delete,
    comment_edit,
    comment_hide,
    section_follow,
)
from guidelines.services.notifications import (
    notification_open,
    notifications_mark_all_read,
    notifications_send_digest,
    notifications_send_pending,
)
from guidelines.services.proposals import proposal_create


def u(name):
    return User.objects.get(username=name)


def seals():
    return Section.objects.get(key="seals")


@pytest.fixture
def quiet(seeded):
    """The demo's own notifications are read and sent: the tests start from a calm bell."""
    Notification.objects.update(sent_at=timezone.now(), read_at=timezone.now())


def comment(body="Nobody follows this section.", who="member-cn"):
    return comment_create(user=u(who), section=seals(), body=body)


@pytest.mark.django_db
def test_a_new_comment_notifies_the_facilitator_in_app_and_by_email(quiet):
    thread = comment()
    [row] = Notification.objects.filter(read_at__isnull=True)
    assert row.recipient.username == "facilitator" and row.by_email and not row.digest
    assert row.kind == NotificationKind.COMMENT and row.comment == thread
    assert row.document.slug == "iscm-guidelines" and row.url.endswith(f"#comment-{thread.pk}")
    assert header_counts(u("facilitator")).unread == 1
    assert notifications_send_pending() == (1, 0)
    assert [m.to for m in mail.outbox] == [["facilitator@example.org"]]


@pytest.mark.django_db
def test_rows_for_users_without_email_are_in_app_only_and_never_sent(quiet):
    User.objects.filter(username="facilitator").update(notify="off")
    User.objects.filter(username="member-au").update(email="")
    section_follow(user=u("member-au"), section=seals(), follow=True)
    waiting = outbox_counts().waiting
    comment()
    rows = Notification.objects.filter(read_at__isnull=True)
    assert {r.recipient.username for r in rows} == {"facilitator", "member-au"}
    assert not any(r.by_email or r.digest for r in rows)
    assert notifications_send_pending() == (0, 0) and notifications_send_digest() == 0
    assert mail.outbox == [] and not rows.filter(sent_at__isnull=False).exists()
    assert not rows.exclude(claim_token="").exists()  # never claimed
    assert outbox_counts().waiting == waiting and not outbox_problems().filter(pk__in=rows).exists()
    assert header_counts(u("facilitator")).unread == 1


@pytest.mark.django_db
def test_digest_users_get_the_bell_at_once_and_the_mail_in_the_digest(quiet):
    User.objects.filter(username="facilitator").update(notify="digest")
    comment()
    assert notifications_send_pending() == (0, 0) and header_counts(u("facilitator")).unread == 1
    assert notifications_send_digest() == 1


@pytest.mark.django_db
def test_inactive_users_and_the_actor_get_nothing(quiet):
    comment(who="facilitator")  # she is the actor
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    User.objects.filter(username="facilitator").update(is_active=False)
    comment()
    assert not Notification.objects.filter(read_at__isnull=True).exists()


@pytest.mark.django_db
def test_a_new_proposal_notifies_the_facilitators_and_the_followers(quiet):
    section_follow(user=u("member-cn"), section=seals(), follow=True)
    s = seals()
    proposal = proposal_create(
        user=u("member-au"),
        section=s,
        kind="amend",
        rationale="Clearer.",
        heading=s.heading,
        body=s.body + " More.",
    )
    rows = Notification.objects.filter(read_at__isnull=True)
    assert sorted(r.recipient.username for r in rows) == ["facilitator", "member-cn"]
    assert {r.kind for r in rows} == {NotificationKind.PROPOSAL}
    assert all(r.url.endswith(f"/proposals/{proposal.pk}/") for r in rows)


@pytest.mark.django_db
def test_opening_marks_read_and_mark_all_read(quiet):
    fac = u("facilitator")
    comment()
    comment(body="A second one.")
    first = user_notifications(fac).unread().last()  # the older of the two
    assert notification_open(user=u("member-au"), pk=first.pk) is None  # not theirs
    opened = notification_open(user=fac, pk=first.pk)
    assert opened.read_at is not None and header_counts(fac).unread == 1
    assert notification_open(user=fac, pk=first.pk).read_at == opened.read_at  # once
    assert notifications_mark_all_read(user=fac) == 1 and header_counts(fac).unread == 0


@pytest.mark.django_db
def test_a_hidden_or_deleted_comment_withdraws_its_notifications_from_the_bell(quiet):
    fac = u("facilitator")
    User.objects.filter(username="facilitator").update(notify="off")
    rude = comment(body="Rude words.")
    sent = comment(body="Words said in haste.")
    notifications_send_pending()
    assert header_counts(fac).unread == 2
    comment_hide(user=u("secretariat"), comment=rude, reason="Rude")
    comment_delete(user=u("member-cn"), comment=sent)
    assert header_counts(fac).unread == 0
    assert not user_notifications(fac).filter(comment__in=[rude, sent]).exists()
    assert (
        Notification.objects.filter(comment__in=[rude, sent], withdrawn_at__isnull=False).count()
        == 2
    )
    assert notification_open(user=fac, pk=Notification.objects.get(comment=rude).pk) is None


@pytest.mark.django_db
def test_an_edit_replaces_the_text_the_notifications_quote(seeded):
    """Edited within the grace period, a comment's old text leaves every bell (and the mail
    not yet sent)."""
    cn = User.objects.get(username="member-cn")
    comment = comment_create(
        user=cn, section=Section.objects.get(key="seals"), body="SECRET-ORIGINAL"
    )
    assert Notification.objects.filter(comment=comment, body__contains="SECRET").exists()
    comment_edit(user=cn, comment=comment, body="fixed text")
    rows = Notification.objects.filter(comment=comment)
    assert rows and all(r.body == f"{cn.display_name()}: fixed text" for r in rows)
