from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from guidelines.models import Notification, Section, User
from guidelines.services.comments import comment_create, comment_reply, section_follow
from guidelines.services.notifications import (
    notifications_send_digest,
    notifications_send_pending,
)
from guidelines.services.proposals import proposal_create, proposal_reject
from tests.conftest import login_client


def u(name):
    return User.objects.get(username=name)


def risk():
    return Section.objects.get(key="risk-assessment")


@pytest.fixture(autouse=True)
def _demo_notifications_already_sent(seeded):
    """The demo data's own notifications (its decided proposals) are not what these tests test."""
    from django.utils import timezone

    Notification.objects.update(sent_at=timezone.now())


def question():
    """member-cn's new thread on the risk assessment; the facilitator's notification of it (a
    facilitator is told of every new comment) counts as sent: these tests are about what
    follows."""
    thread = comment_create(user=u("member-cn"), section=risk(), body="Question?")
    Notification.objects.filter(sent_at__isnull=True).update(sent_at=timezone.now())
    return thread


@pytest.fixture
def sync_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.mark.django_db
def test_reply_in_my_thread_is_mailed_after_commit(
    seeded, sync_mail, django_capture_on_commit_callbacks
):
    thread = question()
    with django_capture_on_commit_callbacks(execute=True):
        comment_reply(user=u("facilitator"), parent=thread, body="Answer.")
    [message] = mail.outbox
    assert message.to == ["member-cn@example.org"] and "New reply" in message.subject
    assert "Answer." in message.body and "/sections/risk-assessment/#comment-" in message.body


@pytest.mark.django_db
def test_comment_on_a_followed_section(seeded, sync_mail, django_capture_on_commit_callbacks):
    section_follow(user=u("member-au"), section=risk(), follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(user=u("member-cn"), section=risk(), body="Hello")
    # the follower, and the facilitator (told of every new comment)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "facilitator@example.org",
        "member-au@example.org",
    ]


