"""The redline an export shows: every section of two drafts in one reading order, each change
credited to the history row that made it.

The order is a merge of both drafts' reading orders: sections in the same order on both sides
stay in place; a section added appears where it now is, a deleted one where it was, and a moved
one twice: at its old place (moved from) and at its new place (moved to). Read with only the
insertions, the redline is the new draft; with only the deletions, the old one.

Credits: a change from an accepted proposal goes to the proposing delegation and its author, a
direct edit to the editor's delegation, each with the date of its history row (see
``rendering.attribution`` for how changes are told apart between several rows).
"""

import difflib
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from ..models import Section
from ..rendering.attribution import (
    Provenance,
    credit_diff,
    credit_words,
    provenance,
    whole_diff,
    whole_words,
)
from ..rendering.diff import DELETE, EQUAL, INSERT, Segment, TextDiff, block_segments
from .snapshots import (
    ADDED,
    DELETED,
    MOVED,
    ChangeKind,
    SectionChange,
    Snapshot,
    document_compare,
    in_order,
)

IN_PLACE, ADDED_HERE, DELETED_HERE, MOVED_FROM, MOVED_TO = (
    "in_place", "added", "deleted", "moved_from", "moved_to",
)  # fmt: skip


@dataclass(frozen=True)
class Contributor:
    """The history row a change is credited to."""

    index: int
    delegation: str
    code: str  # shown after each change, e.g. "AU"
    person: str
    at: datetime
    proposal: int | None

    @property
    def author(self) -> str:
        """As an office suite shows it: "Australia (Liam Walker)"."""
        return f"{self.delegation} ({self.person})" if self.person else self.delegation


@dataclass(frozen=True)
class RedlineEntry:
    key: str
    section_id: int
    place: str  # IN_PLACE | ADDED_HERE | DELETED_HERE | MOVED_FROM | MOVED_TO
    depth: int
    old_label: str
    new_label: str
    old_heading: str
    new_heading: str
    old_body: str
    new_body: str
    label: tuple[Segment, ...]  # the number: unchanged, or old deleted and new inserted
    heading: tuple[Segment, ...]  # credited
    body: TextDiff | None  # credited; None when the text did not change
    kinds: tuple[ChangeKind, ...]
    credits: tuple[int, ...]  # contributors named for this section, in order
    moved_by: tuple[int, ...] = ()  # who moved it (for the two halves of a move)
    other_label: str = ""  # a move's other place: the new number (from) or the old one (to)

    @property
    def changed(self) -> bool:
        return bool(self.kinds)

    @property
    def title(self) -> tuple[Segment, ...]:
        """Number and heading as one line of segments."""
        return join_title(self.label, self.heading)

    @property
    def heading_level(self) -> int:
        """h2 for a chapter, h3 below it … (h1 is the document's or the annex's title)."""
        return min(self.depth + 2, 6)

    @property
    def label_text(self) -> str:
        return self.old_label if self.place in (DELETED_HERE, MOVED_FROM) else self.new_label

    @property
    def heading_text(self) -> str:
        return self.old_heading if self.place in (DELETED_HERE, MOVED_FROM) else self.new_heading


def join_title(label, heading) -> tuple[Segment, ...]:
    """Number, space, heading; the space belongs to the change when both sides are one change
    (a section added or deleted), so it reads as one change."""
    if not label:
        return tuple(heading)
    if not heading:
        return tuple(label)
    last, first = label[-1], heading[0]
    if last.op == first.op != EQUAL and last.by == first.by:
        space = Segment(last.op, " ", -1, last.by)
    else:
        space = Segment(EQUAL, " ", -1)
    return (*label, space, *heading)


@dataclass(frozen=True)
class Redline:
    old: Snapshot
    new: Snapshot
    entries: list[RedlineEntry]
    contributors: list[Contributor] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(e.changed for e in self.entries)

    def credited(self) -> list[Contributor]:
        """The contributors named anywhere in the redline, in order of first appearance."""
        seen: dict[int, None] = {}
        for entry in self.entries:
            for index in entry.credits:
                seen.setdefault(index, None)
        return [self.contributors[i] for i in seen]


