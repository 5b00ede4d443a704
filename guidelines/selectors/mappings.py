"""A document's live SAFE mappings in one query, without a Standard and a Pillar per row.

``select_related("standard__pillar")`` builds three model instances per mapping (21,004 for a
3,000-section document with 23 standards). Here each row is a tuple, each standard (with its
pillar) is built once from the first row that names it, and each mapping is a small frozen
record that reads like a ``Mapping`` where the pages and the API use one.
"""

from dataclasses import dataclass

from django.utils.encoding import force_str

from ..models import Document, Mapping, MappingRelation, Pillar, Standard

_RELATIONS = dict(MappingRelation.choices)
_STANDARD_FIELDS = list(Standard._meta.concrete_fields)
_PILLAR_FIELDS = [Pillar._meta.get_field(name) for name in ("id", "number", "title")]


@dataclass(frozen=True, slots=True)
class LiveMapping:
    """A live mapping as the document page, the coverage matrix and the API read it."""

    id: int
    section_id: int
    standard_id: int
    relation: str
    note: str
    standard: Standard  # shared by every mapping to it, with its pillar (number and title)

    def get_relation_display(self) -> str:
        return force_str(_RELATIONS.get(self.relation, self.relation), strings_only=True)


def live_mappings_by_section(document: Document) -> dict[int, list[LiveMapping]]:
    """Live mappings of ``document``'s live sections by section id, each list in the standards'
    order (pillar, then standard number), as ``Mapping``'s own ordering gives them (1 query).
    The pillars carry their number and title only (other fields are deferred)."""
    columns = ["id", "section_id", "standard_id", "relation", "note"]
    columns += [f"standard__{f.name}" for f in _STANDARD_FIELDS if f.name != "id"]
    columns += [f"standard__pillar__{f.name}" for f in _PILLAR_FIELDS]
    rows = (
        Mapping.objects.live()
        .filter(section__document=document, section__is_deleted=False)
        .order_by("standard__pillar__number", "standard__number", "id")
        .values_list(*columns)
    )
    standard_names = ["id"] + [f.attname for f in _STANDARD_FIELDS if f.name != "id"]
    pillar_names = [f.attname for f in _PILLAR_FIELDS]
    split = 5 + len(standard_names) - 1
    db = rows.db
    standards: dict[int, Standard] = {}
    by_section: dict[int, list[LiveMapping]] = {}
    for row in rows:
        standard = standards.get(row[2])
        if standard is None:
            values = (row[2], *row[5:split])
            standard = _standard(db, standard_names, values, pillar_names, row[split:])
            standards[row[2]] = standard
        mapping = LiveMapping(row[0], row[1], row[2], row[3], row[4], standard)
        by_section.setdefault(row[1], []).append(mapping)
    return by_section


def _standard(
    db: str, names: list[str], values: tuple, pillar_names: list[str], pillar_values: tuple
) -> Standard:
    """A Standard as the ORM loads one (values in its fields' order), with its pillar."""
    standard = Standard.from_db(db, names, values)
    standard.pillar = Pillar.from_db(db, pillar_names, pillar_values)
    return standard
