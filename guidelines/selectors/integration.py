"""The phase-two integration report as values: every live section of a document in reading
order with its decided disposition, the target standard, what it duplicates, and the overlaps
the duplication finder found. Read in a fixed number of queries, whatever the number of
sections (the exports in exports/integration*.py and the working document's annex use it)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Disposition,
    DispositionChoice,
    Document,
    IntegrateAs,
    Overlap,
    OverlapSource,
    Proposal,
    ProposalKind,
    ProposalStatus,
    SectionTranslation,
)
from ..rendering.numbering import shown_label
from .documents import document_tree
from .overlaps import live_overlaps

PASSAGE_LENGTH = 160  # characters of a passage shown in the report
OVERLAPS_SHOWN = 3  # the best overlaps of a section in the main table


@dataclass(frozen=True)
class OverlapItem:
    label: str  # "P1.S6 TS 6.1" or "3.2 Heading"
    source: str  # OverlapSource
    percent: int  # similarity, 0..100
    mine: str  # the section's passage, shortened
    theirs: str  # the other side's passage, shortened
    language: str
    removed: bool = False  # a Framework text of a standard removed from the Framework

    @property
    def text(self) -> str:
        """One line: "P1.S6 TS 6.1 (83 %)"."""
        return f"{self.label} ({self.percent}\u00a0%)"


@dataclass(frozen=True)
class IntegrationRow:
    section_id: int
    key: str
    number: str  # the section's label as the active language shows it ("3.2", "Annexe II")
    heading: str
    heading_lang: str  # the language of the heading shown
    disposition: str  # DispositionChoice value, "" when none yet
    disposition_label: str
    integrate_as: str  # its label, "" when none
    standard_code: str
    standard_title: str
    standard_removed: bool  # the target standard was removed from the Framework
    duplicate_of: str  # "3.2 Heading" of the section it duplicates ("[section deleted]"), or ""
    note: str
    open_proposals: int  # disposition proposals still open on the section
    overlaps: tuple[OverlapItem, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.number} {self.heading}".strip()

    @property
    def standard(self) -> str:
        """ "P1.S6 Title", flagged when removed; "" when none."""
        if not self.standard_code:
            return ""
        text = f"{self.standard_code} {self.standard_title}".strip()
        return f"{text} [{_('removed from the Framework')}]" if self.standard_removed else text

    @property
    def best_overlaps(self) -> tuple[OverlapItem, ...]:
        return self.overlaps[:OVERLAPS_SHOWN]

    @property
    def overlaps_text(self) -> str:
        return "; ".join(item.text for item in self.best_overlaps)

    @property
    def best_passage(self) -> OverlapItem | None:
        return self.overlaps[0] if self.overlaps and self.overlaps[0].mine else None


@dataclass(frozen=True)
class IntegrationReport:
    document: Document
    language: str
    rows: list[IntegrationRow]
    counts: list[tuple[str, int]]  # (disposition label, sections), "No disposition yet" last
    generated_at: datetime = field(default_factory=timezone.now)

    @property
    def decided(self) -> int:
        return sum(1 for r in self.rows if r.disposition)

    @property
    def overlaps(self) -> int:
        return sum(len(r.overlaps) for r in self.rows)

    @property
    def is_empty(self) -> bool:
        """No dispositions and no overlaps yet: the report says so."""
        return not self.decided and not self.overlaps

    @property
    def overlap_rows(self) -> list[tuple[IntegrationRow, OverlapItem]]:
        return [(r, item) for r in self.rows for item in r.overlaps]


def shorten(text: str, limit: int = PASSAGE_LENGTH) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def integration_rows(document: Document, *, language: str = "en") -> list[IntegrationRow]:
    """Every live section in reading order (4 queries, 5 in French). ``language``: the
    overlaps found in that language (a section with none there: its English ones) and the
    section headings translated into it (a heading without an up-to-date translation stays
    English)."""
    nodes = document_tree(document).nodes
    by_id = {n.section.id: n for n in nodes}
    dispositions = {
        d.section_id: d
        for d in Disposition.objects.filter(section__document=document).select_related(
            "standard__pillar", "duplicate_of"
        )
    }
    open_counts = dict(
        Proposal.objects.filter(
            document=document, kind=ProposalKind.DISPOSE, status=ProposalStatus.OPEN
        )
        .values_list("section_id")
        .annotate(n=Count("id"))
        .values_list("section_id", "n")
    )
    headings = _headings(nodes, language)

    def label_of(section) -> str:
        node = by_id.get(section.id)
        heading = headings.get(section.id, (section.heading, "en"))[0]
        return f"{shown_label(node.label)} {heading}".strip() if node else heading

    found: dict[int, dict[str, list[OverlapItem]]] = {}
    # live ones only: not with a section deleted since the finder last ran
    overlaps = live_overlaps(Overlap.objects.filter(document=document), removed_standards=True)
    for overlap in overlaps.order_by("section_id", "-score", "id"):
        item = _overlap_item(overlap, label_of)
        found.setdefault(overlap.section_id, {}).setdefault(overlap.language, []).append(item)

    rows = []
    for node in nodes:
        section = node.section
        d = dispositions.get(section.id)
        heading, heading_lang = headings.get(section.id, (section.heading, "en"))
        by_language = found.get(section.id, {})
        items = by_language.get(language) or by_language.get("en") or []
        standard = d.standard if d is not None else None
        rows.append(
            IntegrationRow(
                section_id=section.id,
                key=section.key,
                number=shown_label(node.label),
                heading=heading,
                heading_lang=heading_lang,
                disposition=d.disposition if d else "",
                disposition_label=str(d.get_disposition_display()) if d else _no_disposition(),
                integrate_as=str(IntegrateAs(d.integrate_as).label) if d and d.integrate_as else "",
                standard_code=standard.code if standard else "",
                standard_title=standard.title if standard else "",
                standard_removed=bool(standard and standard.is_deleted),
                duplicate_of=_duplicate_label(d.duplicate_of, label_of) if d else "",
                note=d.note if d else "",
                open_proposals=open_counts.get(section.id, 0),
                overlaps=tuple(items),
            )
        )
    return rows


def integration_report(document: Document, *, language: str = "en") -> IntegrationReport:
    rows = integration_rows(document, language=language)
    return IntegrationReport(document, language, rows, disposition_counts(rows))


def disposition_counts(rows: list[IntegrationRow]) -> list[tuple[str, int]]:
    """Sections by decided disposition, in the choices' order, then the undecided."""
    counted = Counter(r.disposition for r in rows)
    counts = [(str(c.label), counted[c.value]) for c in DispositionChoice if counted[c.value]]
    if counted[""]:
        counts.append((_no_disposition(), counted[""]))
    return counts


