"""Reads of the duplication finder's results (``Overlap`` rows), for the section's overlaps
page, the redundant pairs list and the coverage matrix's shading.

Rows pointing at a deleted section, a removed Framework text or a text of a standard removed
from the Framework are left out (the next recomputation drops them)."""

from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet

from ..models import Document, FrameworkText, Overlap, OverlapSource, Section
from .documents import DocumentTree

DEFAULT_THRESHOLD = 50  # % for the redundant pairs list


@dataclass(frozen=True)
class OverlapItem:
    overlap: Overlap
    section_label: str  # "3.2 Heading"
    other_label: str  # "P1.S6 TS 1.2: title" or "3.2 Heading"
    other_key: str  # the other section's key ("" for a Framework text)
    pillar: int | None  # the Framework text's pillar and standard numbers, for the SAFE page
    standard: int | None

    @property
    def percent(self) -> int:
        return round(self.overlap.score * 100)


def live_overlaps(
    queryset: QuerySet[Overlap], *, removed_standards: bool = False
) -> QuerySet[Overlap]:
    """The rows of ``queryset`` between live sections and live Framework texts (a deletion or
    removal since the finder last ran leaves stale rows until it runs again), with what their
    labels need. ``removed_standards``: keep the texts of standards removed from the Framework
    (the integration report flags them)."""
    framework = Q(source=OverlapSource.FRAMEWORK, framework_text__is_deleted=False)
    if not removed_standards:
        framework &= Q(framework_text__standard__is_deleted=False)
    return queryset.filter(
        Q(source=OverlapSource.SECTION, other_section__is_deleted=False) | framework,
        section__is_deleted=False,
    ).select_related("section", "framework_text__standard__pillar", "other_section")


def framework_label(text: FrameworkText) -> str:
    code = text.standard.code + (f" TS {text.spec}" if text.spec else "")
    return f"{code}: {text.title or text.standard.title}"


def _label(section: Section, numbers: dict[int, str]) -> str:
    return f"{numbers.get(section.pk, '')} {section.heading}".strip()


def _item(overlap: Overlap, numbers: dict[int, str]) -> OverlapItem:
    mine = _label(overlap.section, numbers)
    if overlap.source == OverlapSource.FRAMEWORK:
        text = overlap.framework_text
        standard = text.standard
        label = framework_label(text)
        return OverlapItem(overlap, mine, label, "", standard.pillar.number, standard.number)
    other = overlap.other_section
    return OverlapItem(overlap, mine, _label(other, numbers), other.key, None, None)


def _numbers(tree: DocumentTree) -> dict[int, str]:
    return {node.section.pk: node.label for node in tree.nodes}


def framework_text_exists() -> bool:
    return FrameworkText.objects.live().exists()


def section_overlaps(section: Section, tree: DocumentTree) -> list[OverlapItem]:
    """What says the same as ``section``, best first (1 query)."""
    rows = live_overlaps(Overlap.objects.filter(section=section)).order_by(
        "-score", "language", "id"
    )
    numbers = _numbers(tree)
    return [_item(row, numbers) for row in rows]


def redundant_pairs(tree: DocumentTree, threshold: float) -> list[OverlapItem]:
    """The pairs of the document scoring at least ``threshold`` (0..1), best first; a pair of
    sections once (its better direction and language), a section and a Framework text once
    (its best language: the text in English and in French is one text) (1 query)."""
    rows = live_overlaps(
        Overlap.objects.filter(document=tree.document, score__gte=threshold)
    ).order_by("-score", "section_id", "id")
    numbers = _numbers(tree)
    seen: set = set()
    items = []
    for row in rows:
        if row.source == OverlapSource.SECTION:
            key = ("s", *sorted((row.section_id, row.other_section_id)))
        else:
            text = row.framework_text
            key = ("f", row.section_id, text.standard_id, text.spec)
        if key in seen:
            continue
        seen.add(key)
        items.append(_item(row, numbers))
    return items


def best_by_standard(document: Document) -> dict[tuple[int, int], float]:
    """(section id, standard id) → the best score between the section and that standard's
    live texts, in any language (1 query)."""
    rows = (
        live_overlaps(Overlap.objects.filter(document=document, source=OverlapSource.FRAMEWORK))
        .values("section_id", "framework_text__standard_id")
        .annotate(best=Max("score"))
        .order_by()
    )
    return {(r["section_id"], r["framework_text__standard_id"]): r["best"] for r in rows}
