"""Proposals: a delegation's suggested change to the draft (its discussion is comment threads,
``Comment.proposal``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .accounts import Delegation
from .documents import Document, Section
from .phase_two import DispositionChoice, IntegrateAs
from .safe import MappingRelation, Standard
from .translations import Language


class ProposalKind(models.TextChoices):
    AMEND = "amend", _("Amend the text")
    INSERT = "insert", _("Insert a new section")
    DELETE = "delete", _("Delete the section")
    MOVE = "move", _("Move the section")
    MAP_ADD = "map_add", _("Add a SAFE mapping")
    MAP_REMOVE = "map_remove", _("Remove a SAFE mapping")
    DISPOSE = "dispose", _("Phase-two disposition")


class ProposalStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("proposal", "open")
    ACCEPTED = "accepted", _("accepted")
    ACCEPTED_WITH_CHANGES = "accepted_changed", _("accepted with changes")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")
    SUPERSEDED = "superseded", _("superseded")


class Placement(models.TextChoices):
    BEFORE = "before", _("before")
    AFTER = "after", _("after")
    CHILD = "child", _("inside, at the end")


class ProposalQuerySet(models.QuerySet):
    def open(self) -> "ProposalQuerySet":
        return self.filter(status=ProposalStatus.OPEN)

    def for_document(self, document: Document) -> "ProposalQuerySet":
        return self.filter(document=document)


class Proposal(models.Model):
    """A suggested change. ``section`` is the section concerned (for an insertion: the section
    the new one goes before, after or inside). ``base_version``, ``base_heading`` and
    ``base_body`` record the text it was made on, so it can be merged after later edits."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="proposals")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="proposals")
    kind = models.CharField(_("kind"), max_length=12, choices=ProposalKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals"
    )
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="proposals")
    rationale = models.TextField(_("rationale"))
    # The language the proposed text and the rationale are written in; shown as written, never
    # translated (a proposal always amends the English, the source while drafting).
    language = models.CharField(
        _("language of the text"), max_length=8, choices=Language.choices,
        default=Language.ENGLISH,
    )  # fmt: skip
    base_version = models.PositiveIntegerField(_("based on version"))
    base_heading = models.CharField(max_length=300, blank=True)
    base_body = models.TextField(blank=True)
    proposed_heading = models.CharField(_("proposed heading"), max_length=300, blank=True)
    proposed_body = models.TextField(_("proposed text"), blank=True)
    placement = models.CharField(_("where"), max_length=8, choices=Placement.choices, blank=True)
    target = models.ForeignKey(
        Section, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("next to"),
    )  # fmt: skip
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, null=True, blank=True)
    relation = models.CharField(
        _("relation"), max_length=12, choices=MappingRelation.choices, blank=True
    )
    # DISPOSE: the proposed phase-two disposition (``standard``: the target standard, or the
    # standard it duplicates; ``target``: the section it duplicates)
    disposition = models.CharField(
        _("disposition"), max_length=10, choices=DispositionChoice.choices, blank=True
    )
    integrate_as = models.CharField(
        _("integrate as"), max_length=10, choices=IntegrateAs.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("decision reason"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    round = models.ForeignKey(
        "guidelines.ConsultationRound",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("in response to"),
    )
    word_import = models.ForeignKey(  # the Word file it was imported from, if any
        "guidelines.WordImport", on_delete=models.PROTECT, null=True, blank=True,
        related_name="proposals", verbose_name=_("imported from"),
    )  # fmt: skip
    history = HistoricalRecords()

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            models.Index(fields=["document", "status"]),
            models.Index(fields=["section", "status"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()} ({self.delegation})"

    @property
    def is_open(self) -> bool:
        return self.status == ProposalStatus.OPEN

    def is_stale(self, current_version: int | None = None) -> bool:
        """Made on an older version of the section than the current one (derived, not stored)."""
        version = self.section.version if current_version is None else current_version
        return self.is_open and self.kind == ProposalKind.AMEND and self.base_version != version
