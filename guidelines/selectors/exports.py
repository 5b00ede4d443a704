"""Reads of export jobs."""

from ..exports.storage import export_storage
from ..models import ACTIVE_STATUSES, ExportJob, ExportStatus


def export_job_get(document, pk) -> ExportJob | None:
    return (
        ExportJob.objects.select_related("requested_by", "requested_by__delegation")
        .filter(document=document, pk=pk)
        .first()
    )


def export_job_list(document):
    return ExportJob.objects.filter(document=document).select_related(
        "requested_by", "requested_by__delegation", "milestone", "against", "working_document"
    )


def export_job_reusable(key: str) -> ExportJob | None:
    """The active job for ``key``, or the latest finished one whose file is still stored."""
    active = ExportJob.objects.filter(key=key, status__in=ACTIVE_STATUSES).first()
    if active is not None:
        return active
    done = ExportJob.objects.filter(key=key, status=ExportStatus.DONE).exclude(file="").first()
    if done is not None and export_storage().exists(done.file):
        return done
    return None
