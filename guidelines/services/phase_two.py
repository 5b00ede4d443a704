"""Phase two: a section's decided disposition (integrate into a SAFE standard, keep, delete as a
duplicate, needs discussion), set by the facilitator directly or by accepting a disposition
proposal (``services.proposals.proposal_accept``).

Concurrency: the version token of a section's disposition is the number of its history rows
("0" before the first decision); ``disposition_set`` compares the token the page was rendered
from with the current one under the section's row lock, and raises ``DispositionConflict``
when someone decided meanwhile. Nothing is written then.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Disposition, DispositionChoice, IntegrateAs, Section
from ..permissions import require
from ..selectors.phase_two import disposition_version
from .history import save_versioned
from .sections import clean_text
from .versions import VersionConflict

D = DispositionChoice


class DispositionConflict(VersionConflict):
    """Someone set the section's disposition after the page was rendered."""

    def __init__(self, section: Section, expected: str | None, current: str) -> None:
        super().__init__(f"the disposition of section {section.key} changed")
        self.section = section
        self.expected = expected
        self.current = current


def validate_disposition(
    *, section: Section, disposition: str, integrate_as: str, standard, duplicate_of
) -> tuple[str, object, object]:
    """Check a disposition's fields; return (integrate_as, standard, duplicate_of) with what
    does not belong to this disposition cleared. Raises ``ValidationError`` with a clear
    message (a removed standard, a deleted section, a missing field)."""
    if disposition not in D.values:
        raise ValidationError(_("Choose a disposition."))
    if disposition == D.INTEGRATE:
        if standard is None:
            raise ValidationError(_("Choose the SAFE standard to integrate the section into."))
        if integrate_as not in IntegrateAs.values:
            raise ValidationError(
                _("Say how it is integrated: technical specification, annex example or guidance.")
            )
        _check_standard(standard)
        return integrate_as, standard, None
    if disposition == D.DELETE:
        if (standard is None) == (duplicate_of is None):
            raise ValidationError(
                _("Say what it duplicates: another section or a SAFE standard (one of the two).")
            )
        if standard is not None:
            _check_standard(standard)
        if duplicate_of is not None:
            if duplicate_of.pk == section.pk or duplicate_of.document_id != section.document_id:
                raise ValidationError(_("Choose another section of this document."))
            if duplicate_of.is_deleted:
                raise ValidationError(
                    _("The section it duplicates (“%(h)s”) was deleted.")
                    % {"h": duplicate_of.heading}
                )
            _check_no_cycle(section, duplicate_of)
        return "", standard, duplicate_of
    return "", None, None


def _check_no_cycle(section: Section, duplicate_of: Section) -> None:
    """Refuse when following the decided "deleted as a duplicate of" sections from
    ``duplicate_of`` comes back to ``section``: both texts would be dropped (1 query)."""
    chain = dict(
        Disposition.objects.filter(
            section__document_id=section.document_id,
            disposition=D.DELETE,
            duplicate_of__isnull=False,
        ).values_list("section_id", "duplicate_of_id")
    )
    seen, current = set(), duplicate_of.pk
    while current in chain and current not in seen:
        seen.add(current)
        current = chain[current]
        if current == section.pk:
            raise ValidationError(
                _(
                    "“%(h)s” is itself to be deleted as a duplicate of this section (directly "
                    "or through other sections): one of the two must stay."
                )
                % {"h": duplicate_of.heading}
            )


def _check_standard(standard) -> None:
    if standard.is_deleted:
        raise ValidationError(
            _("The standard %(code)s was removed from the SAFE Framework.")
            % {"code": standard.code}
        )


def disposition_set(
    *,
    section: Section,
    disposition: str,
    integrate_as: str = "",
    standard=None,
    duplicate_of=None,
    note: str = "",
    user,
    reason: str,
    proposal=None,
    expected_version: str | None,
) -> Disposition:
    """Set (or change) ``section``'s disposition; a history row records who, when, why
    (``reason``) and the ``proposal`` it comes from. ``expected_version``: the token
    (``disposition_version``) the page was rendered from; a different current one raises
    ``DispositionConflict``."""
    require(user, "decide")
    reason = clean_text(reason).strip()
    if not reason:
        raise ValidationError(_("A reason is required."))
    with transaction.atomic():
        locked = Section.objects.select_for_update().get(pk=section.pk)
        if locked.is_deleted:
            raise ValidationError(_("This section is deleted; restore it first."))
        current = disposition_version(locked)
        if expected_version is None or str(expected_version) != current:
            raise DispositionConflict(locked, expected_version, current)
        integrate_as, standard, duplicate_of = validate_disposition(
            section=locked,
            disposition=disposition,
            integrate_as=integrate_as,
            standard=standard,
            duplicate_of=duplicate_of,
        )
        row = Disposition.objects.filter(section=locked).first() or Disposition(section=locked)
        row.disposition, row.integrate_as = disposition, integrate_as
        row.standard, row.duplicate_of = standard, duplicate_of
        row.note = clean_text(note).strip()
        row.proposal, row.decided_by, row.decided_at = proposal, user, timezone.now()
        return save_versioned(row, user=user, reason=reason)
