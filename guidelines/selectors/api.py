"""Reads for the JSON API: a document's proposals, comments and milestones (each in one query),
and what a document's ETag and Last-Modified are derived from."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, QuerySet, Subquery

from ..models import Comment, Document, Mapping, Milestone, Proposal, Section, Standard


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


def document_validators(document: Document, *, language: str, extra: str = "") -> Validators:
    """For the current text: changes to any section (text, place, deletion: each saves the row
    and its ``updated_at``), to any mapping (its history) or to a mapped standard (its title,
    given with each mapping) give a new tag (2 queries, however long the document)."""
    sections = Section.objects.filter(document=document).aggregate(
        last=Max("updated_at"), count=Count("id")
    )
    standards = (
        Standard.history.filter(id__in=Mapping.objects.filter(section__document=document)
                                .values("standard_id"))
        .order_by("-history_date")
        .values("history_date")[:1]
    )  # fmt: skip
    mappings = Mapping.history.filter(section__document=document).aggregate(
        last=Max("history_date"), count=Count("history_id"), standards=Max(Subquery(standards))
    )
    times = [t for t in (sections["last"], mappings["last"], mappings["standards"]) if t]
    tag = _tag(document.pk, document.title, sections["last"], sections["count"], mappings["last"],
               mappings["count"], mappings["standards"], language, extra)  # fmt: skip
    return Validators(tag, max(times) if times else None)


def milestone_validators(
    milestone: Milestone, *, title: str, language: str, extra: str = ""
) -> Validators:
    """A milestone's text never changes: its id and instant are its tag, with what it is given
    with as it is now: the document's ``title`` and the standards' titles (1 query)."""
    standards = Standard.history.aggregate(last=Max("history_date"))["last"]
    tag = _tag("milestone", milestone.pk, milestone.taken_at.isoformat(), title, standards,
               language, extra)  # fmt: skip
    return Validators(tag, max(t for t in (milestone.taken_at, standards) if t))
