"""Export jobs: one row per file asked for, shared by everyone who asks for the same inputs.

A job is queued by the web process and run by a task worker. While it runs it holds a lease,
renewed at each stage; a job whose lease ran out (or whose worker process is gone) is put back
in the queue once, then marked failed. At most one job per cache key is queued or running at a
time (a partial unique index), so the same export asked twice at once renders once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .documents import Document
from .milestones import Milestone
from .working_documents import WorkingDocument


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("in progress")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


ACTIVE_STATUSES = (ExportStatus.QUEUED, ExportStatus.RUNNING)


class ExportStage(models.TextChoices):
    WAITING = "waiting", _("Waiting for a worker")
    GATHERING = "gathering", _("Gathering the text and its history")
    LAYOUT = "layout", _("Laying out the pages")
    WRITING = "writing", _("Writing the file")
    FINISHED = "finished", _("Finished")


class ExportFailure(models.TextChoices):
    NONE = "", _("none")
    ERROR = "error", _("The export stopped with an error.")
    WORKER_LOST = "lost", _("The worker running the export stopped twice before it finished.")


class ExportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word"


class ExportJob(models.Model):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="export_jobs")
    key = models.CharField(_("cache key"), max_length=64, db_index=True)
    fmt = models.CharField(_("format"), max_length=8, choices=ExportFormat.choices)
    variant = models.CharField(_("variant"), max_length=20)
    language = models.CharField(_("language"), max_length=8)
    milestone = models.ForeignKey(
        Milestone, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    against = models.ForeignKey(
        Milestone, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    working_document = models.ForeignKey(
        WorkingDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filename = models.CharField(_("file name"), max_length=120)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=ExportStage.choices, default=ExportStage.WAITING
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    failure = models.CharField(
        _("failure"), max_length=8, choices=ExportFailure.choices, blank=True, default=""
    )
    error = models.TextField(_("error"), blank=True)
    file = models.CharField(_("stored file"), max_length=300, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    requested_by = models.ForeignKey(  # None: from the command line (manage.py export_pdf)
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="export_jobs",
    )
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    enqueued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    lease_until = models.DateTimeField(_("lease until"), null=True, blank=True)
    worker = models.CharField(_("worker"), max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(status__in=["queued", "running"]),
                name="one_active_export_per_key",
            )
        ]
        indexes = [models.Index(fields=["document", "-requested_at"])]

    def __str__(self) -> str:
        return f"{self.filename}.{self.fmt} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def download_name(self) -> str:
        return f"{self.filename}.{self.fmt}"
