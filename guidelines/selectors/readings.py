"""Reading the draft in a translation: each section's heading and text in a language where a
translation exists, with where it stands against the English (the parity of
``selectors.translations``), for a whole document tree in one query."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, F, TextField, Value, When

from ..models import Parity, Section, SectionTranslation
from .documents import DocumentTree
from .translations import TranslationState, state_of


@dataclass(frozen=True)
class Reading:
    """One section as read in ``language``.

    ``heading``: the translated heading, or the English one where there is none (the
    translation is missing, or its heading is blank); ``body``: the translated text, None where
    the translation is missing or its text was not read (``section_readings`` reads only the
    text of the page's own section). ``state``: the translation's parity with the English."""

    section: Section
    language: str
    state: TranslationState
    heading: str
    body: str | None
    heading_translated: bool = False  # False: ``heading`` is the English heading

    @property
    def missing(self) -> bool:
        return self.state.state == Parity.MISSING

    @property
    def out_of_date(self) -> bool:
        return self.state.state == Parity.OUT_OF_DATE

    @property
    def up_to_date(self) -> bool:
        return self.state.state == Parity.UP_TO_DATE

    @property
    def id_prefix(self) -> str:
        """The Markdown id prefix of the translated text: its heading and footnote ids never
        clash with the English text's (``<key>``) when both are on one page."""
        return f"{self.language}-{self.section.key}"


def _reading(section: Section, language: str, row: tuple | None) -> Reading:
    """``row``: (heading, body, source_version, version) of the translation, or None."""
    if row is None:
        return Reading(section, language, state_of(section, None), section.heading, None)
    heading, body, source, version = row
    state = state_of(section, (source, version))
    if not (heading or "").strip():  # a blank heading (not saved by the service): the English
        return Reading(section, language, state, section.heading, body)
    return Reading(section, language, state, heading, body, heading_translated=True)


def _readings(
    tree: DocumentTree,
    language: str,
    body_of: Section | None,
    *,
    only_nodes: bool = False,
    no_text: bool = False,
) -> dict[int, Reading]:
    body = F("body")
    if no_text:
        body = Value(None, output_field=TextField())
    elif body_of is not None:  # only that section's text: the others' would be read for nothing
        body = Case(
            When(section_id=body_of.pk, then=F("body")),
            default=Value(None),
            output_field=TextField(),
        )
    rows = (
        SectionTranslation.objects.filter(section__document=tree.document, language=language)
        .annotate(text=body)
        .values_list("section_id", "heading", "text", "source_version", "version")
    )
    if only_nodes:
        rows = rows.filter(section_id__in=[n.section.pk for n in tree.nodes])
    by_section = {section_id: rest for section_id, *rest in rows}
    return {
        n.section.pk: _reading(n.section, language, by_section.get(n.section.pk))
        for n in tree.nodes
    }


def document_readings(tree: DocumentTree, language: str) -> dict[int, Reading]:
    """Every live section of an already read tree as read in ``language``, by section id,
    headings and texts (1 query)."""
    return _readings(tree, language, None)


def section_readings(tree: DocumentTree, language: str, section: Section) -> dict[int, Reading]:
    """Every live section's heading and parity in ``language``, and ``section``'s text: what a
    section page shows (its outline, breadcrumbs and neighbours, and its own text) (1 query)."""
    return _readings(tree, language, section)


def page_readings(tree: DocumentTree, language: str, section: Section) -> dict[int, Reading]:
    """As ``section_readings``, for the sections of ``tree`` only (a section page's tree names
    a bounded number of them: ``selectors.documents.section_page``) (1 query)."""
    return _readings(tree, language, section, only_nodes=True)


def heading_readings(tree: DocumentTree, language: str) -> dict[int, Reading]:
    """Every section of ``tree`` as read in ``language``, headings and parity, no texts: what
    an outline shows (1 query)."""
    return _readings(tree, language, None, no_text=True)


def reading_states(readings: dict[int, Reading]) -> dict[int, TranslationState]:
    """The parity of every section, as ``translation_states`` gives it (no query)."""
    return {pk: reading.state for pk, reading in readings.items()}


def translated_headings(section_ids: Iterable[int], language: str) -> dict[int, str]:
    """The headings of those sections in ``language``, where translated (blank ones left out):
    the targets of ``[[key]]`` references that a section page's texts name beyond the page's
    own tree (1 query; none without ids)."""
    ids = list(section_ids)
    if not ids:
        return {}
    rows = SectionTranslation.objects.filter(section_id__in=ids, language=language)
    return {
        pk: heading for pk, heading in rows.values_list("section_id", "heading") if heading.strip()
    }
