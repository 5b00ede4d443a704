"""Consultation rounds: the facilitator asks the invited delegations for their proposals and
comments on a named draft by a deadline (the Mini-Group's written procedure, "comments by
1 March 2018"). A delegation responds with proposals, comments, or a "no comments" declaration."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .accounts import Delegation
from .documents import Document
from .milestones import Milestone


class RoundStatus(models.TextChoices):
    """Derived from the deadline, never stored."""

    OPEN = "open", pgettext_lazy("consultation round", "open")
    CLOSED = "closed", _("closed")


class ConsultationRoundQuerySet(models.QuerySet):
    def for_document(self, document: Document) -> "ConsultationRoundQuerySet":
        return self.filter(document=document)

    def open(self, now=None) -> "ConsultationRoundQuerySet":
        return self.filter(deadline__gt=now or timezone.now())

    def inviting(self, delegation_id: int | None) -> "ConsultationRoundQuerySet":
        return self.filter(invited=delegation_id) if delegation_id else self.none()


class ConsultationRound(models.Model):
    """Invited delegations are fixed when the round opens (recorded in the opening's history
    reason); the deadline may be extended and late comments allowed afterwards."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="rounds")
    milestone = models.ForeignKey(
        Milestone, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("draft")
    )
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True)
    opened_at = models.DateTimeField(_("opened at"))
    deadline = models.DateTimeField(_("deadline"))
    invited = models.ManyToManyField(
        Delegation, related_name="rounds", verbose_name=_("invited delegations")
    )
    late_comments_allowed = models.BooleanField(
        _("comments allowed after the deadline"), default=False
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = ConsultationRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("consultation round")
        verbose_name_plural = _("consultation rounds")

    def __str__(self) -> str:
        return self.title

    def status(self, now=None) -> RoundStatus:
        return RoundStatus.OPEN if (now or timezone.now()) < self.deadline else RoundStatus.CLOSED

    @property
    def is_open(self) -> bool:
        return self.status() == RoundStatus.OPEN


class RoundDeclaration(models.Model):
    """A delegation declares it has no comments on the round. Not withdrawable: a delegation
    that declared may still propose before the deadline (the summary shows both)."""

    round = models.ForeignKey(
        ConsultationRound, on_delete=models.PROTECT, related_name="declarations"
    )
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="+")
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    declared_at = models.DateTimeField(_("declared at"))
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["declared_at", "id"]
        verbose_name = _("“no comments” declaration")
        verbose_name_plural = _("“no comments” declarations")
        constraints = [
            models.UniqueConstraint(fields=["round", "delegation"], name="round_declaration_unique")
        ]

    def __str__(self) -> str:
        return f"{self.delegation}: no comments on {self.round_id}"


class RoundReminder(models.Model):
    """One row per reminder sent (``days_before`` the ``deadline`` it announced): the unique
    constraint is the claim, so two workers never send the same reminder; a deadline moved
    later arms the reminders again for the new one."""

    round = models.ForeignKey(ConsultationRound, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    deadline = models.DateTimeField()
    sent_at = models.DateTimeField()
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "days_before", "deadline"], name="round_reminder_unique"
            )
        ]

    def __str__(self) -> str:
        return f"reminder {self.days_before} d before {self.round_id}"
