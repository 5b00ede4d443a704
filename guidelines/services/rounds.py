"""Consultation rounds: open, extend or allow late comments, declare "no comments", remind.

The deadline is checked where a contribution is written (``round_check``, called by
``proposal_create`` and ``comment_create`` inside their transaction, on the round re-read and
locked there), not only in the form: a proposal submitted a second after the deadline is refused.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..models import (
    ConsultationRound,
    Delegation,
    Document,
    Milestone,
    NotificationKind,
    RoundDeclaration,
    RoundReminder,
    RoundStatus,
    User,
)
from ..permissions import CONTRIBUTORS, require
from ..selectors.rounds import round_responded_delegation_ids
from .history import save_versioned
from .notifications import notify
from .sections import clean_text


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i T")


def round_url(consultation: ConsultationRound) -> str:
    return reverse(
        "guidelines:round_detail",
        kwargs={"slug": consultation.document.slug, "pk": consultation.pk},
    )


def _recipients(delegation_ids):
    """The people who answer for these delegations (observers only read)."""
    return (
        User.objects.filter(
            is_active=True, delegation_id__in=list(delegation_ids), groups__name__in=CONTRIBUTORS
        )
        .distinct()
        .order_by("pk")
    )


def round_open(
    *,
    user,
    document: Document,
    milestone: Milestone,
    title: str,
    deadline: datetime,
    delegations,
    instructions: str = "",
    late_comments_allowed: bool = False,
    now: datetime | None = None,
) -> ConsultationRound:
    require(user, "decide")
    now = now or timezone.now()
    delegations = list(delegations)
    title = clean_text(title).strip()
    errors = {}
    if not title:
        errors["title"] = _("A round needs a title.")
    if milestone.document_id != document.pk:
        errors["milestone"] = _("Choose a draft of this document.")
    if deadline <= now:
        errors["deadline"] = _("The deadline must be in the future.")
    if not delegations:
        errors["delegations"] = _("Invite at least one delegation.")
    if errors:
        raise ValidationError(errors)
    consultation = ConsultationRound(
        document=document,
        milestone=milestone,
        title=title,
        instructions=clean_text(instructions).strip(),
        opened_at=now,
        deadline=deadline,
        late_comments_allowed=late_comments_allowed,
        opened_by=user,
    )
    names = ", ".join(sorted(d.name for d in delegations))
    with transaction.atomic():
        save_versioned(
            consultation,
            user=user,
            reason=_("Round opened; invited: %(names)s") % {"names": names},
        )
        consultation.invited.set(delegations)
        notify(
            _recipients(d.pk for d in delegations),
            exclude=user,
            url=round_url(consultation),
            subject=_("Consultation round “%(t)s”: respond by %(d)s")
            % {"t": title, "d": _when(deadline)},
            body=_(
                "%(who)s invites your delegation to comment on “%(draft)s” by %(d)s: make "
                "proposals or comments in response to the round, or declare that you have no "
                "comments.\n\n%(instructions)s"
            )
            % {
                "who": user.display_name(),
                "draft": milestone.name,
                "d": _when(deadline),
                "instructions": consultation.instructions,
            },
            kind=NotificationKind.ROUND,
            document=consultation.document,
        )
    return consultation


def round_update(
    *,
    user,
    consultation: ConsultationRound,
    deadline: datetime,
    late_comments_allowed: bool,
    reason: str,
) -> ConsultationRound:
    """Move the deadline (later or earlier) and allow or refuse late comments, with a reason."""
    require(user, "decide")
    reason = clean_text(reason).strip()
    if not reason:
        raise ValidationError({"reason": _("Say why.")})
    with transaction.atomic():
        locked = ConsultationRound.objects.select_for_update().get(pk=consultation.pk)
        if (locked.deadline, locked.late_comments_allowed) == (deadline, late_comments_allowed):
            return locked
        locked.deadline, locked.late_comments_allowed = deadline, late_comments_allowed
        return save_versioned(locked, user=user, reason=reason)


def round_check(*, consultation: ConsultationRound, user, document_id: int, proposal: bool):
    """Inside the caller's transaction: may ``user`` contribute to the round now? Returns the
    round re-read under a lock, or raises ValidationError naming the round and its deadline."""
    locked = ConsultationRound.objects.select_for_update().get(pk=consultation.pk)
    if (
        locked.document_id != document_id
        or not locked.invited.filter(pk=user.delegation_id or 0).exists()
    ):
        raise ValidationError(
            _("Your delegation is not invited to the consultation round “%(t)s”.")
            % {"t": locked.title}
        )
    if locked.is_open or (not proposal and locked.late_comments_allowed):
        return locked
    message = (
        _(
            "The consultation round “%(t)s” closed on %(d)s: proposals in response to it are no "
            "longer accepted."
        )
        if proposal
        else _(
            "The consultation round “%(t)s” closed on %(d)s: comments in response to it are no "
            "longer accepted."
        )
    )
    raise ValidationError(message % {"t": locked.title, "d": _when(locked.deadline)})


def round_declare_no_comments(
    *, user, consultation: ConsultationRound, note: str = "", now: datetime | None = None
) -> RoundDeclaration:
    require(user, "propose")
    now = now or timezone.now()
    with transaction.atomic():
        locked = ConsultationRound.objects.select_for_update().get(pk=consultation.pk)
        delegation = Delegation.objects.filter(pk=user.delegation_id or 0).first()
        if delegation is None or not locked.invited.filter(pk=delegation.pk).exists():
            raise ValidationError(_("Your delegation is not invited to this round."))
        if locked.status(now) != RoundStatus.OPEN:
            raise ValidationError(_("The round closed on %(d)s.") % {"d": _when(locked.deadline)})
        if RoundDeclaration.objects.filter(round=locked, delegation=delegation).exists():
            raise ValidationError(_("Your delegation has already declared it has no comments."))
        if delegation.pk in round_responded_delegation_ids(locked, contributions_only=True):
            raise ValidationError(
                _("Your delegation has made proposals or comments in this round already.")
            )
        declaration = RoundDeclaration(
            round=locked,
            delegation=delegation,
            declared_by=user,
            declared_at=now,
            note=clean_text(note).strip(),
        )
        return save_versioned(declaration, user=user, reason=_("No comments declared"))


def _claim(consultation: ConsultationRound, days: int, now: datetime) -> RoundReminder | None:
    try:
        with transaction.atomic():  # a savepoint: a lost race leaves the outer one usable
            return RoundReminder.objects.create(
                round=consultation, days_before=days, deadline=consultation.deadline, sent_at=now
            )
    except IntegrityError:
        return None


def rounds_remind(*, now: datetime | None = None) -> int:
    """Send the reminders due: ``ROUND_REMINDER_DAYS`` days before each open round's deadline,
    to the members of the invited delegations that have not responded. Each reminder is sent
    once (claimed by a unique row); one that fell due while nothing ran goes out once, late,
    for the nearest due moment only. Returns how many mails were queued."""
    now = now or timezone.now()
    queued = 0
    days_list = sorted(set(settings.ROUND_REMINDER_DAYS))
    for consultation in ConsultationRound.objects.open(now).select_related("document"):
        due = [
            d
            for d in days_list
            if consultation.opened_at < consultation.deadline - timedelta(days=d) <= now
        ]
        if not due:
            continue
        with transaction.atomic():
            claims = [c for c in (_claim(consultation, d, now) for d in due) if c is not None]
            if not claims or claims[0].days_before != due[0]:
                continue  # the nearest was sent already (a second worker, an earlier run)
            responded = round_responded_delegation_ids(consultation)
            waiting = set(consultation.invited.values_list("pk", flat=True)) - responded
            count = notify(
                _recipients(waiting),
                url=round_url(consultation),
                subject=_("Reminder: consultation round “%(t)s” closes on %(d)s")
                % {"t": consultation.title, "d": _when(consultation.deadline)},
                body=_(
                    "Your delegation has not responded to the consultation round “%(t)s” yet. "
                    "Make proposals or comments in response to it, or declare that you have no "
                    "comments, by %(d)s."
                )
                % {"t": consultation.title, "d": _when(consultation.deadline)},
                kind=NotificationKind.REMINDER,
                document=consultation.document,
            )
            claims[0].recipients = count
            claims[0].save(update_fields=["recipients"])
            queued += count
    return queued
