"""The audit trail: who did what and when, across the tracker, newest first.

Each source (``selectors/audit_sources.py``) is queried on its own with the filters applied in
SQL, newest first and limited to what the page needs; the rows are then merged by time. A page of
50 events costs two queries per source (a count and the rows), whatever the number of events.
"""

import heapq
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice

from django.db.models import QuerySet
from django.utils import timezone

from ..models import Delegation, User
from .audit_sources import SOURCES, AuditEvent, AuditKind, Source

__all__ = ["AuditEvent", "AuditFilters", "AuditKind", "AuditLog", "audit_choices", "audit_log"]

EXPORT_LIMIT = 20_000  # the most events one CSV/JSON export holds (the newest)


@dataclass(frozen=True)
class AuditFilters:
    person: int | None = None  # a user's id
    delegation: int | None = None  # a delegation's id
    kind: str = ""  # an AuditKind value, or "" for all
    date_from: date | None = None
    date_to: date | None = None  # included


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _filtered(source: Source, filters: AuditFilters) -> QuerySet:
    rows = source.queryset()
    if filters.person is not None:
        rows = rows.filter(**{f"{source.actor}_id": filters.person})
    if filters.delegation is not None:
        rows = rows.filter(**{f"{source.actor}__delegation_id": filters.delegation})
    if filters.date_from is not None:
        rows = rows.filter(**{f"{source.when}__gte": _start_of(filters.date_from)})
    if filters.date_to is not None:
        rows = rows.filter(**{f"{source.when}__lt": _start_of(filters.date_to + timedelta(1))})
    return rows.order_by(f"-{source.when}", "-pk")


class AuditLog:
    """The filtered events as a sequence a ``Paginator`` can page through: ``count()`` counts
    in each source, a slice reads from each source only the newest rows it needs."""

    def __init__(self, filters: AuditFilters) -> None:
        self.filters = filters
        self.sources = [s for s in SOURCES if not filters.kind or s.kind == filters.kind]
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = sum(_filtered(s, self.filters).count() for s in self.sources)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[AuditEvent]:
        if not isinstance(item, slice):
            raise TypeError("An audit log is read in slices.")
        start, stop = item.start or 0, item.stop
        if stop is None:
            raise ValueError("An audit log slice needs an end.")
        streams = [
            [source.event(row) for row in _filtered(source, self.filters)[:stop]]
            for source in self.sources
        ]
        merged = heapq.merge(*streams, key=lambda event: event.when, reverse=True)
        return list(islice(merged, start, stop))


def audit_log(filters: AuditFilters) -> AuditLog:
    return AuditLog(filters)


def audit_export(filters: AuditFilters) -> list[AuditEvent]:
    """The newest ``EXPORT_LIMIT`` events that match, for a CSV or JSON file."""
    return AuditLog(filters)[:EXPORT_LIMIT]


@dataclass(frozen=True)
class AuditChoices:
    people: list[tuple[int, str]]
    delegations: list[tuple[int, str]]
    kinds: list[tuple[str, str]]


def audit_choices() -> AuditChoices:
    """What the filters offer: every user, every delegation, the kinds in their fixed order."""
    people = [
        (u.pk, u.display_name())
        for u in User.objects.only("username", "first_name", "last_name").order_by("username")
    ]
    delegations = list(Delegation.objects.order_by("name").values_list("pk", "name"))
    return AuditChoices(people=people, delegations=delegations, kinds=list(AuditKind.choices))
