"""Export jobs: asked for by the web process, run by a task worker, recovered when a worker dies.

Concurrency contract:
- ``export_request`` returns the one queued or running job for the export's key, or a finished
  one whose file is still stored, or a new queued job; a partial unique index on the key makes
  two requests at once end with one job (the loser reads the winner's row).
- ``export_job_run`` claims a job with a conditional UPDATE (queued -> running); a job another
  worker claimed is left alone. Every later write of the run is conditional on the same worker
  still holding the job, so a run that lost its lease (and was handed to another worker) cannot
  overwrite the newer run's result.
- ``exports_recover`` (the worker's housekeeping) puts a running job whose lease ran out, or whose
  worker process on this machine is gone, back in the queue once, then marks it failed.
- Files are stored complete or not at all (``exports.storage``); a job is "done" only after its
  file is stored, so no half-written file is ever served.
"""

import logging
import os
import socket
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, InterfaceError, transaction
from django.db.models import F
from django.utils import timezone

from ..exports.files import PLAN_OPTIONS, ExportPlan, export_plan
from ..exports.storage import export_storage
from ..models import ACTIVE_STATUSES, ExportFailure, ExportJob, ExportStage, ExportStatus
from ..selectors.exports import export_job_reusable
from ..selectors.ratelimits import EXPORT, rate_limit_check

log = logging.getLogger(__name__)


