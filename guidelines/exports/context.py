"""What an export shows, as values: the draft (clean or redlined), the cover note, the annexes.
The PDF and Word exporters both start from an ``ExportContent``."""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Document, Milestone, WorkingDocument
from ..rendering.cover_note import Part, cover_note_parts
from ..rendering.editions import Edition, edition_of
from ..rendering.numbering import to_roman
from ..selectors.proposals import DispositionRow, disposition_rows
from ..selectors.redline import Redline, document_redline
from ..selectors.rounds import RoundSummary, round_summary
from ..selectors.snapshots import Snapshot, mappings_as_of, snapshot_current, snapshot_of
from .redline import PrintEntry, legend, legend_people, print_entries

CLEAN, REDLINE, WORKING_DOCUMENT = "clean", "redline", "working-document"
VARIANTS = (CLEAN, REDLINE, WORKING_DOCUMENT)
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")


@dataclass
class Annex:
    number: str  # I, II …
    anchor: str
    title: str
    kind: str  # "draft" | "disposition" | "mappings" | "round"


@dataclass
class ExportContent:
    variant: str
    document: Document
    reference: str  # running header, "Annex I to Doc. <reference>"
    snapshot: Snapshot
    redline: Redline | None = None
    working_document: WorkingDocument | None = None
    cover_note: list[Part] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    disposition: list[DispositionRow] = field(default_factory=list)
    mappings: dict[int, list] = field(default_factory=dict)
    round_summary: RoundSummary | None = None
    line_numbers: bool = False
    generated_at: datetime | None = None
    language: str = "en"  # the edition's: its labels, reference, date line and cover
    edition: Edition | None = None  # a working document's cover, in ``language``
    draft_language: str = "en"  # the language of the annexed draft's text

    @property
    def cover_agenda(self) -> str:
        """The agenda item line of the working document's cover (once; empty if none)."""
        return self.edition.agenda if self.edition is not None else ""

    @property
    def draft_lang(self) -> str:
        """The draft's language where it is not the edition's (its ``lang`` attribute)."""
        return self.draft_language if self.draft_language != self.language else ""

    @property
    def draft_title(self) -> str:
        return self.document.title

    @property
    def is_empty(self) -> bool:
        return len(self.snapshot.tree) == 0

    @property
    def issued(self) -> datetime:
        """The instant the draft stands for: its milestone's, or the export's."""
        if self.snapshot.milestone is not None:
            return self.snapshot.milestone.taken_at
        return self.generated_at or timezone.now()

    @property
    def copyright_year(self) -> int:
        """The year of the edition's date line ("Brussels, 21 September 2017."), else of the
        draft it annexes."""
        edition = self.edition
        if edition is not None and edition.language != "en" and edition.dated is not None:
            return edition.dated.year  # the year of the date line it prints
        if self.working_document is not None:
            found = _YEAR.findall(self.working_document.place_date)
            if found:
                return int(found[-1])
            if self.working_document.date is not None:
                return self.working_document.date.year
        return timezone.localtime(self.issued).year

    @property
    def entries(self) -> list[PrintEntry]:
        """The redline's sections as the PDF prints them (translated when called)."""
        return print_entries(self.redline) if self.redline is not None else []

    @property
    def legend(self) -> list[str]:
        return legend(self.redline) if self.redline is not None else []

    @property
    def legend_people(self) -> list[str]:
        return legend_people(self.redline) if self.redline is not None else []


def export_content(
    *,
    document: Document,
    variant: str,
    milestone: Milestone | None = None,
    against: Milestone | None = None,
    working_document: WorkingDocument | None = None,
    language: str | None = None,
) -> ExportContent:
    """``language``: the language of the titles it names (default: the active one)."""
    if language is not None:
        with translation.override(language):
            return export_content(
                document=document,
                variant=variant,
                milestone=milestone,
                against=against,
                working_document=working_document,
            )
    language = (translation.get_language() or "en")[:2]
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}")
    if working_document is not None:
        milestone = working_document.milestone
        against = working_document.redline_against
    snapshot = snapshot_of(milestone) if milestone else snapshot_current(document)
    snapshot, draft_language = annexed_draft(snapshot, language=language)
    edition = edition_of(working_document, language) if working_document else None
    reference = edition.reference if edition else document.title
    content = ExportContent(
        variant,
        document,
        reference,
        snapshot,
        generated_at=timezone.now(),
        language=language,
        edition=edition,
        draft_language=draft_language,
    )
    if against is not None and variant != CLEAN:
        content.redline = document_redline(snapshot_of(against), snapshot)
    elif variant == REDLINE:
        raise ValueError("a redline needs an earlier milestone to compare against")
    if working_document is not None:
        content.working_document = working_document
        content.cover_note = cover_note_parts(edition.cover_note)
        content.line_numbers = working_document.line_numbers
        titles = [("draft", _("Draft updated %(title)s") % {"title": document.title})]
        if working_document.include_disposition:
            titles.append(("disposition", _("Disposition of the proposals")))
            content.disposition = disposition_rows(document)
        if working_document.include_mappings:
            titles.append(("mappings", _("Mapping to the SAFE Framework of Standards")))
            content.mappings = mappings_as_of(snapshot)
        if working_document.round_id is not None:
            consultation = working_document.round
            title = _("Summary of the consultation round “%(title)s”") % {
                "title": consultation.title
            }
            titles.append(("round", title))
            content.round_summary = round_summary(consultation)
        content.annexes = [
            Annex(to_roman(i + 1), f"annex-{i + 1}", title, kind)
            for i, (kind, title) in enumerate(titles)
        ]
    return content


def annexed_draft(snapshot: Snapshot, *, language: str) -> tuple[Snapshot, str]:
    """The draft an edition annexes, and the language its text is in.

    For now every edition annexes the English text (the source while drafting): the French
    edition prints it as it is, marked ``lang="en"`` (no French typography on it). This is the
    one place to give the French edition the sections' French translations (headings and
    bodies) once they exist: return a snapshot with the French text, and ``"fr"``."""
    return snapshot, "en"
