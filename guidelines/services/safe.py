"""Writes on the SAFE reference data and on section-to-standard mappings.

A mapping write locks its section's row and checks ``expected_version``, the section's mappings
token as the page showed it (``selectors.versions.mappings_version``): if a mapping of the
section was added, removed or changed since, ``MappingConflict`` and nothing is written.
"""

from django.db import transaction

from ..models import Mapping, Pillar, Section, Standard
from .history import changed_fields, save_versioned, snapshot
from .versions import check_mappings


def pillar_upsert(
    *, number: int, title: str, description: str = "", added_in: int | None = None,
    verified: bool = False, user, reason: str,
) -> Pillar:  # fmt: skip
    """Create the pillar, or update its fields; an unchanged pillar writes no history row."""
    with transaction.atomic():
        pillar = Pillar.objects.filter(number=number).first()
        values = {"title": title, "description": description, "added_in": added_in,
                  "verified": verified}  # fmt: skip
        if pillar is None:
            return save_versioned(Pillar(number=number, **values), user=user, reason=reason)
        before = snapshot(pillar, list(values))
        for name, value in values.items():
            setattr(pillar, name, value)
        if changed_fields(pillar, before):
            save_versioned(pillar, user=user, reason=reason)
        return pillar


def standard_upsert(
    *, pillar: Pillar, number: int, title: str, tier: str = "", user, reason: str
) -> Standard:
    with transaction.atomic():
        standard = Standard.objects.filter(pillar=pillar, number=number).first()
        if standard is None:
            standard = Standard(pillar=pillar, number=number, title=title, tier=tier)
            return save_versioned(standard, user=user, reason=reason)
        before = snapshot(standard, ["title", "tier"])
        standard.title, standard.tier = title, tier
        if changed_fields(standard, before):
            save_versioned(standard, user=user, reason=reason)
        return standard


def mapping_create(
    *,
    section: Section,
    standard: Standard,
    relation: str,
    note: str = "",
    user,
    reason: str,
    expected_version: str | None,
) -> Mapping:
    """Map a section to a standard. Mapping the same pair twice is refused by validation."""
    with transaction.atomic():
        section = Section.objects.select_for_update().get(pk=section.pk)
        check_mappings(section, expected_version)
        mapping = Mapping(section=section, standard=standard, relation=relation, note=note)
        return save_versioned(mapping, user=user, reason=reason)


def mapping_remove(*, mapping: Mapping, user, reason: str, expected_version: str | None) -> Mapping:
    """Soft-remove a mapping: it leaves the coverage matrix but stays in history."""
    with transaction.atomic():
        section = Section.objects.select_for_update().get(pk=mapping.section_id)
        check_mappings(section, expected_version)
        mapping = Mapping.objects.select_for_update().get(pk=mapping.pk)  # after the section
        if mapping.is_deleted:
            return mapping
        mapping.is_deleted = True
        return save_versioned(mapping, user=user, reason=reason)
