"""The document as of a milestone (or now), and a document-wide comparison of two of them."""

import difflib
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Document, Mapping, Milestone, Section
from ..rendering.diff import Segment, TextDiff, diff_text, diff_words
from .documents import DocumentTree, build_tree, document_tree
from .history import section_changes_between
from .mappings import live_mappings_by_section


class ChangeKind(models.TextChoices):
    """What happened to a section between two drafts, in the order a reader is told."""

    ADDED = "added", gettext_lazy("added")
    DELETED = "deleted", gettext_lazy("deleted")
    MOVED = "moved", gettext_lazy("moved")
    RENUMBERED = "renumbered", gettext_lazy("renumbered")
    CHANGED = "changed", gettext_lazy("changed")


ADDED, DELETED, MOVED, RENUMBERED, CHANGED = (
    ChangeKind.ADDED, ChangeKind.DELETED, ChangeKind.MOVED, ChangeKind.RENUMBERED,
    ChangeKind.CHANGED,
)  # fmt: skip


def in_order(kinds) -> tuple[ChangeKind, ...]:
    """Kinds of change in their fixed order (so equal inputs give equal output)."""
    return tuple(kind for kind in ChangeKind if kind in kinds)


@dataclass(frozen=True)
class Snapshot:
    document: Document
    label: str
    milestone: Milestone | None
    tree: DocumentTree


def milestone_get(document: Document, pk) -> Milestone:
    try:
        return Milestone.objects.select_related("created_by__delegation").get(
            document=document, pk=pk
        )
    except (Milestone.DoesNotExist, ValueError, TypeError):
        raise Http404("No such milestone.") from None


def snapshot_current(document: Document) -> Snapshot:
    return Snapshot(document, _("Current text"), None, document_tree(document))


def snapshot_of(milestone: Milestone) -> Snapshot:
    """Every section as it stood at the milestone's instant (one query)."""
    rows = Section.history.filter(
        document_id=milestone.document_id, history_date__lte=milestone.taken_at
    ).latest_of_each()
    live = [r for r in rows if r.history_type != "-" and not r.is_deleted]
    return Snapshot(
        milestone.document, milestone.name, milestone, build_tree(milestone.document, live)
    )


def snapshot_for(document: Document, ref: str | None) -> Snapshot:
    """``ref``: a milestone id, or empty / "current" for the current text."""
    if not ref or ref == "current":
        return snapshot_current(document)
    return snapshot_of(milestone_get(document, ref))


def mappings_as_of(snapshot: Snapshot) -> dict[int, list]:
    """Live mappings per section id at the snapshot (historical rows, or for the current text
    ``selectors.mappings.LiveMapping`` records), each list in the standards' order."""
    if snapshot.milestone is None:
        return live_mappings_by_section(snapshot.document)
    ids = [n.section.id for n in snapshot.tree.nodes]
    rows = [
        r
        for r in Mapping.history.filter(
            section_id__in=ids, history_date__lte=snapshot.milestone.taken_at
        )
        .latest_of_each()
        .select_related("standard__pillar")
        if r.history_type != "-" and not r.is_deleted
    ]
    by_section: dict[int, list] = {}
    for row in rows:
        by_section.setdefault(row.section_id, []).append(row)
    for items in by_section.values():
        items.sort(key=lambda m: (m.standard.pillar.number, m.standard.number))
    return by_section


@dataclass(frozen=True)
class SectionChange:
    key: str
    old_label: str
    new_label: str
    heading: str
    statuses: tuple[ChangeKind, ...]
    heading_diff: list[Segment] | None
    body_diff: TextDiff | None
    chapter: str
    section_id: int = 0
    body: str = ""  # the text as it stands (for a deleted section: as it stood)

    @property
    def changed(self) -> bool:
        return bool(self.statuses)


@dataclass
class ChapterSummary:
    chapter: str
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentComparison:
    old: Snapshot
    new: Snapshot
    entries: list[SectionChange]
    chapters: list[ChapterSummary]

    @property
    def changed_entries(self) -> list[SectionChange]:
        return [e for e in self.entries if e.changed]


def _chapter(node) -> str:
    while node.parent is not None:
        node = node.parent
    return f"{node.label} {node.section.heading}".strip()


