"""Word imports: a "Word for review" file a delegation sent back, kept from its upload until its
proposals and comments are submitted (or the import is discarded)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .accounts import Delegation
from .documents import Document


class WordImportStatus(models.TextChoices):
    WAITING = "waiting", _("waiting for review")
    SUBMITTED = "submitted", _("submitted")
    DISCARDED = "discarded", _("discarded")


class WordImportManager(models.Manager):
    """The file's bytes are loaded only when read (``word_import.data``): the pages that show
    "Imported from Word" need its name, not its up to 20 MB."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().defer("data")


class WordImport(models.Model):
    """An uploaded .docx (``data``: its bytes, checked readable at upload), for ``delegation``
    (the uploader's own, or the one a facilitator imports on behalf of). ``authors``: the names
    found in the file (tracked changes, comments), stored at submission for the pages' note."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="word_imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("uploaded by"),
    )  # fmt: skip
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, related_name="+", verbose_name=_("delegation")
    )
    filename = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(_("file"))
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=12, choices=WordImportStatus.choices,
        default=WordImportStatus.WAITING,
    )  # fmt: skip
    authors = models.TextField(_("authors in the file"), blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("submitted or discarded at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["data"])

    objects = WordImportManager()

    class Meta:
        base_manager_name = "objects"  # also when reached from a proposal or a comment
        ordering = ["-created_at", "-id"]
        verbose_name = _("Word import")
        verbose_name_plural = _("Word imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.delegation})"

    @property
    def is_waiting(self) -> bool:
        return self.status == WordImportStatus.WAITING