def _duplicate_label(section, label_of) -> str:
    """The section a disposition deletes this one as a duplicate of, flagged when deleted since."""
    if section is None:
        return ""
    label = label_of(section)
    return f"{label} [{_('section deleted')}]" if section.is_deleted else label


def _no_disposition() -> str:
    return _("No disposition yet")


def _headings(nodes, language: str) -> dict[int, tuple[str, str]]:
    """Section id -> (heading, its language): the translation where it translates the
    current English version."""
    if language == "en" or not nodes:
        return {}
    versions = {n.section.id: n.section.version for n in nodes}
    rows = SectionTranslation.objects.filter(
        section_id__in=list(versions), language=language
    ).values_list("section_id", "heading", "source_version")
    return {i: (h, language) for i, h, source in rows if h and source == versions[i]}


def _overlap_item(overlap: Overlap, label_of) -> OverlapItem:
    passages = overlap.passages or []
    best = passages[0] if passages and isinstance(passages[0], dict) else {}
    removed = False
    if overlap.source == OverlapSource.FRAMEWORK and overlap.framework_text is not None:
        text = overlap.framework_text
        label = text.standard.code + (f" TS {text.spec}" if text.spec else "")
        removed = text.standard.is_deleted or text.is_deleted
    elif overlap.other_section is not None:
        label = label_of(overlap.other_section)
    else:
        label = _("(no longer found)")
    return OverlapItem(
        label=label,
        source=overlap.source,
        percent=round(max(0.0, min(1.0, overlap.score)) * 100),
        mine=shorten(str(best.get("mine", ""))),
        theirs=shorten(str(best.get("theirs", ""))),
        language=overlap.language,
        removed=removed,
    )
