"""Reads of proposals: filtered lists, counts, a section's open proposals, the disposition table."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404

from ..models import Document, Proposal, ProposalStatus, Section, Standard
from ..rendering.numbering import number_rows


@dataclass(frozen=True)
class ProposalFilters:
    status: str = ""
    delegation: str = ""  # delegation code
    section: str = ""  # section key
    pillar: int | None = None
    standard: int | None = None  # standard number within the pillar


def _base(document: Document) -> QuerySet:
    return (
        Proposal.objects.for_document(document)
        .select_related(
            "section", "author", "delegation", "decided_by", "standard__pillar", "target",
            "word_import",
        )
        .defer("word_import__data")  # the card names the file, never reads it
    )  # fmt: skip


def proposal_list(document: Document, filters: ProposalFilters) -> QuerySet:
    rows = _base(document)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.delegation:
        rows = rows.filter(delegation__code=filters.delegation)
    if filters.section:
        rows = rows.filter(section__key=filters.section)
    if filters.pillar is not None:
        on_standard = Q(standard__pillar__number=filters.pillar)
        mapped = Q(
            section__mappings__is_deleted=False,
            section__mappings__standard__pillar__number=filters.pillar,
        )
        if filters.standard is not None:
            on_standard &= Q(standard__number=filters.standard)
            mapped &= Q(section__mappings__standard__number=filters.standard)
        ids = Proposal.objects.for_document(document).filter(on_standard | mapped).values("id")
        rows = rows.filter(id__in=ids)
    return rows.order_by("-created_at", "-id")


def status_counts(document: Document) -> dict[str, int]:
    counts = dict(
        Proposal.objects.for_document(document)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in ProposalStatus.values}


def open_counts_by_section(document: Document) -> dict[int, int]:
    return dict(
        Proposal.objects.for_document(document)
        .open()
        .values_list("section_id")
        .annotate(n=Count("id"))
        .values_list("section_id", "n")
    )


def section_open_proposals(section: Section) -> list[Proposal]:
    """The section's open proposals, oldest first, each with ``section`` set to the one given.
    The standard, target and Word file of the proposals that have one are read apart: most
    have none, and every relation joined is one more for the database to plan on every section
    page (1 query, up to 4)."""
    proposals = list(
        Proposal.objects.open()
        .filter(section=section)
        .select_related("author", "delegation")
        .order_by("created_at", "id")
    )
    for proposal in proposals:
        proposal.section = section
    # One query each, none when no proposal has one (the Word file without its bytes: see
    # WordImport's base manager).
    prefetch_related_objects(
        proposals,
        Prefetch("standard", queryset=Standard.objects.select_related("pillar")),
        "target",
        "word_import",
    )
    return proposals


def adopted_text(proposal: Proposal) -> tuple[str, str] | None:
    """(heading, body) of the section version the proposal's acceptance wrote, if any."""
    row = (
        Section.history.filter(id=proposal.section_id, proposal_id=proposal.pk)
        .order_by("history_date")
        .values_list("heading", "body")
        .first()
    )
    return tuple(row) if row else None


def proposal_get(document: Document, number: int) -> Proposal:
    try:
        return _base(document).select_related("section__document").get(pk=number)
    except Proposal.DoesNotExist:
        raise Http404("No such proposal.") from None


def section_numbers(document: Document) -> dict[int, str]:
    """Current numbers of the live sections of the document, by id (1 query)."""
    rows = Section.objects.live().for_document(document).only("id", "parent_id", "position", "kind")
    return {pk: n.label for pk, n in number_rows(list(rows)).items()}


@dataclass(frozen=True)
class DispositionRow:
    proposal_id: int
    section_number: str
    section_heading: str
    section_deleted: bool
    delegation: str
    kind: str
    summary: str
    decision: str
    decision_reason: str
    proposed_at: datetime
    decided_at: datetime | None
    language: str = "en"  # the summary's (the rationale as written), a ``Language``


def summary(text: str, limit: int = 160) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def disposition_rows(document: Document, proposals=None) -> list[DispositionRow]:
    """The table the SAFE Review Sub-Group reads: one row per proposal, as values."""
    numbers = section_numbers(document)
    proposals = _base(document).order_by("id") if proposals is None else proposals
    return [
        DispositionRow(
            proposal_id=p.pk,
            section_number=numbers.get(p.section_id, ""),
            section_heading=p.section.heading,
            section_deleted=p.section.is_deleted,
            delegation=p.delegation.name,
            kind=p.get_kind_display(),
            summary=summary(p.rationale),
            decision=p.get_status_display(),
            decision_reason=p.decision_reason,
            proposed_at=p.created_at,
            decided_at=p.decided_at,
            language=p.language,
        )
        for p in proposals
    ]
