"""Reads of section translations: where each section's translation stands against the English
(parity), counted per chapter, and what changed in the English since the translated version."""

from collections import Counter
from dataclasses import dataclass, field

from ..models import Document, Parity, Section, SectionTranslation
from ..rendering.diff import Segment, TextDiff, diff_text, diff_words
from .documents import DocumentTree, TreeNode, document_tree
from .history import version_with_number

STATES = tuple(Parity)  # the fixed order: up to date, out of date, missing


@dataclass(frozen=True)
class TranslationState:
    """How one section's translation stands. ``source_version``/``version``: the English
    version it translates and its own version (None when it is missing)."""

    state: str
    english_version: int
    source_version: int | None = None
    version: int | None = None

    @property
    def since(self) -> int | None:
        """The first English version the translation does not cover ("out of date since")."""
        if self.state != Parity.OUT_OF_DATE or self.source_version is None:
            return None
        return self.source_version + 1

    @property
    def label(self):
        return Parity(self.state).label


def state_of(section: Section, row: tuple[int, int] | None) -> TranslationState:
    """``row``: (source_version, version) of the section's translation, or None."""
    if row is None:
        return TranslationState(Parity.MISSING, section.version)
    source, version = row
    # Only the English version it was saved against is up to date: a source version beyond the
    # English's (inconsistent data, e.g. an import) is flagged out of date, not trusted.
    state = Parity.UP_TO_DATE if source == section.version else Parity.OUT_OF_DATE
    return TranslationState(state, section.version, source, version)


def translation_rows(document: Document, language: str) -> dict[int, tuple[int, int]]:
    """(source_version, version) of every translation of the document's sections (1 query)."""
    rows = SectionTranslation.objects.filter(
        section__document=document, language=language
    ).values_list("section_id", "source_version", "version")
    return {section_id: (source, version) for section_id, source, version in rows}


def translation_states(tree: DocumentTree, language: str) -> dict[int, TranslationState]:
    """The state of every section of an already read tree, by section id (1 query)."""
    rows = translation_rows(tree.document, language)
    return {n.section.pk: state_of(n.section, rows.get(n.section.pk)) for n in tree.nodes}


def section_translation_state(section: Section, language: str) -> TranslationState:
    row = (
        SectionTranslation.objects.filter(section=section, language=language)
        .values_list("source_version", "version")
        .first()
    )
    return state_of(section, row)


@dataclass
class ParityRow:
    node: TreeNode
    chapter: TreeNode
    state: TranslationState


@dataclass
class ChapterCounts:
    chapter: TreeNode
    counts: Counter = field(default_factory=Counter)

    def as_list(self) -> list[tuple[str, str, int]]:
        """(state, label, count) in the fixed order of the states."""
        return [(state, state.label, self.counts[state]) for state in STATES]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class DocumentParity:
    tree: DocumentTree
    rows: list[ParityRow]  # reading order
    chapters: list[ChapterCounts]
    totals: Counter

    def filtered(self, *, state: str = "", chapter: str = "") -> list[ParityRow]:
        """The rows in one state and/or one chapter (a chapter's key); empty filters keep all."""
        return [
            row
            for row in self.rows
            if (not state or row.state.state == state)
            and (not chapter or row.chapter.key == chapter)
        ]

    def totals_list(self) -> list[tuple[str, str, int]]:
        """(state, label, count) in the fixed order of the states."""
        return [(state, state.label, self.totals[state]) for state in STATES]


def _chapter(node: TreeNode) -> TreeNode:
    while node.parent is not None:
        node = node.parent
    return node


def document_parity(document: Document, language: str) -> DocumentParity:
    """Every live section's translation state, in reading order, with the counts per chapter
    (a top-level section and everything under it) and in all (2 queries)."""
    tree = document_tree(document)
    states = translation_states(tree, language)
    rows, chapters, totals = [], {}, Counter()
    for node in tree.nodes:
        top = _chapter(node)
        here = states[node.section.pk]
        chapters.setdefault(top.key, ChapterCounts(top)).counts[here.state] += 1
        totals[here.state] += 1
        rows.append(ParityRow(node, top, here))
    return DocumentParity(tree, rows, list(chapters.values()), totals)


@dataclass(frozen=True)
class EnglishChanges:
    """The English now compared with the version a translation translates (``base``: that
    history row, None if it cannot be found)."""

    base_version: int | None
    heading: list[Segment] | None
    body: TextDiff | None


def english_changes_since(section: Section, version: int | None) -> EnglishChanges:
    """The word diff of the English heading and text from ``version`` to now (from the
    section's history; None values when that version is unknown)."""
    base = version_with_number(section, version)
    if base is None:
        return EnglishChanges(version, None, None)
    heading = diff_words(base.heading, section.heading) if base.heading != section.heading else None
    return EnglishChanges(version, heading, diff_text(base.body, section.body))


def translation_get(section: Section, language: str) -> SectionTranslation | None:
    return SectionTranslation.objects.filter(section=section, language=language).first()


def translation_changes_since(section: Section, language: str, version: int | None) -> list:
    """History rows of the translation saved after ``version``, oldest first, with who."""
    return list(
        SectionTranslation.history.filter(
            section_id=section.pk, language=language, version__gt=version or 0
        )
        .select_related("history_user")
        .order_by("history_id")[:20]
    )
