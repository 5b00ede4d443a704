"""Export jobs in the worker: claimed once, recovered when the worker dies, files whole or not
at all."""

import os
import socket
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from guidelines.exports.files import export_plan
from guidelines.exports.storage import AtomicFileSystemStorage, export_storage
from guidelines.models import Document, ExportFailure, ExportJob, ExportStatus, User
from guidelines.services.exports import (
    export_job_run,
    export_request,
    exports_recover,
    process_identity,
)

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued_job(settings, fmt="pdf") -> ExportJob:
    settings.TASKS = DB_TASKS  # enqueue only: the test plays the worker
    plan = export_plan(
        document=Document.objects.get(slug="iscm-guidelines"), variant="clean", fmt=fmt
    )
    return export_request(user=User.objects.get(username="secretariat"), plan=plan, filename="d")


def dead_worker() -> str:
    """A worker on this machine whose process is gone (a pid above the kernel's maximum)."""
    from guidelines.services.exports import machine_identity

    return f"{machine_identity()}:4194305:1"


@pytest.mark.django_db
def test_a_job_is_claimed_by_one_worker_only(seeded, settings):
    job = queued_job(settings)
    done = export_job_run(job_id=job.pk, worker="host-a:1:1")
    assert done.status == ExportStatus.DONE and done.attempts == 1 and done.progress == 100
    assert export_job_run(job_id=job.pk, worker="host-b:2:2") is None  # nothing to claim
    with export_storage().open(done.file, "rb") as handle:
        assert handle.read().startswith(b"%PDF")
    assert done.size == export_storage().size(done.file)


@pytest.mark.django_db
def test_a_job_whose_worker_died_is_run_again_once_then_failed(seeded, settings):
    job = queued_job(settings)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING,
        worker=dead_worker(),
        attempts=1,
        lease_until=timezone.now() + timedelta(hours=1),  # the lease has not run out
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert exports_recover() == (1, 0)  # the dead process is noticed at once on this machine
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.attempts == 2  # run again, by the new task

    second = queued_job(settings, fmt="docx")
    ExportJob.objects.filter(pk=second.pk).update(
        status=ExportStatus.RUNNING, worker=dead_worker(), attempts=2
    )
    assert exports_recover() == (0, 1)
    second.refresh_from_db()
    assert second.status == ExportStatus.FAILED and second.failure == ExportFailure.WORKER_LOST


@pytest.mark.django_db
def test_a_lease_that_ran_out_on_another_machine_hands_the_job_on(seeded, settings):
    job = queued_job(settings)
    alive_elsewhere = "another-host:1:1"
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING, worker=alive_elsewhere, attempts=1,
        lease_until=timezone.now() + timedelta(minutes=5),
    )  # fmt: skip
    assert exports_recover() == (0, 0)  # another machine's worker with a live lease: left alone
    ExportJob.objects.filter(pk=job.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert exports_recover() == (1, 0)
    job.refresh_from_db()
    assert job.status == ExportStatus.QUEUED


@pytest.mark.django_db
def test_a_run_that_lost_its_job_keeps_nothing(seeded, settings, monkeypatch):
    """A worker that was presumed dead and comes back must not overwrite the newer run."""
    job = queued_job(settings)
    from guidelines.exports import files

    real_render = files.ExportPlan.render

    def render_then_lose_the_job(plan, progress):
        data = real_render(plan, progress)
        ExportJob.objects.filter(pk=job.pk).update(worker="someone-else:1:1")
        return data

    monkeypatch.setattr(files.ExportPlan, "render", render_then_lose_the_job)
    result = export_job_run(job_id=job.pk, worker=process_identity())
    assert result.status == ExportStatus.RUNNING and result.worker == "someone-else:1:1"
    assert result.file == ""
    assert not list(export_storage().listdir("iscm-guidelines")[1])  # its file was removed


def test_a_file_is_stored_whole_or_not_at_all(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)

    class Interrupted(ContentFile):
        def chunks(self, chunk_size=None):
            yield b"%PDF-1.7 half"
            raise OSError("worker killed")

    with pytest.raises(OSError):
        storage.save("doc/file.pdf", Interrupted(b"x"))
    assert not (tmp_path / "doc" / "file.pdf").exists()
    assert not list(tmp_path.rglob("*.part"))  # the temporary file went with it
    name = storage.save("doc/file.pdf", ContentFile(b"%PDF-1.7 whole"))
    assert (tmp_path / name).read_bytes() == b"%PDF-1.7 whole"
    # What a SIGKILL leaves behind is cleaned up by the worker's housekeeping when it is old.
    leftover = tmp_path / "doc" / ".tmpabc.part"
    leftover.write_bytes(b"%PDF-1.7 ha")
    assert storage.remove_stale_partials(older_than_seconds=3600) == 0
    old = timezone.now().timestamp() - 7200
    os.utime(leftover, (old, old))
    assert storage.remove_stale_partials(older_than_seconds=3600) == 1
    assert not leftover.exists()


@pytest.mark.django_db
def test_a_database_error_while_rendering_leaves_the_job_to_be_handed_on(
    seeded, settings, monkeypatch
):
    """Not the export's fault: the job is not failed; between tasks, the worker that held it
    puts it back in the queue at once."""
    from django.db import OperationalError

    from guidelines.exports import files

    job = queued_job(settings)

    def database_gone(plan, progress):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(files.ExportPlan, "render", database_gone)
    me = process_identity()
    with pytest.raises(OperationalError):
        export_job_run(job_id=job.pk, worker=me)
    job.refresh_from_db()
    assert job.status == ExportStatus.RUNNING and job.failure == ""
    assert exports_recover() == (0, 0)  # its worker is alive and its lease runs
    assert exports_recover(orphaned_by=me) == (1, 0)
    job.refresh_from_db()
    assert job.status == ExportStatus.QUEUED


@pytest.mark.django_db
def test_a_queued_job_whose_task_was_lost_is_queued_again_once_per_lease(seeded, settings):
    from django_tasks_db.models import DBTaskResult

    job = queued_job(settings)
    assert DBTaskResult.objects.count() == 1
    ExportJob.objects.filter(pk=job.pk).update(enqueued_at=timezone.now() - timedelta(hours=1))
    for _round in range(5):
        exports_recover()
    assert DBTaskResult.objects.count() == 2


def test_a_worker_is_judged_gone_only_where_its_pids_mean_the_same(monkeypatch):
    from guidelines.services import exports as service

    here = service.machine_identity()
    assert service._worker_is_gone(f"{here}:4194305:1")
    elsewhere = here.rsplit("/", 1)[0] + "/1"  # the same host name, another pid namespace
    assert not service._worker_is_gone(f"{elsewhere}:4194305:1")
    assert not service._worker_is_gone(f"{socket.gethostname()}:4194305:1")
    assert not service._worker_is_gone(f"{here}:{os.getpid()}:{service._start_time(os.getpid())}")
