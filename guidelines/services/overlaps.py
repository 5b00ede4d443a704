"""Recomputing and storing what the duplication finder finds (``Overlap`` rows).

The computation itself is ``overlaps_engine`` (no database); this module reads the texts,
replaces the rows of what was recomputed in one transaction and schedules the recomputation
after edits (``signals.py`` calls ``schedule_*`` on every save of a section, a translation or a
Framework text; the task runs it in the worker). ``overlaps_suspended()`` stops the scheduling
(the demo seed computes each document once at the end instead of once per section saved).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

from ..models import (
    Document,
    FrameworkText,
    Overlap,
    OverlapSource,
    Section,
    SectionTranslation,
)
from .overlaps_engine import Found, Text, compare, text_of

_suspended: ContextVar[bool] = ContextVar("overlaps_suspended", default=False)


@contextmanager
def overlaps_suspended() -> Iterator[None]:
    """Saves made inside do not schedule a recomputation (the caller computes once after)."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def _texts(document: Document) -> tuple[list[Text], dict[int, int]]:
    """The live sections' texts (English body; French translation) and the live Framework
    texts, with each section's version."""
    texts: list[Text] = []
    versions: dict[int, int] = {}
    sections = list(
        Section.objects.live()
        .filter(document=document)
        .values_list("id", "key", "heading", "body", "version")
    )
    # cross-references read as the headings they name, in the text's language
    headings = {key: heading for _id, key, heading, _body, _version in sections}
    for section_id, _key, _heading, body, version in sections:
        versions[section_id] = version
        text = text_of(("section", section_id), "en", body, headings=headings)
        if text is not None:
            texts.append(text)
    french = list(
        SectionTranslation.objects.filter(
            section__document=document, section__is_deleted=False, language="fr"
        ).values_list("section_id", "section__key", "heading", "body")
    )
    headings_fr = headings | {key: heading for _id, key, heading, _body in french if heading}
    for section_id, _key, _heading, body in french:
        text = text_of(("section", section_id), "fr", body, headings=headings_fr)
        if text is not None:
            texts.append(text)
    framework = FrameworkText.objects.live().values_list("id", "language", "body")
    for text_id, language, body in framework:
        text = text_of(("framework", text_id), language, body, probe=False)
        if text is not None:
            texts.append(text)
    return texts, versions


def _row(document: Document, found: Found, versions: dict[int, int]) -> Overlap:
    kind, other_id = found.other
    return Overlap(
        document=document,
        section_id=found.owner[1],
        language=found.language,
        source=OverlapSource.FRAMEWORK if kind == "framework" else OverlapSource.SECTION,
        framework_text_id=other_id if kind == "framework" else None,
        other_section_id=other_id if kind == "section" else None,
        score=found.score,
        passages=[{"mine": p.mine, "theirs": p.theirs, "score": p.score} for p in found.passages],
        section_version=versions[found.owner[1]],
    )


def overlaps_recompute(*, document: Document, section: Section | None = None) -> int:
    """Recompute the document's overlaps (all live sections against the live Framework texts
    and each other), or only one section's: its rows and the other sections' rows that point
    at it. Replaces those rows in one transaction; returns the number of rows stored."""
    texts, versions = _texts(document)
    only = None if section is None else {("section", section.pk)}
    found = compare(texts, only=only)
    rows = [_row(document, f, versions) for f in found]
    with transaction.atomic():
        stale = Overlap.objects.filter(document=document)
        if section is not None:
            stale = stale.filter(section=section) | stale.filter(other_section=section)
        # Overlap rows have no dependants and no history: delete them in one statement (the
        # project's catch-all pre/post_delete receivers would make .delete() load each row).
        stale._raw_delete(stale.db)
        Overlap.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _enqueue(document_id: int, section_id: int | None) -> None:
    from ..tasks import overlaps_recompute_task

    overlaps_recompute_task.enqueue(document_id, section_id)


def schedule_section(section: Section) -> None:
    """After a section's text was saved, deleted or restored: recompute it once committed."""
    if _suspended.get():
        return
    document_id, section_id = section.document_id, section.pk
    transaction.on_commit(lambda: _enqueue(document_id, section_id))


def schedule_framework() -> None:
    """After a Framework text changed: every document, whole."""
    if _suspended.get():
        return
    ids = list(Document.objects.values_list("id", flat=True))
    transaction.on_commit(lambda: [_enqueue(document_id, None) for document_id in ids])
