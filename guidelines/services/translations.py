"""Writes on a section's translation: saving it against the English version the translator saw."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Section, SectionTranslation
from ..permissions import require
from .history import save_versioned
from .sections import SectionDeleted, clean_text, validate_body
from .versions import VersionConflict


class TranslationConflict(VersionConflict):
    """The translation was saved by someone else since the form was rendered, or the English
    changed since the translator was shown it. Nothing was written.

    ``section``: the section as it is now (its English); ``current``: the translation as it is
    now (None if there is none); ``expected_version``/``source_version``: the tokens the form
    carried (the translation's version and the English version the page showed)."""

    def __init__(
        self,
        *,
        section: Section,
        current: SectionTranslation | None,
        expected_version: int | None,
        source_version: int | None,
    ) -> None:
        super().__init__(f"the translation of section {section.key} or its English changed")
        self.section, self.current = section, current
        self.expected_version, self.source_version = expected_version, source_version

    @property
    def english_changed(self) -> bool:
        return self.source_version != self.section.version

    @property
    def translation_changed(self) -> bool:
        current = self.current.version if self.current is not None else 0
        return self.expected_version != current


@dataclass(frozen=True)
class TranslationResult:
    translation: SectionTranslation
    saved: bool  # False: nothing changed, no version written


def lock_translation(section: Section, language: str) -> tuple[Section, SectionTranslation | None]:
    """Inside a transaction: the English section, then its translation (None if there is none
    yet), locked in that order, as every translation write takes them; a deleted section is
    refused with ``SectionDeleted``."""
    english = Section.objects.select_for_update().get(pk=section.pk)
    if english.is_deleted:
        raise SectionDeleted(english)
    current = (
        SectionTranslation.objects.select_for_update()
        .filter(section_id=english.pk, language=language)
        .first()
    )
    return english, current


def claim_translation_version(
    english: Section, current: SectionTranslation, *, expected_version, source_version
) -> None:
    """The conditional UPDATE that makes the next version of ``current`` ours (``current.version``
    to ``+ 1`` in the database), or ``TranslationConflict`` if another transaction got there
    first; the caller then sets the new text and ``version`` and saves it with its history."""
    claimed = SectionTranslation.objects.filter(pk=current.pk, version=current.version).update(
        version=current.version + 1
    )
    if claimed != 1:
        raise TranslationConflict(
            section=english, current=SectionTranslation.objects.get(pk=current.pk),
            expected_version=expected_version, source_version=source_version,
        )  # fmt: skip


def translation_save(
    *,
    section: Section,
    language: str,
    heading: str,
    body: str,
    source_version: int | None,
    expected_version: int | None,
    user,
    reason: str,
) -> TranslationResult:
    """Save the translation of ``section`` into ``language`` as a translation of the English
    version ``source_version``, which marks it up to date.

    Concurrency contract: the section's row is locked (``select_for_update``; every write of a
    section's text takes that lock, so the English cannot change until this transaction ends),
    then the translation's row. The save is refused with ``TranslationConflict``, writing
    nothing, when

    - the translation is not at ``expected_version`` (0: the page showed no translation), i.e.
      someone saved the translation since the form was rendered; or
    - the English is not at ``source_version``, i.e. the translator was shown an older English.

    ``None`` for either token never matches. An existing translation's version is then claimed
    by a conditional UPDATE, so of two concurrent saves on the same version exactly one wins. A
    save that changes neither the text nor the English version translated writes nothing.
    """
    require(user, "translate")
    heading, body = clean_text(heading).strip(), clean_text(body)
    validate_body(body)
    if not heading:
        raise ValidationError(_("A heading is required."), code="required")
    with transaction.atomic():
        english, current = lock_translation(section, language)
        have = current.version if current is not None else 0
        stale = expected_version is None or expected_version != have
        if stale or source_version != english.version:
            raise TranslationConflict(
                section=english, current=current, expected_version=expected_version,
                source_version=source_version,
            )  # fmt: skip
        if current is None:
            translation = SectionTranslation(
                section=english, language=language, heading=heading, body=body,
                source_version=english.version, version=1,
            )  # fmt: skip
            save_versioned(translation, user=user, reason=reason)
            return TranslationResult(translation, True)
        unchanged = (current.heading, current.body, current.source_version) == (
            heading, body, english.version,
        )  # fmt: skip
        if unchanged:
            return TranslationResult(current, False)
        claim_translation_version(
            english, current, expected_version=expected_version, source_version=source_version
        )
        current.heading, current.body = heading, body
        current.source_version, current.version = english.version, have + 1
        save_versioned(current, user=user, reason=reason)
        return TranslationResult(current, True)
