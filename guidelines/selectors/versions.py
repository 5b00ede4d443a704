"""Version tokens: the state a page was rendered from, carried by its forms, so that a write can
refuse to overwrite a newer state (a conflict page instead of a silent overwrite).

- A section's text has a counter, ``Section.version``: it is its own token.
- A working document's token is its ``updated_at`` (ISO 8601, to the microsecond).
- The structure around a section and a section's mappings have no counter, so their token is
  computed: ``"<seen>.<digest>"``. ``digest`` hashes exactly the state a write depends on and is
  what the services compare (so the check is exact even if two transactions commit out of the
  order of their history ids); ``seen`` is the newest history row the page knew of, used only
  to tell the person what changed since.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max
from django.utils.translation import gettext as _

from ..models import Mapping, Proposal, ProposalKind, Section, WorkingDocument

K = ProposalKind
STRUCTURE_KINDS = frozenset({K.INSERT, K.MOVE, K.DELETE})
MAPPING_KINDS = frozenset({K.MAP_ADD, K.MAP_REMOVE})
_LISTED = 20  # at most this many changes are listed on a conflict page


def _digest(state: object) -> str:
    return hashlib.sha256(repr(state).encode()).hexdigest()[:20]


def split_token(token: str | None) -> tuple[int | None, str]:
    """``(seen, digest)`` of a computed token; ``(None, "")`` for a missing or tampered one."""
    seen, _dot, digest = (token or "").partition(".")
    return (int(seen) if seen.isdigit() else None), digest


# --- structure ------------------------------------------------------------------------------

StructureRow = tuple[int, int | None, int, bool]  # id, parent_id, position, is_deleted


def _structure_rows(document_id: int) -> list[StructureRow]:
    return list(
        Section.objects.filter(document_id=document_id).values_list(
            "id", "parent_id", "position", "is_deleted"
        )
    )


def _structure_digests(rows: list[StructureRow], section_ids) -> dict[int, str]:
    """What a structure write on a section depends on: its parent and deleted flag, the order
    (and deleted flags) of its level, and of its children. Positions themselves are not part of
    it: closing a gap in the numbering of positions changes nothing a reader sees."""
    by_id = {row[0]: row for row in rows}
    levels: dict[int | None, list[StructureRow]] = defaultdict(list)
    for row in rows:
        levels[row[1]].append(row)

    def level(parent_id: int | None) -> tuple:
        ordered = sorted(levels.get(parent_id, ()), key=lambda r: (r[2], r[0]))
        return tuple((r[0], r[3]) for r in ordered)

    digests = {}
    for pk in section_ids:
        _id, parent_id, _position, deleted = by_id[pk]
        digests[pk] = _digest((parent_id, deleted, level(parent_id), level(pk)))
    return digests


def _structure_seen(document_id: int) -> int:
    latest = Section.history.filter(document_id=document_id).aggregate(m=Max("history_id"))["m"]
    return latest or 0


def structure_digest(section: Section, *, target: Section | None = None) -> str:
    """The digest alone, read now (services call it while they hold the structure lock). With
    ``target`` (a move next to or into it), the structure around the target counts too: a move
    must not land where the target has gone since."""
    ids = [section.pk] if target is None else [section.pk, target.pk]
    digests = _structure_digests(_structure_rows(section.document_id), ids)
    if target is None:
        return digests[section.pk]
    return _digest((digests[section.pk], digests[target.pk]))


def structure_versions(document_id: int, section_ids) -> dict[int, str]:
    """Structure tokens of several sections of one document (two queries)."""
    seen = _structure_seen(document_id)
    digests = _structure_digests(_structure_rows(document_id), list(section_ids))
    return {pk: f"{seen}.{digest}" for pk, digest in digests.items()}


def structure_version(section: Section, *, target: Section | None = None) -> str:
    """The token a structure form carries: move, indent, outdent, restore, delete, insert (and
    with ``target``, a move next to or into another section)."""
    if target is None:
        return structure_versions(section.document_id, [section.pk])[section.pk]
    return f"{_structure_seen(section.document_id)}.{structure_digest(section, target=target)}"


@dataclass(frozen=True)
class Change:
    """One recorded change, as a conflict page lists it: who, when, why, and on what."""

    who: str
    when: datetime
    reason: str
    what: str


def _who(row) -> str:
    user = row.history_user
    return user.display_name() if user is not None else ""


def _dedupe(changes: list[Change]) -> list[Change]:
    """One line per operation: a move writes a row for every sibling it renumbers."""
    kept: list[Change] = []
    for change in changes:
        if kept and (kept[-1].who, kept[-1].reason) == (change.who, change.reason):
            continue
        kept.append(change)
    return kept[-_LISTED:]


def structure_changes_since(section: Section, token: str | None) -> list[Change]:
    """Changes of place (moved, indented, added, deleted, restored) at the section's level or
    under it, recorded after the page's token was taken, oldest first."""
    seen, _digest_part = split_token(token)
    if seen is None:
        return []
    rows = list(
        Section.history.filter(document_id=section.document_id, history_id__gt=seen)
        .select_related("history_user")
        .order_by("history_id")
    )
    ids = {row.id for row in rows}
    latest = (
        Section.history.filter(id__in=ids, history_id__lte=seen)
        .values("id")
        .annotate(last=Max("history_id"))
        .values("last")
    )
    before = {
        pk: (parent_id, position, deleted)
        for pk, parent_id, position, deleted in Section.history.filter(
            history_id__in=latest
        ).values_list("id", "parent_id", "position", "is_deleted")
    }
    mine = before.get(section.pk)
    parents = {section.parent_id, section.pk, mine[0] if mine else section.parent_id}
    changes = []
    for row in rows:
        state = (row.parent_id, row.position, row.is_deleted)
        previous = before.get(row.id)
        before[row.id] = state
        if previous == state:
            continue  # a change of text, not of place
        old_parent = previous[0] if previous else row.parent_id
        if row.id == section.pk or row.parent_id in parents or old_parent in parents:
            changes.append(Change(_who(row), row.history_date, row.history_change_reason or "",
                                  row.heading))  # fmt: skip
    return _dedupe(changes)


