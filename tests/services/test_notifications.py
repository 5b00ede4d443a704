import threading
import time

import pytest
from django.core import mail

from guidelines.models import Notification, Section, User
from guidelines.services.comments import comment_create, comment_reply, section_follow
from guidelines.services.notifications import notifications_send_digest
from guidelines.services.proposals import proposal_create, proposal_reject
from tests import mail_backends


def u(name):
    return User.objects.get(username=name)


def risk():
    return Section.objects.get(key="risk-assessment")


@pytest.fixture(autouse=True)
def _demo_notifications_already_sent(seeded):
    """The demo data's own notifications (its decided proposals) are not what these tests test."""
    from django.utils import timezone

    Notification.objects.update(sent_at=timezone.now())


@pytest.fixture
def sync_mail(settings):
    settings.NOTIFICATIONS_ASYNC = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.mark.django_db
def test_reply_in_my_thread_is_mailed_after_commit(
    seeded, sync_mail, django_capture_on_commit_callbacks
):
    thread = comment_create(user=u("member-cn"), section=risk(), body="Question?")
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
    assert [m.to for m in mail.outbox] == [["member-au@example.org"]]


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
    with django_capture_on_commit_callbacks(execute=True):
        proposal_reject(proposal=p, user=u("facilitator"), reason="Not now")
    assert [m.to for m in mail.outbox] == [["member-au@example.org"]]
    assert "rejected" in mail.outbox[0].subject and "Not now" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_failing_mail_server_loses_nothing(seeded, settings, django_capture_on_commit_callbacks):
    settings.NOTIFICATIONS_ASYNC = False
    settings.EMAIL_BACKEND = "tests.mail_backends.FailingBackend"
    thread = comment_create(user=u("member-cn"), section=risk(), body="Question?")
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


@pytest.mark.django_db(transaction=True)
def test_mail_is_sent_from_a_background_thread(seeded, settings):
    settings.NOTIFICATIONS_ASYNC = True
    settings.EMAIL_BACKEND = "tests.mail_backends.ThreadRecordingBackend"
    mail_backends.SENT_FROM_THREADS.clear()
    thread = comment_create(user=u("member-cn"), section=risk(), body="Question?")
    comment_reply(user=u("facilitator"), parent=thread, body="Answer.")  # commits: autocommit
    for _ in range(100):
        if mail_backends.SENT_FROM_THREADS:
            break
        time.sleep(0.05)
    for worker in [t for t in threading.enumerate() if t.name == "iscm-notifications"]:
        worker.join(timeout=10)  # let it record the sending before the database is flushed
    assert mail_backends.SENT_FROM_THREADS == ["iscm-notifications"]
    assert threading.current_thread().name != "iscm-notifications"
