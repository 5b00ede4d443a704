"""Reads of consultation rounds: lists, one round, who responded with what, what awaits a user."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from ..models import (
    Comment,
    ConsultationRound,
    Delegation,
    Document,
    Proposal,
    ProposalStatus,
    RoundDeclaration,
)
from ..permissions import can


def round_list(document: Document) -> list[ConsultationRound]:
    return list(
        ConsultationRound.objects.for_document(document)
        .select_related("milestone", "opened_by")
        .prefetch_related("invited")
    )


def round_get(document: Document, pk: int) -> ConsultationRound:
    try:
        return ConsultationRound.objects.select_related("milestone", "opened_by", "document").get(
            document=document, pk=pk
        )
    except ConsultationRound.DoesNotExist:
        raise Http404("No such consultation round.") from None


def milestone_rounds(document: Document) -> dict[int, list[ConsultationRound]]:
    """The rounds of each milestone of the document (for the milestones page)."""
    found: dict[int, list[ConsultationRound]] = {}
    for r in ConsultationRound.objects.for_document(document).order_by("opened_at", "id"):
        found.setdefault(r.milestone_id, []).append(r)
    return found


def _visible_threads():
    return Comment.objects.filter(parent__isnull=True, is_hidden=False, is_deleted=False)


def round_responded_delegation_ids(
    consultation: ConsultationRound, *, contributions_only: bool = False
) -> set[int]:
    """Delegations that made a proposal or a (visible) comment in response to the round, or
    declared "no comments" (unless ``contributions_only``)."""
    # A withdrawn proposal is not a response (the delegation took it back).
    proposals = consultation.proposals.exclude(status=ProposalStatus.WITHDRAWN)
    ids = set(proposals.values_list("delegation_id", flat=True))
    ids |= set(
        _visible_threads()
        .filter(round=consultation, delegation__isnull=False)
        .values_list("delegation_id", flat=True)
    )
    if not contributions_only:
        ids |= set(consultation.declarations.values_list("delegation_id", flat=True))
    return ids


def rounds_for_contributor(user, document: Document, now: datetime | None = None):
    """The rounds of ``document`` the user's delegation is invited to: open ones first (nearest
    deadline first), then closed ones (latest first). A queryset, for a form's choice."""
    now = now or timezone.now()
    return (
        ConsultationRound.objects.for_document(document)
        .inviting(getattr(user, "delegation_id", None))
        .annotate(
            closed=Case(
                When(deadline__gt=now, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("closed", "-opened_at", "-id")
    )


def rounds_awaiting_rows(user, now: datetime | None = None) -> QuerySet:
    """Open rounds (every document) to which the user's delegation is invited and has not
    responded yet: no proposal, no visible comment, no "no comments" declaration. Nearest
    deadline first. Empty for a user without a delegation, and for an observer (a real filter,
    not ``none()``: the header counts it inside one query)."""
    delegation_id = getattr(user, "delegation_id", None)
    if not delegation_id or not can(user, "propose"):  # observers read, never respond
        return ConsultationRound.objects.filter(pk__isnull=True)
    now = now or timezone.now()
    responded = (
        Q(
            proposals__delegation_id=delegation_id,
            proposals__status__in=[s for s in ProposalStatus if s != ProposalStatus.WITHDRAWN],
        )
        | Q(declarations__delegation_id=delegation_id)
        | Q(
            comments__delegation_id=delegation_id,
            comments__parent__isnull=True,
            comments__is_hidden=False,
            comments__is_deleted=False,
        )
    )
    answered = ConsultationRound.objects.filter(responded).values("pk")
    return (
        ConsultationRound.objects.open(now)
        .inviting(delegation_id)
        .exclude(pk__in=answered)
        .order_by("deadline", "id")
    )


def rounds_awaiting(
    user, now: datetime | None = None, *, document: Document | None = None
) -> list[ConsultationRound]:
    """``rounds_awaiting_rows`` as a list (of one ``document`` if given), with their documents
    and milestones."""
    rows = rounds_awaiting_rows(user, now)
    if document is not None:
        rows = rows.filter(document=document)
    return list(rows.select_related("document", "milestone"))


@dataclass
class DelegationResponse:
    delegation: Delegation
    proposals: list[Proposal] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    declaration: RoundDeclaration | None = None

    @property
    def responded(self) -> bool:
        """A withdrawn proposal is listed but is not a response."""
        standing = [p for p in self.proposals if p.status != ProposalStatus.WITHDRAWN]
        return bool(standing or self.comments or self.declaration)

    def proposal_counts(self) -> list[tuple[str, int]]:
        """(status label, count) in the statuses' fixed order, only those present."""
        return [
            (label, n)
            for value, label in ProposalStatus.choices
            if (n := sum(1 for p in self.proposals if p.status == value))
        ]


@dataclass
class RoundSummary:
    round: ConsultationRound
    rows: list[DelegationResponse]

    @property
    def responded(self) -> int:
        return sum(1 for r in self.rows if r.responded)

    @property
    def proposals(self) -> int:
        return sum(len(r.proposals) for r in self.rows)

    @property
    def comments(self) -> int:
        return sum(len(r.comments) for r in self.rows)

    @property
    def declarations(self) -> int:
        return sum(1 for r in self.rows if r.declaration)


def round_summary(consultation: ConsultationRound) -> RoundSummary:
    """Per invited delegation (by name): its proposals, comments and declaration on the round.
    Contributions of delegations no longer invited are not shown (they cannot make any)."""
    rows = {d.pk: DelegationResponse(d) for d in consultation.invited.order_by("name")}
    proposals = consultation.proposals.select_related("section").order_by("created_at", "id")
    for p in proposals:
        if p.delegation_id in rows:
            rows[p.delegation_id].proposals.append(p)
    threads = _visible_threads().filter(round=consultation).select_related("section", "author")
    for c in threads.order_by("created_at", "id"):
        if c.delegation_id in rows:
            rows[c.delegation_id].comments.append(c)
    for d in consultation.declarations.select_related("declared_by"):
        if d.delegation_id in rows:
            rows[d.delegation_id].declaration = d
    return RoundSummary(consultation, list(rows.values()))
