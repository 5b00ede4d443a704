"""Writes of the work queue: "Mark as seen" on one item, or on everything listed.

Seen marks are personal state (like the inbox's seen mark and section follows), not versioned
content: they carry no history."""

from django.db import transaction
from django.utils import timezone

from ..models import Comment, Proposal, QueueSeen
from ..selectors.workqueue import active_threads, unseen_proposals


def _mark(*, user, now, proposal: Proposal | None = None, thread: Comment | None = None) -> None:
    QueueSeen.objects.update_or_create(
        user=user, proposal=proposal, thread=thread, defaults={"seen_at": now}
    )


def queue_mark_seen(
    *, user, proposal: Proposal | None = None, thread: Comment | None = None, until=None
):
    """The user has seen one item (exactly one of ``proposal``, ``thread``; a thread is its
    first comment) as it was at ``until`` (the moment the page showed it; default now). It
    leaves the count until something happens on it after that."""
    if (proposal is None) == (thread is None):
        raise ValueError("mark exactly one item as seen")
    if thread is not None and thread.parent_id is not None:
        thread = thread.parent
    with transaction.atomic():
        _mark(user=user, now=_until(until), proposal=proposal, thread=thread)


def _until(until):
    now = timezone.now()
    return now if until is None else min(until, now)


def queue_mark_all_seen(*, user, until=None) -> int:
    """Everything in the user's queue is seen as it was at ``until`` (the moment the page was
    shown; default now): what arrived since stays new. Returns how many items were marked."""
    now = _until(until)
    with transaction.atomic():
        proposals = list(unseen_proposals(user))
        threads = list(active_threads(user))
        for proposal in proposals:
            _mark(user=user, now=now, proposal=proposal)
        for thread in threads:
            _mark(user=user, now=now, thread=thread)
    return len(proposals) + len(threads)
