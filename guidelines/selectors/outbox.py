"""Reads of the e-mail outbox, for the secretariat (in-app-only notifications are not e-mails:
never listed nor counted here)."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q

from ..models import Notification


@dataclass(frozen=True)
class OutboxCounts:
    waiting: int  # not sent yet, never failed (withdrawn ones are not counted: never sent)
    retrying: int  # failed at least once, will be tried again
    failed: int  # gave up after NOTIFICATION_MAX_ATTEMPTS
    sent: int


def outbox_counts() -> OutboxCounts:
    limit = settings.NOTIFICATION_MAX_ATTEMPTS
    unsent = Q(sent_at__isnull=True, withdrawn_at__isnull=True)
    counts = Notification.objects.by_email().aggregate(
        waiting=Count("id", filter=unsent & Q(attempts=0)),
        retrying=Count("id", filter=unsent & Q(attempts__gt=0, attempts__lt=limit)),
        failed=Count("id", filter=unsent & Q(attempts__gte=limit)),
        sent=Count("id", filter=Q(sent_at__isnull=False)),
    )
    return OutboxCounts(**counts)


def outbox_problems():
    """Unsent notifications that failed at least once, the ones given up on first."""
    return (
        Notification.objects.by_email()
        .filter(sent_at__isnull=True, withdrawn_at__isnull=True, attempts__gt=0)
        .select_related("recipient", "recipient__delegation")
        .order_by("-attempts", "created_at", "id")
    )