class _Registry:
    """One contributor per history row, numbered in the order they are first needed."""

    def __init__(self) -> None:
        self.by_row: dict[int, int] = {}
        self.contributors: list[Contributor] = []

    def index(self, row) -> int:
        found = self.by_row.get(row.history_id)
        if found is not None:
            return found
        proposal = row.proposal
        user = row.history_user
        if proposal is not None:
            delegation, person = proposal.delegation, proposal.author.display_name()
        elif user is not None:
            delegation, person = user.delegation, user.display_name()
        else:
            delegation, person = None, ""
        contributor = Contributor(
            index=len(self.contributors),
            delegation=delegation.name if delegation else _("not recorded"),
            code=delegation.code.upper() if delegation else "–",
            person=person,
            at=row.history_date,
            proposal=proposal.pk if proposal is not None else None,
        )
        self.contributors.append(contributor)
        self.by_row[row.history_id] = contributor.index
        return contributor.index


@dataclass
class _History:
    """What the history rows of one section in the window say."""

    body: Provenance
    heading: Provenance
    moved_by: tuple[int, ...] = ()
    deleted_by: tuple[int, ...] = ()


def _history(rows, before, registry: _Registry, new_section) -> _History:
    """``before``: the section as it stood in the old draft (None if it did not exist)."""
    body = [(before.body if before is not None else "", None)]
    heading = [(before.heading if before is not None else "", None)]
    place = (before.parent_id, before.position) if before is not None else None
    deleted = before.is_deleted if before is not None else False
    moved_by: list[int] = []
    deleted_by: list[int] = []
    for row in rows:
        who = None
        if row.body != body[-1][0]:
            who = registry.index(row)
            body.append((row.body, who))
        if row.heading != heading[-1][0]:
            who = registry.index(row) if who is None else who
            heading.append((row.heading, who))
        if place is not None and (row.parent_id, row.position) != place:
            index = registry.index(row)
            if index not in moved_by:
                moved_by.append(index)
        place = (row.parent_id, row.position)
        if row.is_deleted and not deleted:
            deleted_by.append(registry.index(row))
        deleted = row.is_deleted
    if new_section is not None:  # the newest text, whatever the rows said
        body.append((new_section.body, None))
        heading.append((new_section.heading, None))
    return _History(provenance(body), provenance(heading), tuple(moved_by), tuple(deleted_by))


def _window_rows(old: Snapshot, new: Snapshot) -> dict[int, list]:
    rows = Section.history.filter(document_id=old.document.pk)
    rows = rows.filter(history_date__gt=old.milestone.taken_at)
    if new.milestone is not None:
        rows = rows.filter(history_date__lte=new.milestone.taken_at)
    rows = rows.select_related(
        "history_user__delegation", "proposal__delegation", "proposal__author"
    ).order_by("history_date", "history_id")
    by_section: dict[int, list] = {}
    for row in rows:
        by_section.setdefault(row.id, []).append(row)
    return by_section


