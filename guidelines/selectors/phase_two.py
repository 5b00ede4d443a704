"""Reads of phase two's decided dispositions: a section's (with its history and open proposals),
a document's (for the outline and the coverage matrix) and the "phase-two draft", the SAFE
Framework's structure with the sections integrated into each standard."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from ..models import (
    Disposition,
    DispositionChoice,
    Document,
    IntegrateAs,
    Pillar,
    Proposal,
    ProposalKind,
    Section,
    Standard,
)
from .documents import TreeNode, document_tree
from .versions import Change, _who

D = DispositionChoice


def disposition_version(section: Section) -> str:
    """The token of the section's disposition: how many times it was set (1 query)."""
    return str(Disposition.history.filter(section_id=section.pk).count())


def disposition_changes_since(section: Section, token: str | None) -> list[Change]:
    """What a disposition conflict page lists: the settings after ``token`` (a count)."""
    seen = int(token) if (token or "").isdigit() else 0
    rows = Disposition.history.filter(section_id=section.pk).select_related("history_user")
    return [
        Change(_who(row), row.history_date, row.history_change_reason or "", row.disposition)
        for row in list(rows.order_by("history_id"))[seen:]
    ]


def dispositions_by_section(document: Document) -> dict[int, Disposition]:
    """The decided dispositions of the document's sections, by section id (1 query)."""
    rows = Disposition.objects.filter(section__document=document).select_related(
        "standard__pillar", "duplicate_of"
    )
    return {row.section_id: row for row in rows}


def section_disposition(section: Section) -> Disposition | None:
    return (
        Disposition.objects.filter(section=section)
        .select_related("standard__pillar", "duplicate_of", "decided_by", "proposal")
        .first()
    )


def disposition_history(section: Section) -> list:
    """Every setting of the section's disposition, newest first: who, when, why, what, and the
    proposal it came from (2 queries)."""
    rows = list(
        Disposition.history.filter(section_id=section.pk)
        .select_related("history_user__delegation", "standard__pillar", "duplicate_of")
        .order_by("-history_id")
    )
    ids = {row.proposal_id for row in rows if row.proposal_id}
    proposals = Proposal.objects.select_related("delegation").in_bulk(ids) if ids else {}
    for row in rows:
        row.from_proposal = proposals.get(row.proposal_id)
    return rows


def open_disposition_proposals(section: Section) -> list[Proposal]:
    return list(
        Proposal.objects.open()
        .filter(section=section, kind=ProposalKind.DISPOSE)
        .select_related("author", "delegation", "standard__pillar", "target")
        .order_by("created_at", "id")
    )


@dataclass
class DraftSection:
    node: TreeNode
    disposition: Disposition | None


@dataclass
class DraftStandard:
    standard: Standard
    groups: list[tuple[str, list[DraftSection]]] = field(default_factory=list)  # (label, rows)

    @property
    def count(self) -> int:
        return sum(len(rows) for _label, rows in self.groups)


@dataclass
class DraftPillar:
    pillar: Pillar
    standards: list[DraftStandard]


@dataclass
class PhaseTwoDraft:
    pillars: list[DraftPillar]
    integrated: int
    kept: list[DraftSection]
    deleted: list[DraftSection]
    discuss: list[DraftSection]
    undecided: list[DraftSection]
    total: int

    @property
    def with_text(self) -> list[DraftSection]:
        """The sections the page shows with their text (not the undecided: only listed)."""
        integrated = [
            row
            for pillar in self.pillars
            for standard in pillar.standards
            for _label, rows in standard.groups
            for row in rows
        ]
        return integrated + self.kept + self.deleted + self.discuss


def phase_two_draft(document: Document) -> PhaseTwoDraft:
    """The SAFE Framework's pillars and live standards (and removed ones that still have
    dispositions, flagged), each with the sections whose disposition integrates them there,
    grouped by how; then the kept, the deleted as duplicates, the ones to discuss and the ones
    with no disposition yet, in reading order (4 queries)."""
    tree = document_tree(document)
    decided = dispositions_by_section(document)
    by_standard: dict[int, dict[str, list[DraftSection]]] = {}
    lists: dict[str, list[DraftSection]] = {D.KEEP: [], D.DELETE: [], D.DISCUSS: [], "": []}
    for node in tree.nodes:
        row = decided.get(node.section.pk)
        item = DraftSection(node, row)
        if row is not None and row.disposition == D.INTEGRATE and row.standard_id:
            by_standard.setdefault(row.standard_id, {}).setdefault(row.integrate_as, []).append(
                item
            )
        else:
            lists[row.disposition if row is not None else ""].append(item)
    pillars = Pillar.objects.prefetch_related(
        Prefetch("standards", queryset=Standard.objects.order_by("number"))
    )
    shown = []
    for pillar in pillars:
        standards = []
        for standard in pillar.standards.all():
            groups = by_standard.get(standard.pk, {})
            if standard.is_deleted and not groups:
                continue
            draft = DraftStandard(standard)
            for value, label in IntegrateAs.choices:
                if groups.get(value):
                    draft.groups.append((label, groups[value]))
            standards.append(draft)
        shown.append(DraftPillar(pillar, standards))
    integrated = sum(len(rows) for groups in by_standard.values() for rows in groups.values())
    return PhaseTwoDraft(
        pillars=shown,
        integrated=integrated,
        kept=lists[D.KEEP],
        deleted=lists[D.DELETE],
        discuss=lists[D.DISCUSS],
        undecided=lists[""],
        total=len(tree.nodes),
    )


def other_live_sections(section: Section):
    """The sections a section may duplicate: the document's other live ones."""
    return Section.objects.live().filter(document_id=section.document_id).exclude(pk=section.pk)
