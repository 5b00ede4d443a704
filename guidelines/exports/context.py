"""What an export shows, as values: the draft (clean or redlined), the cover note, the annexes.
The PDF and Word exporters both start from an ``ExportContent``."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Document, Milestone, WorkingDocument
from ..rendering.cover_note import Part, cover_note_parts
from ..rendering.editions import Edition, edition_of
from ..rendering.numbering import shown_label, to_roman
from ..rendering.xrefs import XrefResolver, xref_resolver
from ..selectors.documents import TreeNode
from ..selectors.integration import IntegrationReport, integration_report
from ..selectors.proposals import DispositionRow, disposition_rows
from ..selectors.redline import Redline, document_redline
from ..selectors.rounds import RoundSummary, round_summary
from ..selectors.snapshots import Snapshot, mappings_as_of, snapshot_current, snapshot_of
from ..selectors.translated_drafts import translations_at, with_texts
from .redline import PrintEntry, legend, legend_people, print_entries

CLEAN, REDLINE, WORKING_DOCUMENT, BILINGUAL = "clean", "redline", "working-document", "bilingual"
REVIEW = "review"  # the "Word for review" file (exports/word/review.py): Word only
VARIANTS = (CLEAN, REDLINE, WORKING_DOCUMENT, BILINGUAL, REVIEW)
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")


@dataclass
class Annex:
    number: str  # I, II …
    anchor: str
    title: str
    kind: str  # "draft" | "disposition" | "mappings" | "round" | "integration"


@dataclass(frozen=True)
class DraftNode:
    """A section of the annexed draft with the language of its text: ``lang`` is the
    ``lang`` attribute it needs ("" in the edition's language); ``fallback``: the edition is
    French but the section is printed in English (no French of that English version)."""

    node: TreeNode
    lang: str
    fallback: bool

    @property
    def label(self) -> str:
        """The section's number as the active language (the edition's, when printed) shows
        it: "Annexe II" in French, like the pages."""
        return shown_label(self.node.label)


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
    integration: IntegrationReport | None = None  # the phase-two integration report annexed
    line_numbers: bool = False
    generated_at: datetime | None = None
    language: str = "en"  # the edition's: its labels, reference, date line and cover
    edition: Edition | None = None  # a working document's cover, in ``language``
    # The language of each section's text, by section id (absent: English).
    section_languages: dict[int, str] = field(default_factory=dict)

    @property
    def cover_agenda(self) -> str:
        """The agenda item line of the working document's cover (once; empty if none)."""
        return self.edition.agenda if self.edition is not None else ""

    @property
    def english_lang(self) -> str:
        """The ``lang`` of text typed in English (delegates' summaries and reasons, the SAFE
        reference data) where the edition is not English, else ""."""
        return "en" if self.language != "en" else ""

    def text_language(self, section_id: int) -> str:
        return self.section_languages.get(section_id, "en")

    def lang_attr(self, section_id: int) -> str:
        """The ``lang`` a section's text needs ("" where it is the edition's language)."""
        here = self.text_language(section_id)
        return "" if here == self.language else here

    @cached_property
    def xref(self) -> XrefResolver:
        """The ``[[key]]`` references of the printed draft: a link to the section's place in
        the file (``#s-<key>``) with its page (print.css); a section not in this edition
        (deleted, or not yet written at the milestone) is a broken reference."""
        nodes = self.snapshot.tree.nodes
        # Each heading marked with its language: an English text of the French edition names
        # French headings (which then get French spacing), and the other way round.
        headings = {
            n.section.id: (n.section.heading, self.text_language(n.section.id)) for n in nodes
        }
        return xref_resolver(nodes, lambda key: f"#s-{key}", print_pages=True, headings=headings)

    @property
    def draft_nodes(self) -> list[DraftNode]:
        return [
            DraftNode(n, self.lang_attr(n.section.id), self.lang_attr(n.section.id) != "")
            for n in self.snapshot.tree.nodes
        ]

    @property
    def english_only(self) -> int:
        """How many sections of a French edition's draft are printed in English."""
        if self.language == "en":
            return 0
        if self.redline is not None:
            ids = {e.section_id for e in self.redline.entries}
        else:
            ids = {n.section.id for n in self.snapshot.tree.nodes}
        return sum(1 for i in ids if self.text_language(i) != self.language)

    @property
    def english_only_note(self) -> str:
        """Said on the annex's first page of a French edition with sections in English."""
        n = self.english_only
        if not n:
            return ""
        return ngettext(
            "%(n)s section is printed in English only: there is no French translation of the "
            "English text it holds here.",
            "%(n)s sections are printed in English only: there is no French translation of the "
            "English text they hold here.",
            n,
        ) % {"n": n}

    @property
    def fallback_note(self) -> str:
        """The note on a section of a French edition printed in English."""
        note = _("French translation not available: English text")
        return f"[{note}]"

    @property
    def draft_title(self) -> str:
        return self.document.title_in(self.language)

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
        if self.redline is None:
            return []
        return print_entries(self.redline, langs=self.lang_attr)

    @property
    def legend(self) -> list[str]:
        if self.redline is None:
            return []
        return legend(self.redline) + self.translation_legend

    @property
    def translation_legend(self) -> list[str]:
        """What a French redline adds to its legend: French changes are not credited."""
        if self.redline is None or not any(v != "en" for v in self.section_languages.values()):
            return []
        return [
            _(
                "Sections in French compare the French translations of both drafts; their "
                "changes are shown without the names of who made them."
            )
        ]

    @property
    def legend_people(self) -> list[str]:
        return legend_people(self.redline) if self.redline is not None else []

    def texts(self) -> list[tuple[str, str]]:
        """The Markdown texts the exporters render whole, with their id prefixes: the purpose,
        the clean draft's sections, a redline's sections shown without marks (made ready in one
        cache query first: ``rendering.markdown.warm``)."""
        w = self.working_document
        pairs = [(w.purpose, "purpose")] if w is not None else []
        if self.redline is not None:
            return pairs + [(e.new_body, e.key) for e in self.redline.entries if e.body is None]
        return pairs + [(n.section.body, n.key) for n in self.snapshot.tree.nodes]


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
    if variant not in VARIANTS or variant == BILINGUAL:  # the bilingual review: its own
        raise ValueError(f"unknown variant {variant!r}")
    if working_document is not None:
        milestone = working_document.milestone
        against = working_document.redline_against
    snapshot = snapshot_of(milestone) if milestone else snapshot_current(document)
    older = snapshot_of(against) if against is not None and variant not in (CLEAN, REVIEW) else None
    snapshot, older, languages = annexed_draft(snapshot, language=language, against=older)
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
        section_languages=languages,
    )
    if older is not None:
        translated = {i for i, lang in languages.items() if lang != "en"}
        content.redline = document_redline(older, snapshot, uncredited=translated)
    elif variant == REDLINE:
        raise ValueError("a redline needs an earlier milestone to compare against")
    if working_document is not None:
        content.working_document = working_document
        content.cover_note = cover_note_parts(edition.cover_note)
        content.line_numbers = working_document.line_numbers
        titles = [("draft", _("Draft updated %(title)s") % {"title": document.title_in(language)})]
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
        if working_document.include_integration:  # the last annex
            titles.append(("integration", _("Phase-two integration report")))
            content.integration = integration_report(document, language=language)
        content.annexes = [
            Annex(to_roman(i + 1), f"annex-{i + 1}", title, kind)
            for i, (kind, title) in enumerate(titles)
        ]
    return content


