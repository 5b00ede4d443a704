"""Reads of versions: a section's history, two versions compared, the document's activity."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from ..models import Document, Section
from ..rendering.diff import Segment, TextDiff, diff_text, diff_words

_ROW_FIELDS = (
    "history_id", "history_date", "history_change_reason", "history_type", "version", "heading",
    "key", "parent_id", "position", "is_deleted", "history_user__username",
    "history_user__first_name", "history_user__last_name", "history_user__delegation__name",
    "proposal__id", "proposal__author__username", "proposal__author__first_name",
    "proposal__author__last_name", "proposal__delegation__name",
)  # fmt: skip


def section_get(document: Document, key: str) -> Section:
    """The section with this key, deleted or not (404 if there never was one)."""
    try:
        return Section.objects.get(document=document, key=key)
    except Section.DoesNotExist:
        raise Http404("No such section.") from None


def section_versions(section: Section) -> QuerySet:
    """Every history row of the section, newest first, with who made it (2 queries a page)."""
    return (
        section.history.select_related(
            "history_user__delegation", "proposal__author", "proposal__delegation"
        )
        .only(*_ROW_FIELDS)
        .order_by("-history_id")
    )


def section_history(document: Document, key: str):
    section = section_get(document, key)
    return section, section_versions(section)


def version_with_number(section: Section, version: int | None):
    """The latest history row carrying text version ``version`` (None if there is none)."""
    if version is None:
        return None
    return section.history.filter(version=version).order_by("-history_id").first()


def past_version(section: Section, history_id: int):
    """One history row of the section by id (None if it is not one of the section's)."""
    return section.history.filter(history_id=history_id).first()


def deleted_sections(document: Document) -> list[Section]:
    return list(
        Section.objects.deleted()
        .for_document(document)
        .select_related("deleted_by")
        .order_by("-deleted_at")
    )


# At most this many changes are listed between two compared versions (the newest ones).
STEPS_SHOWN = 50


@dataclass(frozen=True)
class Comparison:
    old: object  # a history row
    new: object
    heading: list[Segment]
    body: TextDiff
    old_parent: str | None
    new_parent: str | None
    # The latest history rows after ``old`` up to ``new``, oldest first (at most STEPS_SHOWN,
    # without their text): who changed it, and why; ``earlier_steps`` more are not listed.
    steps: tuple = ()
    earlier_steps: int = 0

    @property
    def step_count(self) -> int:
        return len(self.steps) + self.earlier_steps

    @property
    def heading_changed(self) -> bool:
        return self.old.heading != self.new.heading

    @property
    def moved(self) -> bool:
        return (self.old.parent_id, self.old.position) != (self.new.parent_id, self.new.position)


def section_compare(section: Section, old_id: int, new_id: int) -> Comparison:
    """Any two versions of a section, by history id (404 for an id of another section).
    3 queries (4 when more than STEPS_SHOWN changes lie between them): the two versions, the
    latest changes between them without their text, the parents' headings."""
    low, high = sorted((old_id, new_id))
    who = ("history_user__delegation", "proposal__author", "proposal__delegation")
    rows = {
        row.history_id: row
        for row in section.history.filter(history_id__in={low, high}).select_related(*who)
    }
    if old_id not in rows or new_id not in rows:
        raise Http404("No such version.")
    old, new = rows[old_id], rows[new_id]
    steps, earlier = (), 0
    if old_id < new_id:
        between = (
            section.history.filter(history_id__gt=low, history_id__lt=high)
            .select_related(*who)
            .only(*_ROW_FIELDS)
        )
        latest = list(between.order_by("-history_id")[:STEPS_SHOWN])
        if len(latest) == STEPS_SHOWN:  # the new version is listed too: one row less
            earlier = between.count() - (STEPS_SHOWN - 1)
            latest = latest[: STEPS_SHOWN - 1]
        steps = (*reversed(latest), new)
    parents = dict(
        Section.objects.filter(pk__in={old.parent_id, new.parent_id} - {None}).values_list(
            "pk", "heading"
        )
    )
    return Comparison(
        old=old,
        new=new,
        heading=diff_words(old.heading, new.heading),
        body=diff_text(old.body, new.body),
        old_parent=parents.get(old.parent_id),
        new_parent=parents.get(new.parent_id),
        steps=steps,
        earlier_steps=earlier,
    )


def section_changes_between(document: Document, old_at, new_at, section_ids) -> dict[int, list]:
    """History rows of these sections made after ``old_at`` up to ``new_at`` (None: up to
    now), oldest first, by section id: who changed each section between two drafts, and why
    (1 query for any number of sections)."""
    if not section_ids:
        return {}
    rows = Section.history.filter(document_id=document.pk, id__in=list(section_ids))
    if old_at is not None:
        rows = rows.filter(history_date__gt=old_at)
    if new_at is not None:
        rows = rows.filter(history_date__lte=new_at)
    changes: dict[int, list] = {}
    for row in (
        rows.select_related("history_user__delegation", "proposal__author", "proposal__delegation")
        .only(*_ROW_FIELDS, "id")
        .order_by("history_date", "history_id")
    ):
        changes.setdefault(row.id, []).append(row)
    return changes


def document_activity(document: Document, *, username: str = "", delegation: str = "") -> QuerySet:
    """Latest changes across all sections of the document, newest first."""
    rows = (
        Section.history.filter(document_id=document.pk)
        .select_related("history_user__delegation", "proposal__author", "proposal__delegation")
        .only(*_ROW_FIELDS)
        .order_by("-history_id")
    )
    if username:
        rows = rows.filter(history_user__username=username)
    if delegation:
        rows = rows.filter(history_user__delegation__code=delegation)
    return rows
