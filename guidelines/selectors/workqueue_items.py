"""The work queue's items and sections: plain values the "To do" page and the header show
(built by ``selectors.workqueue``)."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar


@dataclass(frozen=True)
class ProposalItem:
    template: ClassVar[str] = "guidelines/todo/_proposal.html"
    pk: int
    document_slug: str
    document_title: str
    section_number: str
    section_heading: str
    delegation: str
    kind: str
    rationale: str
    created_at: datetime
    language: str  # of the rationale, as written
    stale: bool
    seen: bool
    # The hidden fields of the one-click accept form (the versions the page was read from);
    # empty when the user may not decide or the proposal is stale (it needs a review).
    accept: tuple[tuple[str, object], ...] = ()
    can_decide: bool = False
    can_withdraw: bool = False


@dataclass(frozen=True)
class ThreadItem:
    template: ClassVar[str] = "guidelines/todo/_thread.html"
    pk: int
    document_slug: str
    section_key: str
    section_number: str
    section_heading: str
    # The first comment (as written, in ``language``): empty when hidden or deleted; ``quote`` too.
    body: str
    language: str
    is_hidden: bool
    is_deleted: bool
    quote: str
    started_by: str
    latest_by: str
    latest_delegation: str
    latest_body: str  # the latest visible comment by someone else (never a hidden one)
    latest_language: str
    url: str  # the thread on its section's page or, for a proposal's discussion, the proposal's
    proposal_id: int | None
    activity_at: datetime
    is_new_thread: bool  # the activity is the thread itself, no reply yet
    is_resolved: bool
    can_resolve: bool


@dataclass(frozen=True)
class RoundItem:
    """A consultation round the user's delegation has not responded to yet (it leaves the queue
    when the delegation proposes, comments or declares "no comments")."""

    template: ClassVar[str] = "guidelines/todo/_round.html"
    pk: int
    document_slug: str
    document_title: str
    title: str
    milestone: str
    deadline: datetime


@dataclass(frozen=True)
class QueueSection:
    key: str
    title: str
    explanation: str
    items: tuple = ()
    collapsed: bool = False  # shown folded, not counted (e.g. seen proposals still open)


@dataclass(frozen=True)
class WorkQueue:
    sections: tuple[QueueSection, ...] = field(default_factory=tuple)

    @property
    def count(self) -> int:
        return sum(len(s.items) for s in self.sections if not s.collapsed)


@dataclass(frozen=True)
class HeaderCounts:
    todo: int | None  # None: the user has no queue (observers)
    unread: int
