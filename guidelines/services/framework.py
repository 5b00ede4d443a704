"""Writes on the SAFE Framework's text (``FrameworkText``) and on standards removed from it.

A text is written as a section is (``services/sections.py``): the live row is locked, the
version the writer saw is checked (``FrameworkTextConflict`` if someone saved since), an
unchanged text writes nothing and a change is a new version, with who and why in its history.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..imports.framework import ParsedFramework
from ..models import FrameworkText, Standard
from .history import save_versioned
from .overlaps import overlaps_suspended, schedule_framework
from .sections import clean_text, validate_body
from .versions import VersionConflict


class FrameworkTextConflict(VersionConflict):
    """The text was saved (or created, or removed) since the writer saw it."""

    def __init__(self, current: FrameworkText | None, expected_version: int | None) -> None:
        found = current.version if current is not None else None
        super().__init__(f"framework text is at version {found}, not {expected_version}")
        self.current = current
        self.expected_version = expected_version


@dataclass(frozen=True)
class TextSaveResult:
    text: FrameworkText
    created: bool
    saved: bool  # False: nothing changed, nothing written


@dataclass(frozen=True)
class ImportCounts:
    created: int
    changed: int
    unchanged: int


def _live(standard: Standard, spec: str, language: str):
    return FrameworkText.objects.filter(
        standard=standard, spec=spec, language=language, is_deleted=False
    )


def framework_text_save(
    *,
    standard: Standard,
    spec: str = "",
    language: str = "en",
    title: str = "",
    body: str,
    user,
    reason: str,
    expected_version: int | None,
) -> TextSaveResult:
    """Create the text of ``standard`` (or of its specification ``spec``) in ``language``
    (``expected_version`` None: there must be no live text yet), or update it (there must be
    one, at ``expected_version``). The live row is locked; an unchanged text writes nothing."""
    spec, title = clean_text(spec).strip(), clean_text(title).strip()
    body = clean_text(body).strip()
    validate_body(body)
    if not body:
        raise ValidationError(_("The text is empty."), code="required")
    with transaction.atomic():
        standard = Standard.objects.select_for_update().get(pk=standard.pk)
        if standard.is_deleted:
            raise ValidationError(
                _("%(code)s is removed from the Framework: restore it before writing its text.")
                % {"code": standard.code},
                code="removed",
            )
        current = _live(standard, spec, language).select_for_update().first()
        if current is None:
            if expected_version is not None:
                raise FrameworkTextConflict(None, expected_version)
            text = FrameworkText(
                standard=standard, spec=spec, language=language, title=title, body=body
            )
            return TextSaveResult(save_versioned(text, user=user, reason=reason), True, True)
        if expected_version is None or current.version != expected_version:
            raise FrameworkTextConflict(current, expected_version)
        if current.title == title and current.body == body:
            return TextSaveResult(current, False, False)
        current.title, current.body, current.version = title, body, current.version + 1
        return TextSaveResult(save_versioned(current, user=user, reason=reason), False, True)


def framework_text_remove(*, text: FrameworkText, user, reason: str) -> FrameworkText:
    """Soft-remove a text: it leaves the SAFE page and the finder, its history stays."""
    with transaction.atomic():
        text = FrameworkText.objects.select_for_update().get(pk=text.pk)
        if text.is_deleted:
            return text
        text.is_deleted = True
        return save_versioned(text, user=user, reason=reason)


def _standard_removed(*, standard: Standard, removed: bool, user, reason: str) -> Standard:
    with transaction.atomic():
        standard = Standard.objects.select_for_update().get(pk=standard.pk)
        if standard.is_deleted == removed:
            return standard
        standard.is_deleted = removed
        return save_versioned(standard, user=user, reason=reason)


def standard_remove(*, standard: Standard, user, reason: str) -> Standard:
    """Mark a standard removed from the Framework (a later edition): it leaves the overview,
    the coverage matrix and the proposal forms; its texts, mappings and history stay."""
    return _standard_removed(standard=standard, removed=True, user=user, reason=reason)


def standard_restore(*, standard: Standard, user, reason: str) -> Standard:
    return _standard_removed(standard=standard, removed=False, user=user, reason=reason)


def framework_import(*, parsed: ParsedFramework, user, reason: str) -> ImportCounts:
    """Apply a parsed file in one transaction (all or nothing), text by text through
    ``framework_text_save``. Texts the file does not mention are left as they are. The
    duplication finder recomputes once after the commit, not once per text saved."""
    if not parsed.texts:
        raise ValidationError(_("The file holds no standard."), code="empty")
    standards = {(s.pillar.number, s.number): s for s in Standard.objects.select_related("pillar")}
    created = changed = unchanged = 0
    with transaction.atomic():
        with overlaps_suspended():
            for item in parsed.texts:
                standard = standards.get((item.pillar, item.standard))
                if standard is None:
                    raise ValidationError(
                        _("Line %(line)s: there is no standard %(code)s in the Framework.")
                        % {"line": item.line, "code": f"P{item.pillar}.S{item.standard}"}
                    )
                current = _live(standard, item.spec, item.language).first()
                result = framework_text_save(
                    standard=standard,
                    spec=item.spec,
                    language=item.language,
                    title=item.title,
                    body=item.body,
                    user=user,
                    reason=reason,
                    expected_version=current.version if current is not None else None,
                )
                if result.created:
                    created += 1
                elif result.saved:
                    changed += 1
                else:
                    unchanged += 1
        if created or changed:  # after the commit: one recomputation for the whole file
            schedule_framework()
    return ImportCounts(created, changed, unchanged)