@pytest.mark.django_db
def test_decision_on_my_delegations_proposal(seeded, sync_mail, django_capture_on_commit_callbacks):
    s = risk()
    p = proposal_create(
        user=u("member-au"),
        section=s,
        kind="amend",
        rationale="Why",
        heading=s.heading,
        body=s.body + " More.",
    )
    Notification.objects.filter(sent_at__isnull=True).update(sent_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        proposal_reject(proposal=p, user=u("facilitator"), reason="Not now")
    assert [m.to for m in mail.outbox] == [["member-au@example.org"]]
    assert "rejected" in mail.outbox[0].subject and "Not now" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_failing_mail_server_loses_nothing(seeded, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.mail_backends.FailingBackend"
    thread = question()
    with django_capture_on_commit_callbacks(execute=True):
        reply = comment_reply(user=u("facilitator"), parent=thread, body="Kept even if mail fails.")
    assert reply.pk and reply.body == "Kept even if mail fails."
    row = Notification.objects.get(sent_at__isnull=True)
    assert row.sent_at is None and row.attempts == 1 and "mail server is down" in row.last_error


@pytest.mark.django_db
def test_off_and_digest_preferences(seeded, sync_mail, django_capture_on_commit_callbacks):
    User.objects.filter(username="member-cn").update(notify="off")
    User.objects.filter(username="member-au").update(notify="digest")
    section_follow(user=u("member-au"), section=risk(), follow=True)
    section_follow(user=u("member-cn"), section=risk(), follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(user=u("facilitator"), section=risk(), body="One")
        comment_create(user=u("facilitator"), section=risk(), body="Two")
    assert mail.outbox == []
    assert notifications_send_digest() == 1
    [digest] = mail.outbox
    assert digest.to == ["member-au@example.org"] and "(2)" in digest.subject


@pytest.mark.django_db
def test_mail_is_sent_by_the_task_worker_after_commit(
    seeded, sync_mail, settings, django_capture_on_commit_callbacks
):
    """The request only writes the outbox row and enqueues a task; the worker sends."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    thread = question()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        comment_reply(user=u("facilitator"), parent=thread, body="Answer.")
    assert DBTaskResult.objects.count() == 0  # nothing before the commit
    for callback in callbacks:
        callback()
    [task] = DBTaskResult.objects.all()
    assert task.task_path == "guidelines.tasks.notifications_send" and mail.outbox == []
    assert notifications_send_pending() == (1, 0)  # what the task does in the worker
    assert [m.to for m in mail.outbox] == [["member-cn@example.org"]]


@pytest.mark.django_db
def test_a_claimed_mail_is_not_sent_by_another_sender(seeded, sync_mail):
    thread = question()
    comment_reply(user=u("facilitator"), parent=thread, body="Answer.")
    row = Notification.objects.get(sent_at__isnull=True)
    claim_by_another = timezone.now() + timedelta(minutes=5)
    Notification.objects.filter(pk=row.pk).update(
        claim_token="other", claimed_until=claim_by_another
    )
    assert notifications_send_pending() == (0, 0) and mail.outbox == []
    # A sender that died: its claim runs out and the row is sent, once.
    Notification.objects.filter(pk=row.pk).update(
        claimed_until=timezone.now() - timedelta(seconds=1)
    )
    assert notifications_send_pending() == (1, 0)
    assert notifications_send_pending() == (0, 0)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_failures_back_off_then_show_in_the_outbox_and_can_be_retried(
    seeded, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail_backends.FailingBackend"
    thread = question()
    comment_reply(user=u("facilitator"), parent=thread, body="Answer.")
    row = Notification.objects.get(sent_at__isnull=True)
    assert notifications_send_pending() == (0, 1)
    delays = []
    for _attempt in range(settings.NOTIFICATION_MAX_ATTEMPTS):
        row.refresh_from_db()
        delays.append(round((row.next_attempt_at - timezone.now()).total_seconds() / 60))
        if row.has_failed:
            break
        assert notifications_send_pending() == (0, 0)  # not due yet
        Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        assert notifications_send_pending() == (0, 1)
    assert delays[:4] == [1, 4, 16, 64] and row.has_failed
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert notifications_send_pending() == (0, 0)  # given up: only the secretariat retries it

    secretariat = login_client("secretariat")
    page = secretariat.get(reverse("guidelines:outbox")).content.decode()
    assert "mail server is down" in page and "1 failed" in page and row.subject in page
    assert login_client("facilitator").get(reverse("guidelines:outbox")).status_code == 403
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat.post(reverse("guidelines:outbox_retry"), {"notification": [row.pk]})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.sent_at is not None and len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_batch_that_outlived_its_claim_does_not_send_what_another_sender_took(
    seeded, sync_mail, monkeypatch
):
    """A slow mail server: the claim runs out mid-batch and another sender takes the rest; the
    first sender checks its claim before each mail and leaves those rows alone."""
    from guidelines.services import notifications as service

    thread = question()
    for n in range(3):
        comment_reply(user=u("facilitator"), parent=thread, body=f"Answer {n}.")
    real_send = service.send_mail
    taken = []

    def slow_send(*args, **kwargs):
        real_send(*args, **kwargs)
        if not taken:  # during the first mail, the batch's claim on the others runs out
            unsent = Notification.objects.filter(sent_at__isnull=True).order_by("id")
            unsent.exclude(pk=unsent.first().pk).update(
                claimed_until=timezone.now() - timedelta(seconds=1)
            )
            taken.append(service._claim(service._due_each_event(), limit=10))

    monkeypatch.setattr(service, "send_mail", slow_send)
    assert notifications_send_pending() == (1, 0)
    other_token, other_rows = taken[0]
    assert len(other_rows) == 2 and len(mail.outbox) == 1  # the other sender's to send, once


@pytest.mark.django_db
def test_send_again_leaves_a_row_that_a_sender_holds_alone(seeded, sync_mail):
    from guidelines.services.notifications import notifications_retry

    thread = question()
    comment_reply(user=u("facilitator"), parent=thread, body="Answer.")
    row = Notification.objects.get(sent_at__isnull=True)
    held_until = timezone.now() + timedelta(minutes=5)
    Notification.objects.filter(pk=row.pk).update(
        attempts=2, claim_token="worker", claimed_until=held_until
    )
    assert notifications_retry(user=u("secretariat"), ids=[row.pk]) == 0
    row.refresh_from_db()
    assert row.claim_token == "worker" and row.attempts == 2


@pytest.mark.django_db
def test_a_mail_withdrawn_while_a_sender_holds_it_is_not_sent(seeded, sync_mail, monkeypatch):
    """The secretariat hides a reply while a sender is busy with the batch that holds its mail:
    the sender finds its claim gone before that mail and skips it."""
    from guidelines.services import notifications as service
    from guidelines.services.comments import comment_hide

    thread = question()
    first = comment_reply(user=u("facilitator"), parent=thread, body="Fine answer.")
    second = comment_reply(user=u("facilitator"), parent=thread, body="Rude answer.")
    assert Notification.objects.filter(comment=second, sent_at__isnull=True).count() == 1
    real_send = service.send_mail

    def send_then_hide(*args, **kwargs):
        real_send(*args, **kwargs)
        if not second.is_hidden:
            comment_hide(user=u("secretariat"), comment=second, reason="Rude")
            second.is_hidden = True

    monkeypatch.setattr(service, "send_mail", send_then_hide)
    assert notifications_send_pending() == (1, 0)
    assert [m.body.count("Fine answer.") for m in mail.outbox] == [1]
    row = Notification.objects.get(comment=second)
    assert row.sent_at is None and row.withdrawn_at is not None and row.claim_token == ""
    assert Notification.objects.get(comment=first).sent_at is not None