def document_compare(old: Snapshot, new: Snapshot) -> DocumentComparison:
    """Sections added, deleted, moved, renumbered and changed (word by word) between two
    snapshots; sections are matched by their identity, so renumbering is not a change of text."""
    old_by_id = {n.section.id: n for n in old.tree.nodes}
    new_by_id = {n.section.id: n for n in new.tree.nodes}
    entries: list[SectionChange] = []
    emitted_deleted: set[int] = set()

    def deleted_entry(node) -> SectionChange:
        emitted_deleted.add(node.section.id)
        return SectionChange(
            node.key,
            node.label,
            "",
            node.section.heading,
            (DELETED,),
            None,
            diff_text(node.section.body, ""),
            _chapter(node),
            section_id=node.section.id,
            body=node.section.body,
        )

    old_order = [n.section.id for n in old.tree.nodes]
    common = old_by_id.keys() & new_by_id.keys()
    moved = _moved(old.tree, new.tree, common)
    for node in new.tree.nodes:
        section = node.section
        before = old_by_id.get(section.id)
        if before is None:
            entries.append(
                SectionChange(
                    node.key,
                    "",
                    node.label,
                    section.heading,
                    (ADDED,),
                    None,
                    diff_text("", section.body),
                    _chapter(node),
                    section_id=section.id,
                    body=section.body,
                )
            )
            continue
        statuses = set()
        heading_diff = body_diff = None
        if before.section.heading != section.heading:
            statuses.add(CHANGED)
            heading_diff = diff_words(before.section.heading, section.heading)
        if before.section.body != section.body:
            statuses.add(CHANGED)
            body_diff = diff_text(before.section.body, section.body)
        if section.id in moved:
            statuses.add(MOVED)
        if before.label != node.label:
            statuses.add(RENUMBERED)
        entries.append(
            SectionChange(
                node.key,
                before.label,
                node.label,
                section.heading,
                in_order(statuses),
                heading_diff,
                body_diff,
                _chapter(node),
                section_id=section.id,
                body=section.body,
            )
        )
        # Deleted sections that came right after this one in the old text follow it here.
        index = old_order.index(section.id) + 1
        while index < len(old_order) and old_order[index] not in new_by_id:
            entries.append(deleted_entry(old_by_id[old_order[index]]))
            index += 1
    for section_id in old_order:  # deleted ones at the very start of the old text
        if section_id not in new_by_id and section_id not in emitted_deleted:
            entries.insert(0, deleted_entry(old_by_id[section_id]))
    summaries: OrderedDict[str, ChapterSummary] = OrderedDict()
    for entry in entries:
        summary = summaries.setdefault(entry.chapter, ChapterSummary(entry.chapter))
        for status in entry.statuses:
            summary.counts[status] = summary.counts.get(status, 0) + 1
    return DocumentComparison(old, new, entries, list(summaries.values()))


def _siblings(tree: DocumentTree, common: set[int]) -> dict[int | None, list[int]]:
    groups: dict[int | None, list[int]] = {}
    for node in tree.nodes:
        if node.section.id in common:
            groups.setdefault(node.section.parent_id, []).append(node.section.id)
    return groups


def _moved(old: DocumentTree, new: DocumentTree, common: set[int]) -> set[int]:
    """Sections present on both sides that were moved: put under another parent, or taken out
    of the order their siblings kept (the longest run of siblings in the same order stays; a
    section inserted before another only renumbers it)."""
    parent_before = {n.section.id: n.section.parent_id for n in old.nodes}
    moved: set[int] = set()
    old_groups, new_groups = _siblings(old, common), _siblings(new, common)
    for node in new.nodes:
        section_id = node.section.id
        if section_id in common and parent_before[section_id] != node.section.parent_id:
            moved.add(section_id)
    for parent, siblings in new_groups.items():
        staying = [i for i in siblings if i not in moved]
        before = [i for i in old_groups.get(parent, []) if i in staying]
        matcher = difflib.SequenceMatcher(None, before, staying, autojunk=False)
        kept = {before[b.a + k] for b in matcher.get_matching_blocks() for k in range(b.size)}
        moved.update(i for i in staying if i not in kept)
    return moved


def who_changed(comparison: DocumentComparison) -> dict[int, list]:
    """For each changed section of the comparison, the history rows between the two drafts
    (who changed it, when, why), by section id (1 query; none when nothing changed)."""
    instants = [
        s.milestone.taken_at if s.milestone is not None else None
        for s in (comparison.old, comparison.new)
    ]
    if instants == [None, None]:
        return {}
    earlier, later = sorted(instants, key=lambda at: (at is None, at))
    ids = {e.section_id for e in comparison.changed_entries}
    return section_changes_between(comparison.old.document, earlier, later, ids)
