"""E-mail notifications through an outbox: rows written with the event, mail sent after commit.

Sending happens in a background thread after the transaction commits, so a slow or failing mail
server never delays or breaks the request that caused the event; a failure leaves the row unsent
(with the error) for `manage.py send_notifications` to retry. Daily-digest users get one e-mail
a day from `manage.py send_notifications --digest`.
"""

import logging
import threading
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import close_old_connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Notification, NotifyMode

log = logging.getLogger(__name__)


def notify(recipients, *, subject: str, body: str, url: str = "", exclude=None) -> int:
    """Queue a notification for each recipient who wants one; returns how many were queued."""
    rows = []
    seen = set()
    for user in recipients:
        if user is None or user.pk in seen or (exclude is not None and user.pk == exclude.pk):
            continue
        seen.add(user.pk)
        if user.notify == NotifyMode.OFF or not user.email:
            continue
        rows.append(
            Notification(
                recipient=user,
                subject=subject[:200],
                body=body,
                url=url,
                digest=user.notify == NotifyMode.DIGEST,
            )
        )
    if rows:
        Notification.objects.bulk_create(rows)
        transaction.on_commit(_schedule)
    return len(rows)


def _schedule() -> None:
    if settings.NOTIFICATIONS_ASYNC:
        threading.Thread(target=_send_in_thread, name="iscm-notifications", daemon=True).start()
    else:
        notifications_send_pending()


def _send_in_thread() -> None:
    try:
        notifications_send_pending()
    finally:
        close_old_connections()


def _full_url(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url if url.startswith("/") else url


def notifications_send_pending(*, limit: int = 200) -> tuple[int, int]:
    """Send unsent each-event notifications; returns (sent, failed). Never raises on mail errors."""
    sent = failed = 0
    pending = Notification.objects.filter(sent_at__isnull=True, digest=False, attempts__lt=5)
    for row in pending.select_related("recipient")[:limit]:
        body = f"{row.body}\n\n{_full_url(row.url)}" if row.url else row.body
        try:
            send_mail(f"[ISCM] {row.subject}", body, None, [row.recipient.email])
        except Exception as error:  # noqa: BLE001  (any mail failure: keep the row for a retry)
            failed += 1
            Notification.objects.filter(pk=row.pk).update(
                attempts=row.attempts + 1, last_error=str(error)[:300]
            )
            log.warning("notification %s not sent: %s", row.pk, error)
        else:
            sent += 1
            Notification.objects.filter(pk=row.pk).update(sent_at=timezone.now())
    return sent, failed


def notifications_send_digest() -> int:
    """One e-mail per daily-digest user with everything queued for them; returns e-mails sent."""
    grouped = defaultdict(list)
    for row in Notification.objects.filter(sent_at__isnull=True, digest=True).select_related(
        "recipient"
    ):
        grouped[row.recipient].append(row)
    sent = 0
    for user, rows in grouped.items():
        lines = [
            f"- {r.subject}\n  {_full_url(r.url)}" if r.url else f"- {r.subject}" for r in rows
        ]
        try:
            send_mail(
                _("[ISCM] Your daily digest (%(n)s)") % {"n": len(rows)},
                "\n".join(lines),
                None,
                [user.email],
            )
        except Exception as error:  # noqa: BLE001
            log.warning("digest for %s not sent: %s", user, error)
            continue
        Notification.objects.filter(pk__in=[r.pk for r in rows]).update(sent_at=timezone.now())
        sent += 1
    return sent
