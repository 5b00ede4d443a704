"""Reads for the JSON API: a document's proposals, comments and milestones (each in one query),
and what a document's ETag and Last-Modified are derived from."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, QuerySet, Subquery, Value

from ..models import Comment, Document, Mapping, Milestone, Pillar, Proposal, Section, Standard


def api_proposals(
    document: Document, *, status: str = "", section_key: str = ""
) -> QuerySet[Proposal]:
    """The document's proposals, oldest first, with what the API names (section, delegation);
    ``status``/``section_key`` narrow them (empty: all)."""
    rows = Proposal.objects.for_document(document)
    if status:
        rows = rows.filter(status=status)
    if section_key:
        rows = rows.filter(section__key=section_key)
    return rows.select_related(
        "section", "delegation", "author", "target", "standard__pillar"
    ).order_by("created_at", "id")


def api_comments(document: Document, *, section_key: str = "") -> QuerySet[Comment]:
    """The document's comments (threads and replies), oldest first. Hidden and deleted ones are
    listed as on the pages (their text is left out by the API, never read here for display)."""
    rows = Comment.objects.filter(document=document)
    if section_key:
        rows = rows.filter(section__key=section_key)
    return rows.select_related("document", "section", "author", "delegation").order_by(
        "created_at", "id"
    )


def api_milestones(document: Document) -> QuerySet[Milestone]:
    return Milestone.objects.filter(document=document).select_related("created_by")


@dataclass(frozen=True)
class Validators:
    """An entity tag and a last-modified time for a response that depends on them only."""

    etag: str
    last_modified: datetime | None


def _tag(*parts) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:32]


def _latest(history) -> Subquery:
    """The newest date of a history queryset, as a subquery."""
    return Subquery(history.order_by("-history_date").values("history_date")[:1])


def _count(history) -> Subquery:
    """How many rows a history queryset has, as a subquery (one row: grouped by a constant)."""
    counted = history.order_by().annotate(one=Value(1)).values("one")
    return Subquery(counted.annotate(n=Count("history_id")).values("n")[:1])


def document_validators(document: Document, *, language: str, extra: str = "") -> Validators:
    """For the current text. Every write to a section (text, place, deletion) adds a row to its
    history (the one write path, services/history.py), and so does every write to a mapping, a
    standard or a pillar (whose numbers and titles are given with each mapping): the tag holds
    how many history rows each has, which grows with every committed write whatever order
    concurrent writes commit in (a newest date alone may not change: a write that commits after
    a later-stamped one leaves the maximum as it was), and their newest dates. The API keeps the
    encoded body under this tag (api/response_cache.py): a change the tag missed would be served
    to everyone. 2 queries, however long the document."""
    sections = Section.history.filter(document_id=document.pk).aggregate(
        last=Max("history_date"), count=Count("history_id")
    )
    mapped = Mapping.objects.filter(section__document=document).values("standard_id")
    standards = Standard.history.filter(id__in=mapped)
    pillars = Pillar.history.filter(id__in=Standard.objects.filter(id__in=mapped).values("pillar"))
    mappings = Mapping.history.filter(section__document=document).aggregate(
        last=Max("history_date"),
        count=Count("history_id"),
        standards=Max(_latest(standards)),
        standard_writes=Max(_count(standards)),
        pillars=Max(_latest(pillars)),
        pillar_writes=Max(_count(pillars)),
    )
    times = [t for t in (sections["last"], mappings["last"], mappings["standards"],
                         mappings["pillars"]) if t]  # fmt: skip
    tag = _tag(document.pk, document.title, sections["last"], sections["count"], mappings["last"],
               mappings["count"], mappings["standards"], mappings["standard_writes"],
               mappings["pillars"], mappings["pillar_writes"], language, extra)  # fmt: skip
    return Validators(tag, max(times) if times else None)


def milestone_validators(
    milestone: Milestone, *, title: str, language: str, extra: str = ""
) -> Validators:
    """A milestone's text never changes: its id and instant are its tag, with what it is given
    with as it is now: the document's ``title`` and the standards' and pillars' numbers and
    titles (their histories' sizes and newest dates; 1 query)."""
    found = Standard.history.aggregate(
        last=Max("history_date"),
        count=Count("history_id"),
        pillars=Max(_latest(Pillar.history.all())),
        pillar_writes=Max(_count(Pillar.history.all())),
    )
    tag = _tag("milestone", milestone.pk, milestone.taken_at.isoformat(), title, found["last"],
               found["count"], found["pillars"], found["pillar_writes"], language,
               extra)  # fmt: skip
    times = (milestone.taken_at, found["last"], found["pillars"])
    return Validators(tag, max(t for t in times if t))
