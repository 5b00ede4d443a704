"""Writes for cross-references: a reference typed as words ("chapter 3") made a ``[[key]]``
link that follows renumbering (the references page's one-click conversion)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Language, Section
from ..permissions import require
from .history import save_versioned
from .sections import EditConflict, UpdateResult, section_update
from .translations import TranslationConflict, claim_translation_version, lock_translation


def convert_reason(text: str) -> str:
    return _("Typed reference '%(text)s' converted to a link") % {"text": text}


def typed_reference_convert(
    *,
    section: Section,
    language: str,
    start: int,
    text: str,
    target_key: str,
    version: int | None,
    user,
) -> UpdateResult:
    """Replace the typed reference ``text`` found at offset ``start`` of ``section``'s text in
    ``language`` (English: the section's body; French: its translation's) with ``[[target_key]]``,
    recording the reason "Typed reference '…' converted to a link".

    Concurrency contract: ``version`` is the version of that text the references page showed
    (the section's, or the translation's). The English goes through ``section_update`` (row
    locked, version claimed by a conditional UPDATE; ``EditConflict`` if anyone saved since).
    The French locks the English row then the translation's, and is refused with
    ``TranslationConflict`` if the translation is not at ``version``; its ``source_version`` is
    kept: converting a reference does not make an out-of-date translation up to date. In both,
    if the text at ``start`` is no longer ``text``, it is refused the same way: nothing is
    written. ``target_key`` must be a live section of the same document (``ValidationError``).
    """
    if not Section.objects.live().filter(document_id=section.document_id, key=target_key).exists():
        raise ValidationError(_("No section of this document has that key."), code="target")
    reference = f"[[{target_key}]]"
    if language == Language.ENGLISH:
        current = Section.objects.get(pk=section.pk)
        if current.body[start : start + len(text)] != text or current.version != version:
            raise EditConflict(current, version)
        body = current.body[:start] + reference + current.body[start + len(text) :]
        return section_update(
            section=current, heading=current.heading, body=body, base_version=version,
            user=user, reason=convert_reason(text),
        )  # fmt: skip
    require(user, "translate")
    with transaction.atomic():
        english, translation = lock_translation(section, language)
        have = translation.version if translation is not None else 0
        body = translation.body if translation is not None else ""
        if have != version or body[start : start + len(text)] != text:
            raise TranslationConflict(
                section=english, current=translation, expected_version=version,
                source_version=english.version,
            )  # fmt: skip
        claim_translation_version(
            english, translation, expected_version=version, source_version=english.version
        )
        translation.body = body[:start] + reference + body[start + len(text) :]
        translation.version = have + 1
        save_versioned(translation, user=user, reason=convert_reason(text))
        return UpdateResult(english, True)
