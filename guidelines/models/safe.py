"""SAFE Framework of Standards reference data and the section-to-standard mappings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .documents import Section


class Pillar(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    added_in = models.PositiveSmallIntegerField(_("added in edition"), null=True, blank=True)
    verified = models.BooleanField(
        _("verified against the WCO text"),
        default=False,
        help_text=_("Tick once the title has been checked against the official text."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("SAFE pillar")
        verbose_name_plural = _("SAFE pillars")

    def __str__(self) -> str:
        return f"{_('Pillar')} {self.number}: {self.title}"


class Standard(models.Model):
    pillar = models.ForeignKey(
        Pillar, verbose_name=_("pillar"), on_delete=models.PROTECT, related_name="standards"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    tier = models.CharField(_("tier"), max_length=200, blank=True)
    # Removed from the Framework (a later edition): kept for the history and for the dispositions
    # that point at it, shown as removed.
    is_deleted = models.BooleanField(_("removed from the Framework"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pillar__number", "number"]
        verbose_name = _("SAFE standard")
        verbose_name_plural = _("SAFE standards")
        constraints = [
            models.UniqueConstraint(fields=["pillar", "number"], name="standard_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    @property
    def code(self) -> str:
        """Short reference such as ``P1.S6`` (pillar 1, standard 6)."""
        return f"P{self.pillar.number}.S{self.number}"


class MappingRelation(models.TextChoices):
    IMPLEMENTS = "implements", _("implements")
    SUPPORTS = "supports", _("supports")
    OVERLAPS = "overlaps", _("overlaps / duplicates")
    TO_INTEGRATE = "integrate", _("to be integrated into")


class MappingQuerySet(models.QuerySet):
    def live(self) -> "MappingQuerySet":
        return self.filter(is_deleted=False)


class Mapping(models.Model):
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="mappings"
    )
    standard = models.ForeignKey(
        Standard, verbose_name=_("standard"), on_delete=models.PROTECT, related_name="mappings"
    )
    relation = models.CharField(_("relation"), max_length=12, choices=MappingRelation.choices)
    note = models.TextField(_("note"), blank=True)
    is_deleted = models.BooleanField(_("removed"), default=False)
    history = HistoricalRecords()

    objects = MappingQuerySet.as_manager()

    class Meta:
        ordering = ["standard__pillar__number", "standard__number"]
        verbose_name = _("mapping")
        verbose_name_plural = _("mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["section", "standard"],
                condition=models.Q(is_deleted=False),
                name="mapping_unique_live",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section} → {self.standard} ({self.get_relation_display()})"
