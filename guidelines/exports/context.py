"""What an export shows, as values: the draft (clean or redlined), the cover note, the annexes.
The PDF and Word exporters both start from an ``ExportContent``."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Document, Milestone, Section, WorkingDocument
from ..rendering.cover_note import Part, cover_note_parts
from ..rendering.numbering import to_roman
from ..selectors.proposals import DispositionRow, disposition_rows
from ..selectors.snapshots import (
    DocumentComparison,
    Snapshot,
    document_compare,
    mappings_as_of,
    snapshot_current,
    snapshot_of,
)

CLEAN, REDLINE, WORKING_DOCUMENT = "clean", "redline", "working-document"
VARIANTS = (CLEAN, REDLINE, WORKING_DOCUMENT)


@dataclass
class Annex:
    number: str  # I, II …
    anchor: str
    title: str
    kind: str  # "draft" | "disposition" | "mappings"


@dataclass
class ExportContent:
    variant: str
    document: Document
    reference: str  # running header, "Annex I to Doc. <reference>"
    snapshot: Snapshot
    comparison: DocumentComparison | None = None
    proposers: dict[int, list[str]] = field(default_factory=dict)  # section id -> delegations
    working_document: WorkingDocument | None = None
    cover_note: list[Part] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    disposition: list[DispositionRow] = field(default_factory=list)
    mappings: dict[int, list] = field(default_factory=dict)
    line_numbers: bool = False
    generated_at: object = None

    @property
    def draft_title(self) -> str:
        return self.document.title

    @property
    def is_empty(self) -> bool:
        return len(self.snapshot.tree) == 0


def _proposers(document: Document, old: Snapshot, new: Snapshot) -> dict[int, list[str]]:
    """Delegations whose accepted proposals changed each section between the two snapshots."""
    rows = Section.history.filter(document_id=document.pk, proposal__isnull=False)
    if old.milestone is not None:
        rows = rows.filter(history_date__gt=old.milestone.taken_at)
    if new.milestone is not None:
        rows = rows.filter(history_date__lte=new.milestone.taken_at)
    found: dict[int, list[str]] = {}
    for section_id, delegation in rows.values_list("id", "proposal__delegation__name"):
        names = found.setdefault(section_id, [])
        if delegation not in names:
            names.append(delegation)
    return found


def export_content(
    *,
    document: Document,
    variant: str,
    milestone: Milestone | None = None,
    against: Milestone | None = None,
    working_document: WorkingDocument | None = None,
) -> ExportContent:
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}")
    if working_document is not None:
        milestone = working_document.milestone
        against = working_document.redline_against
    snapshot = snapshot_of(milestone) if milestone else snapshot_current(document)
    reference = working_document.reference if working_document else document.title
    content = ExportContent(variant, document, reference, snapshot, generated_at=timezone.now())
    if against is not None and variant != CLEAN:
        old = snapshot_of(against)
        content.comparison = document_compare(old, snapshot)
        content.proposers = _proposers(document, old, snapshot)
    elif variant == REDLINE:
        raise ValueError("a redline needs an earlier milestone to compare against")
    if working_document is not None:
        content.working_document = working_document
        content.cover_note = cover_note_parts(working_document.cover_note)
        content.line_numbers = working_document.line_numbers
        titles = [("draft", _("Draft updated %(title)s") % {"title": document.title})]
        if working_document.include_disposition:
            titles.append(("disposition", _("Disposition of the proposals")))
            content.disposition = disposition_rows(document)
        if working_document.include_mappings:
            titles.append(("mappings", _("Mapping to the SAFE Framework of Standards")))
            content.mappings = mappings_as_of(snapshot)
        content.annexes = [
            Annex(to_roman(i + 1), f"annex-{i + 1}", title, kind)
            for i, (kind, title) in enumerate(titles)
        ]
    return content
