"""The French of a draft: each section's translation that translates exactly the English the
draft holds, as of the draft's instant (a milestone's, or now). One query per draft.

A section whose translation is missing, or translates another English version at that instant, has
no French there: the French edition prints its English (marked as such)."""

import copy
from dataclasses import dataclass

from ..models import Document, SectionTranslation
from .documents import TreeNode, build_tree, document_tree
from .snapshots import Snapshot
from .translations import TranslationState, state_of


@dataclass(frozen=True)
class TranslatedText:
    heading: str
    body: str
    source_version: int  # the English version it translates


def translations_at(snapshot: Snapshot, language: str) -> dict[int, TranslatedText]:
    """Section id -> its translation into ``language`` that translates the snapshot's English
    version of the section (1 query). For a milestone: the latest history row saved at or
    before its instant with that source version; for the current text: the current row when it
    is up to date."""
    versions = {n.section.id: n.section.version for n in snapshot.tree.nodes}
    if not versions:
        return {}
    found: dict[int, TranslatedText] = {}
    if snapshot.milestone is None:
        rows = SectionTranslation.objects.filter(
            section_id__in=list(versions), language=language
        ).values_list("section_id", "heading", "body", "source_version")
        for section_id, heading, body, source in rows:
            if source == versions[section_id]:
                found[section_id] = TranslatedText(heading, body, source)
        return found
    rows = (
        SectionTranslation.history.filter(
            section_id__in=list(versions),
            language=language,
            history_date__lte=snapshot.milestone.taken_at,
        )
        .order_by("history_date", "history_id")
        .values_list("section_id", "heading", "body", "source_version", "history_type")
    )
    for section_id, heading, body, source, kind in rows:
        if kind == "-":  # the translation was removed: nothing of it stands after this
            found.pop(section_id, None)
        elif source == versions[section_id]:
            found[section_id] = TranslatedText(heading, body, source)
    return found


def with_texts(snapshot: Snapshot, texts: dict[int, TranslatedText]) -> Snapshot:
    """The snapshot with the given sections' headings and texts replaced (numbering and order
    are the English's: shared). The sections are copies; nothing is saved."""
    if not texts:
        return snapshot
    sections = []
    for node in snapshot.tree.nodes:
        section = node.section
        text = texts.get(section.id)
        if text is not None:
            section = copy.copy(section)
            section.heading, section.body = text.heading, text.body
        sections.append(section)
    tree = build_tree(snapshot.document, sections)
    return Snapshot(snapshot.document, snapshot.label, snapshot.milestone, tree)


@dataclass(frozen=True)
class BilingualRow:
    """A section of the bilingual review: its English now, its translation as it stands (None
    where missing) and how that translation stands against the English."""

    node: TreeNode
    translation: SectionTranslation | None
    state: TranslationState


def bilingual_rows(document: Document, language: str) -> list[BilingualRow]:
    """Every live section in reading order with its current translation (2 queries)."""
    tree = document_tree(document)
    translations = {
        t.section_id: t
        for t in SectionTranslation.objects.filter(section__document=document, language=language)
    }
    rows = []
    for node in tree.nodes:
        found = translations.get(node.section.id)
        row = (found.source_version, found.version) if found is not None else None
        rows.append(BilingualRow(node, found, state_of(node.section, row)))
    return rows
