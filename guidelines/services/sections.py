"""Writes on a section's text: the optimistic-locking update and restoring a past version."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Section
from ..rendering.redline import strip_sentinels
from .history import save_versioned
from .versions import VersionConflict

# C0 and C1 control characters except tab and newline; carriage returns are normalised first.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class EditConflict(VersionConflict):
    """Someone saved the section after the editor opened it (or the base version is unknown)."""

    def __init__(self, current: Section, base_version: int | None) -> None:
        super().__init__(
            f"section {current.key} is at version {current.version}, not {base_version}"
        )
        self.current = current
        self.base_version = base_version


class SectionDeleted(Exception):
    """The section is (soft-)deleted: restore it before editing."""

    def __init__(self, section: Section) -> None:
        super().__init__(f"section {section.key} is deleted")
        self.section = section


@dataclass(frozen=True)
class UpdateResult:
    section: Section
    saved: bool  # False: nothing changed, no version written


def clean_text(text: str) -> str:
    """Normalise newlines, drop control characters; every other Unicode character is kept."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return strip_sentinels(_CONTROL.sub("", text))


def validate_body(body: str) -> None:
    limit = settings.SECTION_BODY_MAX_BYTES
    size = len(body.encode("utf-8"))
    if size > limit:
        raise ValidationError(
            _(
                "The text is %(size)s KB; the limit is %(limit)s KB. Split the section or shorten "
                "the text: nothing was saved, and your text is still in the form."
            )
            % {"size": size // 1024, "limit": limit // 1024},
            code="too_long",
        )


def section_update(
    *,
    section: Section,
    heading: str,
    body: str,
    base_version: int | None,
    user,
    reason: str,
    proposal=None,
) -> UpdateResult:
    """Save a new version of the section's heading and text, if and only if nobody saved since
    ``base_version`` (the version the editor opened). The check is made in the database: the row
    is locked (``select_for_update``) and the version is claimed by a conditional UPDATE, so of
    two concurrent saves on the same base exactly one wins. An unchanged save writes nothing.
    """
    heading, body = clean_text(heading).strip(), clean_text(body)
    validate_body(body)
    if not heading:
        raise ValidationError(_("A heading is required."), code="required")
    with transaction.atomic():
        current = Section.objects.select_for_update().get(pk=section.pk)
        if current.is_deleted:
            raise SectionDeleted(current)
        if base_version is None or current.version != base_version:
            raise EditConflict(current, base_version)
        if current.heading == heading and current.body == body:
            return UpdateResult(current, False)
        claimed = Section.objects.filter(
            pk=current.pk, version=base_version, is_deleted=False
        ).update(version=base_version + 1)
        if claimed != 1:  # another transaction got there first
            raise EditConflict(Section.objects.get(pk=current.pk), base_version)
        current.heading, current.body, current.version = heading, body, base_version + 1
        save_versioned(current, user=user, reason=reason, proposal=proposal)
        return UpdateResult(current, True)


def restore_reason(past) -> str:
    return _("Restored version %(version)s") % {"version": past.version}


def section_restore_version(
    *, section: Section, history_id: int, user, expected_version: int | None
) -> UpdateResult:
    """Make a past version the current one, as a new version ("Restored version N").
    ``expected_version``: the version the history page showed as current; if the section was
    saved since, ``EditConflict`` (checked by ``section_update``, row lock and all)."""
    try:
        past = section.history.get(history_id=history_id)
    except section.history.model.DoesNotExist:
        raise ValidationError(_("There is no such version of this section.")) from None
    return section_update(
        section=section,
        heading=past.heading,
        body=past.body,
        base_version=expected_version,
        user=user,
        reason=restore_reason(past),
    )
