"""The rendered sections' cache filled when a text is saved (rendering/render_cache.py): after
the commit, a task renders the section's new text, or the translation's, into the cache every
process shares, so the next page that shows it (in any worker) renders nothing. A text the task
has not reached yet is rendered by the page that needs it: nothing depends on the task.
Bulk writes that suspend the duplication finder's per-save tasks (``overlaps_suspended()``: the
demo seed) suspend these too; the first page that shows those texts renders and stores them."""

from django.db import transaction

from ..models import Section, SectionTranslation
from ..rendering.markdown import warm
from .overlaps import _suspended as _bulk_writes  # the same bulk writes


def translation_id_prefix(language: str, key: str) -> str:
    """The id prefix of a translated text on the pages (``selectors.readings.Reading``)."""
    return f"{language}-{key}"


def schedule_section(section: Section) -> None:
    if _bulk_writes.get():
        return
    section_id = section.pk
    transaction.on_commit(lambda: _enqueue(section_id=section_id))


def schedule_translation(translation: SectionTranslation) -> None:
    if _bulk_writes.get():
        return
    translation_id = translation.pk
    transaction.on_commit(lambda: _enqueue(translation_id=translation_id))


def _enqueue(**ids: int) -> None:
    from ..tasks import rendered_fill_task

    rendered_fill_task.enqueue(**ids)


def rendered_fill(*, section_id: int | None = None, translation_id: int | None = None) -> int:
    """Put a section's text (as the document and section pages render it) and a translation's
    text in the shared cache; returns how many were rendered (0: they were there, or are gone)."""
    pairs = []
    if section_id is not None:
        section = Section.objects.filter(pk=section_id).only("key", "body").first()
        if section is not None:
            pairs.append((section.body, section.key))
    if translation_id is not None:
        found = (
            SectionTranslation.objects.filter(pk=translation_id)
            .select_related("section")
            .only("language", "body", "section__key")
            .first()
        )
        if found is not None:
            pairs.append((found.body, translation_id_prefix(found.language, found.section.key)))
    return warm(pairs, share=True)
