"""Milestones: named drafts, each the whole document as of one instant."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .documents import Document


class Milestone(models.Model):
    """The document as it stood at ``taken_at`` (read with django-simple-history's history as of
    that instant). Nothing of a milestone can be changed after it is made."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="milestones")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    taken_at = models.DateTimeField(_("taken at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-taken_at", "-id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(fields=["document", "name"], name="milestone_name_unique")
        ]

    def __str__(self) -> str:
        return self.name