def annexed_draft(
    snapshot: Snapshot, *, language: str, against: Snapshot | None = None
) -> tuple[Snapshot, Snapshot | None, dict[int, str]]:
    """The draft an edition annexes (and the earlier draft its redline compares it with), and
    the language of each section's text, by section id.

    The English edition annexes the English. The French edition annexes each section's French
    translation of exactly the English the draft holds (``translations_at``), headings and
    texts; a section without one is printed in English. In a redline a section is compared in
    French only where both drafts have its French (where it exists in either), else in English
    on both sides, so a comparison never crosses languages. Numbering is the English's."""
    if language == "en":
        return snapshot, against, {}
    texts = translations_at(snapshot, language)
    if against is None:
        return with_texts(snapshot, texts), None, dict.fromkeys(texts, language)
    old_texts = translations_at(against, language)
    new_ids = {n.section.id for n in snapshot.tree.nodes}
    old_ids = {n.section.id for n in against.tree.nodes}
    both = {
        i
        for i in new_ids | old_ids
        if (i not in new_ids or i in texts) and (i not in old_ids or i in old_texts)
    }
    new = with_texts(snapshot, {i: t for i, t in texts.items() if i in both})
    old = with_texts(against, {i: t for i, t in old_texts.items() if i in both})
    return new, old, dict.fromkeys(both, language)
