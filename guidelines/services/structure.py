"""Writes on the shape of a document: insert, move, indent, outdent, delete, restore.

Numbers are never stored: they follow from ``parent`` and ``position``. Every change of either
is a history row with a reason, so a past tree can be rebuilt. Keys never change.

Concurrency: every write here takes the document's structure lock, then checks
``expected_version``, the structure token of the section acted on as the page showed it
(``selectors.versions.structure_version``). A structure conflict means: since the page was
rendered, the section changed parent or was deleted or restored, or a section was added, moved,
deleted or restored at its level or directly under it. Then ``StructureConflict`` is raised and
nothing moves: "up", "indent" or "after this one" would no longer mean what the person saw.
Changes of text elsewhere are not conflicts.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from ..models import Section, SectionKind
from .documents import section_create
from .history import save_versioned
from .sections import clean_text, validate_body
from .versions import check_structure, structure_lock

UP, DOWN = "up", "down"
BEFORE, AFTER, CHILD = "before", "after", "child"


def _siblings(document_id: int, parent_id: int | None) -> list[Section]:
    """All siblings (deleted ones too, so their place is kept), in order, locked for update."""
    return list(
        Section.objects.select_for_update()
        .filter(document_id=document_id, parent_id=parent_id)
        .order_by("position", "id")
    )


def _reposition(ordered: list[Section], *, user, reason: str, gap_at: int | None = None) -> None:
    """Give ``ordered`` the positions 0, 1, 2 … (skipping ``gap_at``, kept for a new section),
    writing history only for the sections whose position changed."""
    moved, now = [], timezone.now()
    for index, section in enumerate(ordered):
        wanted = index + 1 if gap_at is not None and index >= gap_at else index
        if section.position != wanted:
            section.position = wanted
            section.updated_at = now  # a new place is a change (the API's ETag follows it)
            moved.append(section)
    if moved:
        bulk_update_with_history(
            moved, Section, ["position", "updated_at"], default_user=user,
            default_change_reason=reason,
        )  # fmt: skip


def _locked(section: Section) -> Section:
    current = Section.objects.select_for_update().get(pk=section.pk)
    if current.is_deleted:
        raise ValidationError(_("This section is deleted: restore it first."), code="deleted")
    return current


def section_insert(
    *,
    anchor: Section | None,
    document,
    where: str,
    heading: str,
    body: str,
    kind: str = SectionKind.SECTION,
    user,
    reason: str,
    expected_version: str | None,
    proposal=None,
) -> Section:
    """Add a section before or after ``anchor``, as its last child, or (no anchor: nothing to
    compare ``expected_version`` with) at the end of the document."""
    heading, body = clean_text(heading).strip(), clean_text(body)
    validate_body(body)
    new = {
        "document": document,
        "heading": heading,
        "body": body,
        "kind": kind,
        "user": user,
        "reason": reason,
        "proposal": proposal,
    }
    with transaction.atomic():
        if anchor is None:
            return section_create(**new)
        structure_lock(anchor.document_id)
        check_structure(anchor, expected_version)
        anchor = _locked(anchor)
        if where == CHILD:
            return section_create(parent=anchor, **new)
        if where not in (BEFORE, AFTER):
            raise ValidationError(_("Choose where the new section goes."))
        siblings = _siblings(document.pk, anchor.parent_id)
        index = next(i for i, s in enumerate(siblings) if s.pk == anchor.pk)
        index += 1 if where == AFTER else 0
        _reposition(siblings, user=user, reason=reason, gap_at=index)
        return section_create(parent=anchor.parent, position=index, **new)


def _descendant_ids(section: Section) -> set[int]:
    rows = list(
        Section.objects.filter(document_id=section.document_id).values_list("id", "parent_id")
    )
    found, frontier = set(), {section.pk}
    while frontier:
        frontier = {child for child, parent in rows if parent in frontier} - found
        found |= frontier
    return found


def section_place(
    *,
    section: Section,
    target: Section,
    where: str,
    user,
    reason: str,
    expected_version: str | None,
    proposal=None,
) -> Section:
    """Move ``section`` (with what is under it) before, after or inside ``target``
    (``expected_version``: the structure token of ``section`` with ``target``)."""
    with transaction.atomic():
        structure_lock(section.document_id)
        check_structure(section, expected_version, target=target)
        section, target = _locked(section), _locked(target)
        if target.pk == section.pk or target.pk in _descendant_ids(section):
            raise ValidationError(_("A section cannot be moved next to or into itself."))
        old_siblings = [
            s for s in _siblings(section.document_id, section.parent_id) if s.pk != section.pk
        ]
        _reposition(old_siblings, user=user, reason=reason)
        if where == CHILD:
            parent_id, index = target.pk, len(_siblings(section.document_id, target.pk))
            new_siblings = []
        else:
            parent_id = target.parent_id
            new_siblings = [
                s for s in _siblings(section.document_id, parent_id) if s.pk != section.pk
            ]
            index = next(i for i, s in enumerate(new_siblings) if s.pk == target.pk)
            index += 1 if where == AFTER else 0
        _reposition(new_siblings, user=user, reason=reason, gap_at=index)
        section.parent_id, section.position = parent_id, index
        return save_versioned(section, user=user, reason=reason, proposal=proposal)


def section_move(
    *, section: Section, direction: str, user, expected_version: str | None, reason: str = ""
) -> Section:
    """Swap the section with its previous (up) or next (down) live sibling."""
    with transaction.atomic():
        structure_lock(section.document_id)
        check_structure(section, expected_version)
        section = _locked(section)
        siblings = _siblings(section.document_id, section.parent_id)
        index = next(i for i, s in enumerate(siblings) if s.pk == section.pk)
        step = -1 if direction == UP else 1
        target = index + step
        while 0 <= target < len(siblings) and siblings[target].is_deleted:
            target += step
        if not 0 <= target < len(siblings):
            raise ValidationError(_("The section is already at the edge of its level."))
        me = siblings.pop(index)
        siblings.insert(target, me)
        label = _("Moved up") if direction == UP else _("Moved down")
        _reposition(siblings, user=user, reason=reason or f"{label}: {section.heading}")
        return next(s for s in siblings if s.pk == section.pk)


def section_indent(
    *, section: Section, user, expected_version: str | None, reason: str = ""
) -> Section:
    """Make the section the last child of its previous live sibling."""
    with transaction.atomic():
        structure_lock(section.document_id)
        check_structure(section, expected_version)
        section = _locked(section)
        siblings = _siblings(section.document_id, section.parent_id)
        index = next(i for i, s in enumerate(siblings) if s.pk == section.pk)
        previous = next((s for s in reversed(siblings[:index]) if not s.is_deleted), None)
        if previous is None:
            raise ValidationError(_("The first section of a level cannot be indented."))
        reason = reason or _("Indented under %(heading)s") % {"heading": previous.heading}
        children = _siblings(section.document_id, previous.pk)
        section.parent, section.position = previous, len(children)
        save_versioned(section, user=user, reason=reason)
        _reposition([s for s in siblings if s.pk != section.pk], user=user, reason=reason)
        return section


def section_outdent(
    *, section: Section, user, expected_version: str | None, reason: str = ""
) -> Section:
    """Make the section the next sibling of its parent."""
    with transaction.atomic():
        structure_lock(section.document_id)
        check_structure(section, expected_version)
        section = _locked(section)
        if section.parent_id is None:
            raise ValidationError(_("A top-level section cannot be outdented."))
        parent = Section.objects.get(pk=section.parent_id)
        reason = reason or _("Outdented out of %(heading)s") % {"heading": parent.heading}
        old_siblings = [s for s in _siblings(section.document_id, parent.pk) if s.pk != section.pk]
        new_siblings = _siblings(section.document_id, parent.parent_id)
        index = next(i for i, s in enumerate(new_siblings) if s.pk == parent.pk) + 1
        section.parent_id = parent.parent_id
        section.position = index
        save_versioned(section, user=user, reason=reason)
        _reposition(old_siblings, user=user, reason=reason)
        _reposition(
            [*new_siblings[:index], section, *new_siblings[index:]], user=user, reason=reason
        )
        return section


def section_delete(
    *, section: Section, user, reason: str, expected_version: str | None, proposal=None
) -> Section:
    """Soft delete: the section (and what is under it) leaves the text, stays in history."""
    with transaction.atomic():
        structure_lock(section.document_id)
        check_structure(section, expected_version)
        section = _locked(section)
        section.is_deleted, section.deleted_at = True, timezone.now()
        section.deleted_by = user if getattr(user, "is_authenticated", False) else None
        return save_versioned(section, user=user, reason=reason, proposal=proposal)


def section_restore(
    *, section: Section, user, expected_version: str | None, reason: str = ""
) -> Section:
    """Bring a deleted section back where it was (its parent must be present)."""
    with transaction.atomic():
        structure_lock(section.document_id)
        check_structure(section, expected_version)
        section = Section.objects.select_for_update().get(pk=section.pk)
        if not section.is_deleted:
            return section
        if (
            section.parent_id
            and Section.objects.filter(pk=section.parent_id, is_deleted=True).exists()
        ):
            raise ValidationError(_("Its parent section is deleted too: restore the parent first."))
        section.is_deleted, section.deleted_at, section.deleted_by = False, None, None
        return save_versioned(section, user=user, reason=reason or _("Restored the section"))