def machine_identity() -> str:
    """Where pids mean the same thing: the host name, the kernel's boot id and the pid
    namespace (two containers with one host name do not see each other's processes)."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()[:8]
        namespace = os.stat("/proc/self/ns/pid").st_ino
    except OSError:
        return socket.gethostname()
    return f"{socket.gethostname()}/{boot}/{namespace}"


def process_identity() -> str:
    """machine:pid:start-time of this process (the start time tells a reused pid apart)."""
    pid = os.getpid()
    return f"{machine_identity()}:{pid}:{_start_time(pid)}"


def _start_time(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return "?"


def _worker_is_gone(worker: str) -> bool:
    """True only when we can tell for sure: the worker ran on this machine and is not alive."""
    machine, _, rest = worker.partition(":")
    pid_text, _, started = rest.partition(":")
    if machine != machine_identity() or "/" not in machine or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return started not in ("", "?") and _start_time(pid) not in (started, "?")


def export_request(*, user, plan: ExportPlan, filename: str, limited: bool = False) -> ExportJob:
    """The job that delivers ``plan``: a stored finished one, the active one, or a new one.

    ``limited`` (a request from the web): a new job counts against the user's export rate limit
    and raises ``RateLimited`` over it; a stored file or a job under way is always given.
    """
    reusable = export_job_reusable(plan.key)
    if reusable is not None:
        return reusable
    if limited:
        rate_limit_check(user=user, action=EXPORT)
    try:
        job = _job_create(plan, user=user, filename=filename)
    except IntegrityError:
        active = ExportJob.objects.filter(key=plan.key, status__in=ACTIVE_STATUSES).first()
        if active is None:  # it finished in between
            return export_request(user=user, plan=plan, filename=filename, limited=limited)
        return active
    _enqueue(job)
    job.refresh_from_db()
    return job


def _enqueue(job: ExportJob) -> None:
    from ..tasks import export_run

    export_run.enqueue(job.pk)


def _job_create(plan: ExportPlan, *, user, filename: str) -> ExportJob:
    """A queued job for ``plan``; IntegrityError if one for its key is queued or running."""
    with transaction.atomic():
        return ExportJob.objects.create(
            **plan.options(), key=plan.key, filename=filename[:120], requested_by=user
        )


def plan_for(job: ExportJob) -> ExportPlan:
    return export_plan(**{name: getattr(job, name) for name in PLAN_OPTIONS})


def export_job_run(*, job_id: int, worker: str | None = None) -> ExportJob | None:
    """Run one job if it is still queued; returns it finished (done or failed), else None."""
    worker = worker or process_identity()
    now = timezone.now()
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING,
        stage=ExportStage.GATHERING,
        progress=5,
        started_at=now,
        lease_until=now + timedelta(seconds=settings.EXPORT_LEASE_SECONDS),
        worker=worker,
        attempts=F("attempts") + 1,
    )
    if not claimed:
        return None
    job = ExportJob.objects.select_related(
        "document", "milestone", "against", "working_document"
    ).get(pk=job_id)
    mine = ExportJob.objects.filter(pk=job.pk, status=ExportStatus.RUNNING, worker=worker)

    def progress(stage: str, percent: int) -> None:
        mine.update(
            stage=stage,
            progress=percent,
            lease_until=timezone.now() + timedelta(seconds=settings.EXPORT_LEASE_SECONDS),
        )

    try:
        plan = plan_for(job)
        data = plan.render(progress)
        progress(ExportStage.WRITING, 90)
        name = export_storage().save(
            # Unique to this run: a run that lost its lease never touches the file of another.
            f"{job.document.slug}/{job.filename}-{job.key[:12]}-{job.pk}-{uuid.uuid4().hex[:8]}"
            f".{job.fmt}",
            ContentFile(data),
        )
    except (DatabaseError, InterfaceError):
        # The database went away: not the export's fault. The job stays running, and the
        # worker's housekeeping hands it on (``exports_recover(orphaned_by=...)``).
        raise
    except Exception as error:  # noqa: BLE001  (recorded on the job and shown to whoever asked)
        log.exception("export job %s failed", job.pk)
        mine.update(
            status=ExportStatus.FAILED,
            failure=ExportFailure.ERROR,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
            lease_until=None,
        )
    else:
        finished = mine.update(
            status=ExportStatus.DONE,
            stage=ExportStage.FINISHED,
            progress=100,
            file=name,
            size=len(data),
            finished_at=timezone.now(),
            lease_until=None,
        )
        if not finished:  # the lease was lost and the job handed on: this file is not used
            export_storage().delete(name)
    job.refresh_from_db()
    return job


def exports_recover(*, orphaned_by: str | None = None) -> tuple[int, int]:
    """Running jobs whose worker is gone (or, with ``orphaned_by``, that this process holds
    between two tasks): retried once, then failed. Returns (retried, failed)."""
    now = timezone.now()
    retried = failed = 0
    for job in ExportJob.objects.filter(status=ExportStatus.RUNNING):
        expired = job.lease_until is None or job.lease_until < now
        gone = job.worker == orphaned_by or _worker_is_gone(job.worker)
        if not expired and not gone:
            continue
        # Unchanged since we looked: a lease renewed meanwhile keeps the job with its worker.
        stuck = ExportJob.objects.filter(
            pk=job.pk, status=ExportStatus.RUNNING, worker=job.worker, lease_until=job.lease_until
        )
        if job.attempts < settings.EXPORT_MAX_ATTEMPTS:
            if stuck.update(
                status=ExportStatus.QUEUED,
                stage=ExportStage.WAITING,
                progress=0,
                lease_until=None,
                enqueued_at=now,
            ):
                log.warning("export job %s lost its worker %s: queued again", job.pk, job.worker)
                _enqueue(job)
                retried += 1
        elif stuck.update(
            status=ExportStatus.FAILED,
            failure=ExportFailure.WORKER_LOST,
            finished_at=now,
            lease_until=None,
        ):
            log.error("export job %s lost its worker twice: failed", job.pk)
            failed += 1
    # A queued job whose task was lost (the process stopped between commit and enqueue): queued
    # again, once per lease period, by whichever worker moves its clock first.
    stale = now - timedelta(seconds=settings.EXPORT_LEASE_SECONDS)
    for job in ExportJob.objects.filter(status=ExportStatus.QUEUED, enqueued_at__lt=stale):
        mine = ExportJob.objects.filter(
            pk=job.pk, status=ExportStatus.QUEUED, enqueued_at=job.enqueued_at
        ).update(enqueued_at=now)
        if mine:
            _enqueue(job)
    storage = export_storage()
    if hasattr(storage, "remove_stale_partials"):
        storage.remove_stale_partials()
    return retried, failed


def export_file(*, use_cache: bool = True, **options) -> tuple[bytes, bool]:
    """An export made in this process (the command line, the benchmark), kept like any other
    job so that the web pages reuse it: (file bytes, True if it was stored already)."""
    plan = export_plan(**options)
    if not use_cache:
        return plan.render(), False
    job = export_job_reusable(plan.key)
    if job is None or job.status != ExportStatus.DONE:
        working = plan.working_document
        filename = working.reference if working else f"{plan.document.slug}-{plan.variant}"
        try:
            job = _job_create(plan, user=None, filename=filename)
        except IntegrityError:  # a worker is making it right now: make our own copy
            return plan.render(), False
        job = export_job_run(job_id=job.pk)
        if job is None or job.status != ExportStatus.DONE:
            raise ValueError(job.error if job is not None else "the export did not run")
        return _read(job), False
    return _read(job), True


def _read(job: ExportJob) -> bytes:
    with export_storage().open(job.file, "rb") as handle:
        return handle.read()
