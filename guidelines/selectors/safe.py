"""Reads of the SAFE reference data: standards with the sections mapped to them, coverage."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from ..models import Disposition, Document, Mapping, Pillar, Section, Standard
from ..rendering.numbering import number_rows
from .documents import DocumentTree, TreeNode
from .mappings import LiveMapping


@dataclass(frozen=True)
class MappedSection:
    document: Document
    key: str
    number: str
    heading: str
    relation: str
    relation_label: str
    note: str


def pillars_with_standards(*, include_removed: bool = False) -> list[Pillar]:
    """Pillars with their standards (``pillar.standards.all()``), without the standards removed
    from the Framework unless ``include_removed`` (history, dispositions, the SAFE page)."""
    standards = Standard.objects.order_by("number")
    if not include_removed:
        standards = standards.filter(is_deleted=False)
    return list(Pillar.objects.prefetch_related(Prefetch("standards", queryset=standards)))


def safe_overview() -> tuple[list[Pillar], dict[int, list[MappedSection]]]:
    """Pillars and standards (removed ones included, shown as removed), and for each standard
    the live sections mapped to it (4 queries)."""
    pillars = pillars_with_standards(include_removed=True)
    mappings = list(
        Mapping.objects.live()
        .filter(section__is_deleted=False)
        .select_related("section__document")
        .order_by("section__document__title", "id")
    )
    document_ids = {m.section.document_id for m in mappings}
    rows = (
        Section.objects.live()
        .filter(document_id__in=document_ids)
        .only("id", "parent_id", "position", "kind", "document_id")
    )
    numbers = number_rows(list(rows))
    by_standard: dict[int, list[MappedSection]] = defaultdict(list)
    for m in mappings:
        numbered = numbers.get(m.section_id)
        by_standard[m.standard_id].append(
            MappedSection(
                document=m.section.document,
                key=m.section.key,
                number=numbered.label if numbered else "",
                heading=m.section.heading,
                relation=m.relation,
                relation_label=m.get_relation_display(),
                note=m.note,
            )
        )
    return pillars, dict(by_standard)


@dataclass(frozen=True)
class CoverageRow:
    node: TreeNode
    cells: list[LiveMapping | None]  # one per standard, in column order
    # the duplication finder's best score (0..1) against each standard's texts, or None
    scores: list[float | None] = field(default_factory=list)
    disposition: Disposition | None = None  # the section's decided phase-two disposition

    @property
    def cells_with_scores(self) -> list[tuple[LiveMapping | None, float | None]]:
        return list(zip(self.cells, self.scores or [None] * len(self.cells), strict=True))


@dataclass(frozen=True)
class CoverageMatrix:
    pillars: list[Pillar]
    standards: list[Standard]
    rows: list[CoverageRow]
    uncovered: list[Standard]

    @property
    def covered_count(self) -> int:
        return len(self.standards) - len(self.uncovered)


def coverage_matrix(
    tree: DocumentTree, *, pillar_number: int | None = None, dispositions: dict | None = None
) -> CoverageMatrix:
    """Sections × standards of one document; which standards no live section covers.

    ``tree`` must come from ``document_tree(..., with_mappings=True)``. Each cell also gets
    the duplication finder's best score between the section and the standard's texts (1 query).
    ``dispositions``: the decided phase-two dispositions by section id
    (``selectors.phase_two``), shown in the rows.
    """
    from .overlaps import best_by_standard

    best = best_by_standard(tree.document)
    pillars = pillars_with_standards()
    standards = [
        s
        for p in pillars
        if pillar_number is None or p.number == pillar_number
        for s in p.standards.all()
    ]
    column = {s.id: i for i, s in enumerate(standards)}
    scored: dict[int, list[float | None]] = {}  # section id -> a score per column (if any)
    for (section_id, standard_id), score in best.items():
        if standard_id in column:
            scored.setdefault(section_id, [None] * len(standards))[column[standard_id]] = score
    covered: set[int] = set()
    rows = []
    dispositions = dispositions or {}
    for node in tree.nodes:
        section_id = node.section.id
        cells: list[LiveMapping | None] = [None] * len(standards)
        for mapping in node.section.live_mappings:
            if mapping.standard_id in column:
                cells[column[mapping.standard_id]] = mapping
                covered.add(mapping.standard_id)
        scores = scored.get(section_id) or [None] * len(standards)
        rows.append(CoverageRow(node, cells, scores, dispositions.get(section_id)))
    uncovered = [s for s in standards if s.id not in covered]
    return CoverageMatrix(pillars, standards, rows, uncovered)
