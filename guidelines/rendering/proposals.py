"""How a proposal reads as tracked changes: values from the diff engine, HTML from redline."""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from ..models import Proposal, ProposalKind
from .diff import diff_text, diff_words
from .merge import MergeResult, three_way_merge
from .redline import render_redline, render_words


@dataclass(frozen=True)
class ProposalRedline:
    proposal: Proposal
    stale: bool
    heading: SafeString | None  # None when the heading is unchanged
    body: SafeString | None  # None for kinds without text
    # Accepted with changes: what was finally adopted, against the text the proposal was made on
    adopted_heading: SafeString | None = None
    adopted_body: SafeString | None = None


@dataclass(frozen=True)
class TextRedline:
    heading: SafeString | None  # None when the heading is unchanged
    body: SafeString


def text_redline(
    *, old_heading: str, old_body: str, heading: str, body: str, id_prefix: str
) -> TextRedline:
    """An amendment's heading and text against the text it is made on: how the proposal page
    shows it, and the live preview while it is typed."""
    heading_html = None
    if heading != old_heading:
        heading_html = render_words(diff_words(old_heading, heading))
    return TextRedline(heading_html, render_redline(diff_text(old_body, body), id_prefix=id_prefix))


def proposal_redline(
    proposal: Proposal,
    *,
    current_heading: str,
    current_body: str,
    current_version: int,
    adopted: tuple[str, str] | None = None,
) -> ProposalRedline:
    """An open proposal against the current text (a stale amendment against the text it was made
    on). A closed one always against the text it was made on, so it keeps showing what it
    changed; ``adopted`` (heading, body): the version its acceptance wrote, shown when the
    facilitator changed the proposed text."""
    stale = proposal.is_stale(current_version)
    prefix = f"p{proposal.pk}"
    if not proposal.is_open:
        current_heading, current_body = proposal.base_heading, proposal.base_body
    if proposal.kind == ProposalKind.AMEND:
        old_heading = proposal.base_heading if stale else current_heading
        old_body = proposal.base_body if stale else current_body
        proposed = text_redline(
            old_heading=old_heading,
            old_body=old_body,
            heading=proposal.proposed_heading,
            body=proposal.proposed_body,
            id_prefix=prefix,
        )
        heading, body = proposed.heading, proposed.body
        if adopted is None or adopted == (proposal.proposed_heading, proposal.proposed_body):
            return ProposalRedline(proposal, stale, heading, body)
        adopted_heading = None
        if adopted[0] != old_heading:
            adopted_heading = render_words(diff_words(old_heading, adopted[0]))
        adopted_body = render_redline(diff_text(old_body, adopted[1]), id_prefix=f"{prefix}a")
        return ProposalRedline(proposal, stale, heading, body, adopted_heading, adopted_body)
    if proposal.kind == ProposalKind.INSERT:
        heading = render_words(diff_words("", proposal.proposed_heading))
        body = render_redline(diff_text("", proposal.proposed_body), id_prefix=prefix)
        return ProposalRedline(proposal, False, heading, body)
    if proposal.kind == ProposalKind.DELETE:
        body = render_redline(diff_text(current_body, ""), id_prefix=prefix)
        return ProposalRedline(proposal, False, None, body)
    return ProposalRedline(proposal, False, None, None)


@dataclass(frozen=True)
class ThreeWay:
    base: SafeString  # base -> current: what changed since the proposal was made
    proposed: SafeString  # base -> proposed: what the proposal changes
    body: MergeResult
    heading: MergeResult

    @property
    def clean(self) -> bool:
        return self.body.clean and self.heading.clean


def three_way(proposal: Proposal, *, current_heading: str, current_body: str) -> ThreeWay:
    return ThreeWay(
        base=render_redline(diff_text(proposal.base_body, current_body), id_prefix="tw-c"),
        proposed=render_redline(
            diff_text(proposal.base_body, proposal.proposed_body), id_prefix="tw-p"
        ),
        body=three_way_merge(proposal.base_body, current_body, proposal.proposed_body),
        heading=three_way_merge(proposal.base_heading, current_heading, proposal.proposed_heading),
    )
