"""Reads for the section page's "Show suggestions": a section's open proposals sorted into those
shown inline in its text, those made on an older version, and those that change the structure
or the mappings (shown as markers), with what each decision form needs."""

from collections import Counter
from dataclasses import dataclass, field

from ..models import Proposal, ProposalKind, Section
from ..rendering.suggestions import SuggestedText
from .proposals import section_open_proposals, summary
from .versions import decision_versions


@dataclass(frozen=True)
class SuggestionPanel:
    """What a suggestion's panel on the section page shows: who, why, and the hidden fields of
    its accept form (the same as on the proposal page, so version checks are the same)."""

    proposal: Proposal
    index: int | None  # colour slot and legend number of an inline one; None for a marker
    rationale: str  # shortened
    accept_fields: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class SectionSuggestions:
    inline: tuple[Proposal, ...]  # open amendments made on the current version
    stale: tuple[Proposal, ...]  # open amendments made on an older version
    markers: tuple[Proposal, ...]  # insert, delete, move, mappings
    texts: tuple[SuggestedText, ...]  # the inline ones, numbered for the legend and colours
    panels: tuple[SuggestionPanel, ...] = ()  # inline ones, then markers (not the stale ones:
    # they are decided on the proposal page, with its three-way view)


def section_suggestions(
    section: Section, proposals: list[Proposal] | None = None, *, deciding: bool = False
) -> SectionSuggestions:
    """``proposals``: the section's open proposals if already read (else read here, 1 query);
    ``deciding``: also the version fields of each accept form (a few queries per structural
    proposal, none for amendments)."""
    if proposals is None:
        proposals = section_open_proposals(section)
    inline, stale, markers = [], [], []
    for proposal in proposals:
        if proposal.kind != ProposalKind.AMEND:
            markers.append(proposal)
        elif proposal.is_stale(section.version):
            stale.append(proposal)
        else:
            inline.append(proposal)
    per_delegation = Counter(p.delegation_id for p in inline)
    texts = tuple(
        SuggestedText(
            index=index,
            proposal_id=p.pk,
            label=p.delegation.name
            if per_delegation[p.delegation_id] == 1
            else f"{p.delegation.name} #{p.pk}",
            heading=p.proposed_heading,
            body=p.proposed_body,
        )
        for index, p in enumerate(inline)
    )
    panels = tuple(
        SuggestionPanel(
            proposal=p,
            index=index if index < len(inline) else None,
            rationale=summary(p.rationale, 240),
            accept_fields=decision_versions(p, section) if deciding else {},
        )
        for index, p in enumerate((*inline, *markers))
    )
    return SectionSuggestions(tuple(inline), tuple(stale), tuple(markers), texts, panels)
