"""Notifications: one row per event and recipient, shown in-app (the bell) and e-mailed
according to the recipient's setting through an outbox, sent by the task worker.

Every active recipient gets a row; ``by_email`` says whether it is also an e-mail (False when the
user's setting is "no e-mail" or they have no address: such a row is never claimed nor sent).

``notify`` writes the rows in the caller's transaction and, once it commits, enqueues the
``notifications_send`` task, so a slow or failing mail server never delays or breaks the request
that caused the event. The worker's housekeeping also sends whatever is due, so a row whose task
was lost (the process stopped between commit and enqueue) still goes out.

Exactly once: a sender claims rows before sending them (``SELECT ... FOR UPDATE SKIP LOCKED`` on
PostgreSQL, a conditional UPDATE elsewhere) and marks them sent with the same claim, so two
workers on one outbox send each mail once. A claim lasts ``NOTIFICATION_CLAIM_SECONDS``: a sender
that dies mid-batch leaves its rows to be claimed again after that (at-least-once for a mail
that was handed to the server in the very instant before the process died).

A mail that fails is tried again after 1, 4, 16, 64 minutes (``NOTIFICATION_RETRY_BASE_SECONDS``
times 4^n), then shown to the secretariat as failed on the Outbox page, where it can be retried.
Daily-digest users get one e-mail a day from ``manage.py send_notifications --digest``.

A notification that quotes a comment is linked to it: when the comment is hidden or deleted,
its mails not yet sent are withdrawn (``notifications_withdraw``): kept for the record, never
sent, so the text does not go out after all.
"""

import logging
import uuid
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Notification, NotificationKind, NotifyMode, User
from ..permissions import FACILITATOR

log = logging.getLogger(__name__)


def notify(
    recipients,
    *,
    subject: str,
    body: str,
    url: str = "",
    exclude=None,
    comment=None,
    kind: str = NotificationKind.OTHER,
    document=None,
) -> int:
    """Write a notification for each active recipient (once each, never ``exclude``): in-app
    always, by e-mail per their setting. Returns how many rows were written. ``comment``: the
    comment whose text ``body`` holds (hiding it withdraws the row, from the bell too)."""
    rows = []
    seen = set()
    for user in recipients:
        if user is None or user.pk in seen or (exclude is not None and user.pk == exclude.pk):
            continue
        seen.add(user.pk)
        if not user.is_active:
            continue
        by_email = user.notify != NotifyMode.OFF and bool(user.email)
        rows.append(
            Notification(
                recipient=user,
                subject=subject[:200],
                body=body,
                url=url,
                by_email=by_email,
                digest=by_email and user.notify == NotifyMode.DIGEST,
                comment=comment,
                kind=kind,
                document=document,
            )
        )
    if rows:
        Notification.objects.bulk_create(rows)
        if any(row.by_email and not row.digest for row in rows):
            transaction.on_commit(_enqueue)
    return len(rows)


def facilitators():
    """Every active facilitator: told of every new proposal and comment by default (each their
    own e-mail setting; "no e-mail" still leaves the bell)."""
    return User.objects.filter(groups__name=FACILITATOR, is_active=True).distinct()


def notifications_withdraw(*, comment) -> int:
    """The comment was hidden or deleted (by whoever the caller records): its notifications are
    withdrawn, in the caller's transaction: gone from the bell, and an e-mail not yet sent is
    never sent (a sender holding one finds its claim gone and skips it). Kept for the record.
    Returns how many were withdrawn."""
    return Notification.objects.filter(comment=comment, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), claim_token="", claimed_until=None
    )


def notification_open(*, user, pk: int) -> Notification | None:
    """The user opens one of their notifications: it is marked read (once). None if it is not
    theirs or was withdrawn."""
    row = Notification.objects.in_app(user).filter(pk=pk).first()
    if row is not None and row.read_at is None:
        row.read_at = timezone.now()
        Notification.objects.filter(pk=row.pk, read_at__isnull=True).update(read_at=row.read_at)
    return row


def notifications_mark_all_read(*, user) -> int:
    """Every unread notification of the user is read now; returns how many."""
    return Notification.objects.in_app(user).unread().update(read_at=timezone.now())


def _unsent():
    """E-mails still to send (an in-app-only row is never one)."""
    return Notification.objects.filter(
        by_email=True, sent_at__isnull=True, withdrawn_at__isnull=True
    )


def _enqueue() -> None:
    from ..tasks import notifications_send

    notifications_send.enqueue()