def _sequence(old_ids: list[int], new_ids: list[int]) -> list[tuple[str, int]]:
    """Both reading orders merged: (side, id) with side "both", "old" or "new"."""
    matcher = difflib.SequenceMatcher(None, old_ids, new_ids, autojunk=False)
    out: list[tuple[str, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(("both", n) for n in new_ids[j1:j2])
            continue
        out.extend(("old", n) for n in old_ids[i1:i2])
        out.extend(("new", n) for n in new_ids[j1:j2])
    return out


def _inherited(section_id: int, tree_nodes: dict, own: dict[int, tuple[int, ...]]):
    """A section's own credit, else that of its nearest ancestor (children move and go with
    their parent)."""
    node = tree_nodes.get(section_id)
    while node is not None:
        found = own.get(node.section.id)
        if found:
            return found
        node = node.parent
    return ()


def _label(old: str, new: str, place: str, by: tuple[int, ...]) -> tuple[Segment, ...]:
    if place in (DELETED_HERE, MOVED_FROM):
        return (Segment(DELETE, old, 0, by),) if old else ()
    if place in (ADDED_HERE,):
        return (Segment(INSERT, new, 0, by),) if new else ()
    if old == new:
        return (Segment(EQUAL, new, 0),) if new else ()
    return tuple(
        s
        for s in (Segment(DELETE, old, 0, by if place == MOVED_TO else ()),
                  Segment(INSERT, new, 0, by if place == MOVED_TO else ()))
        if s.text
    )  # fmt: skip


def _credits(label, heading, body: TextDiff | None, extra) -> tuple[int, ...]:
    seen: dict[int, None] = {}
    segments = list(label) + list(heading)
    if body is not None:
        for block in body.blocks:
            segments.extend(block_segments(block))
    for segment in segments:
        for who in segment.by:
            seen.setdefault(who, None)
    for who in extra:
        seen.setdefault(who, None)
    return tuple(seen)


def document_redline(
    old: Snapshot, new: Snapshot, *, uncredited: frozenset | set = frozenset()
) -> Redline:
    """The credited redline from ``old`` (a milestone) to ``new`` (a later one, or now).

    ``uncredited``: ids of sections whose texts on both sides are not the English (a
    translation): the English history rows say nothing of who changed them, so their changes
    are shown without credits."""
    comparison = document_compare(old, new)
    changes: dict[int, SectionChange] = {e.section_id: e for e in comparison.entries}
    old_nodes = {n.section.id: n for n in old.tree.nodes}
    new_nodes = {n.section.id: n for n in new.tree.nodes}
    rows = _window_rows(old, new)
    for section_id in uncredited:
        rows.pop(section_id, None)
    registry = _Registry()
    histories: dict[int, _History] = {}
    sequence = _sequence(list(old_nodes), list(new_nodes))
    # Reading order, so that contributors are numbered as a reader meets them (never in the
    # order of a set of ids, which depends on the ids' values).
    for section_id in dict.fromkeys(section_id for _side, section_id in sequence):
        before = old_nodes.get(section_id)
        after = new_nodes.get(section_id)
        histories[section_id] = _history(
            rows.get(section_id, []),
            before.section if before else None,
            registry,
            after.section if after else None,
        )
    moved_by = {i: h.moved_by for i, h in histories.items()}
    deleted_by = {i: h.deleted_by for i, h in histories.items()}
    entries: list[RedlineEntry] = []
    for side, section_id in sequence:
        before, after = old_nodes.get(section_id), new_nodes.get(section_id)
        history = histories[section_id]
        change = changes.get(section_id)
        if side == "old" and after is not None:
            place = MOVED_FROM
        elif side == "old":
            place = DELETED_HERE
        elif side == "new" and before is not None:
            place = MOVED_TO
        elif side == "new":
            place = ADDED_HERE
        else:
            place = IN_PLACE
        node = before if place in (DELETED_HERE, MOVED_FROM) else after
        old_heading = before.section.heading if before else ""
        old_body = before.section.body if before else ""
        new_heading = after.section.heading if after else ""
        new_body = after.section.body if after else ""
        move = _inherited(section_id, old_nodes if place == MOVED_FROM else new_nodes, moved_by)
        if place == DELETED_HERE:
            by = _inherited(section_id, old_nodes, deleted_by) or history.body.everyone
            heading = whole_words(old_heading, DELETE, by)
            body = whole_diff(old_body, DELETE, by) if old_body.strip() else None
            kinds, extra = (DELETED,), by
        elif place == MOVED_FROM:
            heading = (Segment(DELETE, old_heading, 0, move),)
            body = None
            kinds, extra = (MOVED,), move
        else:
            heading = (
                credit_words(history.heading)
                if old_heading != new_heading
                else (Segment(EQUAL, new_heading, 0),)
            )
            body = (
                credit_diff(change.body_diff, history.body)
                if change is not None and change.body_diff is not None
                else None
            )
            kinds = change.statuses if change is not None else ()
            if place == MOVED_TO:
                kinds = in_order({*kinds, MOVED})
            extra = move if MOVED in kinds else ()
        if place == ADDED_HERE:
            kinds = (ADDED,)
        label = _label(before.label if before else "", after.label if after else "", place, extra)
        other = ""
        if place == MOVED_FROM:
            other = after.label if after else ""
        elif place == MOVED_TO:
            other = before.label if before else ""
        entries.append(
            RedlineEntry(
                key=node.key,
                section_id=section_id,
                place=place,
                depth=node.depth,
                old_label=before.label if before else "",
                new_label=after.label if after else "",
                old_heading=old_heading,
                new_heading=new_heading,
                old_body=old_body,
                new_body=new_body,
                label=label,
                heading=heading,
                body=body,
                kinds=kinds,
                credits=_credits(label, heading, body, extra),
                moved_by=move,
                other_label=other,
            )
        )
    return Redline(old, new, entries, registry.contributors)