def text_changes_since(section: Section, version: int | None) -> list[Change]:
    """The versions of the section's text after ``version`` (all of them if it is unknown)."""
    rows = (
        section.history.filter(version__gt=version or 0)
        .select_related("history_user")
        .order_by("history_id")
    )
    changes = [
        Change(_who(row), row.history_date, row.history_change_reason or "", row.heading)
        for row in rows
    ]
    return changes[-_LISTED:]


# --- mappings -------------------------------------------------------------------------------


def mappings_digest(section: Section) -> str:
    live = Mapping.objects.live().filter(section_id=section.pk).order_by("id")
    return _digest(tuple(live.values_list("id", "standard_id", "relation", "note")))


def mapping_digest(mapping: Mapping) -> str:
    return _digest((mapping.section_id, mapping.standard_id, mapping.relation, mapping.note,
                    mapping.is_deleted))  # fmt: skip


def mapping_version(mapping: Mapping) -> str:
    """The token of one mapping, for the admin's change form."""
    seen = mapping.history.aggregate(m=Max("history_id"))["m"]
    return f"{seen or 0}.{mapping_digest(mapping)}"


def mappings_version(section: Section) -> str:
    """The token a form deciding on the section's SAFE mappings carries."""
    seen = Mapping.history.filter(section_id=section.pk).aggregate(m=Max("history_id"))["m"]
    return f"{seen or 0}.{mappings_digest(section)}"


def mapping_changes_since(section: Section, token: str | None) -> list[Change]:
    seen, _digest_part = split_token(token)
    if seen is None:
        return []
    rows = (
        Mapping.history.filter(section_id=section.pk, history_id__gt=seen)
        .select_related("history_user", "standard__pillar")
        .order_by("history_id")
    )
    changes = []
    for row in rows:
        what = f"{row.standard.code} ({row.get_relation_display()})"
        if row.is_deleted:
            what = _("%(mapping)s, removed") % {"mapping": what}
        changes.append(Change(_who(row), row.history_date, row.history_change_reason or "", what))
    return changes[-_LISTED:]


# --- working documents ----------------------------------------------------------------------


def working_document_version(working: WorkingDocument) -> str:
    return working.updated_at.isoformat()


def _parse(token: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(token or "")
    except ValueError:
        return None


def working_document_changes_since(
    working: WorkingDocument, token: str | None, fields
) -> tuple[list[Change], list[str]]:
    """The saves after the page's version (who, when, why), and the labels of the ``fields``
    that differ between that version and now."""
    since = _parse(token)
    if since is None:
        return [], []
    rows = list(
        working.history.filter(updated_at__gt=since)
        .select_related("history_user")
        .order_by("history_id")
    )
    changes = [
        Change(_who(row), row.history_date, row.history_change_reason or "", row.reference)
        for row in rows
    ]
    old = working.history.filter(updated_at=since).order_by("-history_id").first()
    labels = []
    for name in fields if old is not None else ():
        field = WorkingDocument._meta.get_field(name)
        if getattr(old, field.attname) != getattr(working, field.attname):
            labels.append(str(field.verbose_name))
    return changes[-_LISTED:], labels


# --- decisions on proposals -----------------------------------------------------------------


def decision_versions(proposal: Proposal, section: Section) -> dict[str, object]:
    """What the accept form of a proposal page carries: the section's version always, and the
    structure or mappings token for proposals that change those."""
    versions: dict[str, object] = {"section_version": section.version}
    if proposal.kind == K.MOVE and proposal.target_id:
        versions["structure_version"] = structure_version(section, target=proposal.target)
    elif proposal.kind in STRUCTURE_KINDS:
        versions["structure_version"] = structure_version(section)
    if proposal.kind in MAPPING_KINDS:
        versions["mappings_version"] = mappings_version(section)
    if proposal.kind == K.DISPOSE:  # a phase-two disposition
        from .phase_two import disposition_version

        versions["disposition_version"] = disposition_version(section)
    return versions