def _full_url(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url if url.startswith("/") else url


def _claim(rows, *, limit: int) -> tuple[str, list[Notification]]:
    """Claim up to ``limit`` of ``rows`` for this sender; returns (token, claimed rows)."""
    now = timezone.now()
    token = uuid.uuid4().hex
    free = rows.filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
    claim = {
        "claim_token": token,
        "claimed_until": now + timedelta(seconds=settings.NOTIFICATION_CLAIM_SECONDS),
    }
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            ids = list(
                free.select_for_update(skip_locked=True)
                .order_by("id")
                .values_list("pk", flat=True)[:limit]
            )
            Notification.objects.filter(pk__in=ids).update(**claim)
    else:
        # One conditional UPDATE: a row another sender claimed meanwhile no longer matches.
        ids = list(free.order_by("id").values_list("pk", flat=True)[:limit])
        free.filter(pk__in=ids).update(**claim)
    claimed = _unsent().filter(claim_token=token)
    return token, list(claimed.select_related("recipient").order_by("id"))


def _due_each_event():
    now = timezone.now()
    return (
        _unsent()
        .filter(digest=False, attempts__lt=settings.NOTIFICATION_MAX_ATTEMPTS)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    )


def _failed(row: Notification, token: str, error: Exception) -> None:
    attempts = row.attempts + 1
    delay = settings.NOTIFICATION_RETRY_BASE_SECONDS * 4 ** (attempts - 1)
    Notification.objects.filter(pk=row.pk, claim_token=token).update(
        attempts=attempts,
        last_error=str(error)[:300],
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
        claim_token="",
        claimed_until=None,
    )
    log.warning("notification %s not sent (attempt %s): %s", row.pk, attempts, error)


def _renew(ids: list[int], token: str) -> bool:
    """Extend our claim on ``ids`` just before sending; False if any of them is no longer ours
    (the claim ran out during a slow batch and another sender took the row)."""
    until = timezone.now() + timedelta(seconds=settings.NOTIFICATION_CLAIM_SECONDS)
    renewed = _unsent().filter(pk__in=ids, claim_token=token).update(claimed_until=until)
    return renewed == len(ids)


def notifications_send_pending(*, limit: int = 200, batch: int = 20) -> tuple[int, int]:
    """Send due each-event notifications, ``batch`` claimed at a time; returns (sent, failed).
    Never raises on mail errors."""
    sent = failed = 0
    for _round in range(limit // batch + 1):
        token, rows = _claim(_due_each_event(), limit=min(batch, limit - sent - failed))
        if not rows:
            break
        for row in rows:
            if not _renew([row.pk], token):
                continue
            body = f"{row.body}\n\n{_full_url(row.url)}" if row.url else row.body
            try:
                send_mail(f"[ISCM] {row.subject}", body, None, [row.recipient.email])
            except Exception as error:  # noqa: BLE001  (any mail failure: keep it for a retry)
                failed += 1
                _failed(row, token, error)
            else:
                sent += 1
                Notification.objects.filter(pk=row.pk, claim_token=token).update(
                    sent_at=timezone.now(), claimed_until=None
                )
        if sent + failed >= limit:
            break
    return sent, failed


def notifications_retry(*, user, ids) -> int:
    """The secretariat asks for failed notifications to be tried again now; returns how many.
    A row a sender holds at this moment is left to it (its claim stays: no second sending)."""
    now = timezone.now()
    count = (
        _unsent()
        .filter(pk__in=ids)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(attempts=0, next_attempt_at=None)
    )
    if count:
        log.info("%s asked to retry %s notifications", user, count)
        transaction.on_commit(_enqueue)
    return count


def notifications_send_digest() -> int:
    """One e-mail per daily-digest user with everything queued for them; returns e-mails sent."""
    pending = _unsent().filter(digest=True)
    token, rows = _claim(pending, limit=100_000)
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.recipient].append(row)
    sent = 0
    for user, items in grouped.items():
        lines = [
            f"- {r.subject}\n  {_full_url(r.url)}" if r.url else f"- {r.subject}" for r in items
        ]
        ids = [r.pk for r in items]
        if not _renew(ids, token):
            continue
        try:
            send_mail(
                _("[ISCM] Your daily digest (%(n)s)") % {"n": len(items)},
                "\n".join(lines),
                None,
                [user.email],
            )
        except Exception as error:  # noqa: BLE001
            log.warning("digest for %s not sent: %s", user, error)
            Notification.objects.filter(pk__in=ids, claim_token=token).update(
                last_error=str(error)[:300], claim_token="", claimed_until=None
            )
            continue
        Notification.objects.filter(pk__in=ids, claim_token=token).update(
            sent_at=timezone.now(), claimed_until=None
        )
        sent += 1
    return sent
