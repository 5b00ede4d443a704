"""The task worker as a real process (`manage.py worker`), with real concurrent writers.

Each test gets a database of its own (a SQLite file, or a PostgreSQL database when the suite
runs on PostgreSQL) that `manage.py` processes share; see tests/procs.py.
"""

import os
import shutil
import subprocess
import time

import pytest
from django.db import connections

from tests.procs import Site, stop, wait_for

ENQUEUE_EXPORT = """
from guidelines.exports.files import export_plan
from guidelines.models import Document, User
from guidelines.services.exports import export_request
plan = export_plan(document=Document.objects.get(slug="synthetic-300"), variant="clean")
job = export_request(user=User.objects.get(username="secretariat"), plan=plan, filename="big")
result = job.pk
"""


@pytest.fixture
def site(tmp_path):
    made = Site(tmp_path)
    yield made
    made.drop()


def job_row(site, pk):
    [row] = site.sql(
        "SELECT status, attempts, worker, file FROM guidelines_exportjob WHERE id = ?", (pk,)
    )
    return row


def test_a_worker_killed_mid_export_is_replaced_and_the_export_completes(site):
    first = site.start_worker()
    second = None
    try:
        pk = site.query(ENQUEUE_EXPORT)
        running = wait_for(
            lambda: job_row(site, pk)[0] == "running" and job_row(site, pk),
            timeout=60,
            every=0.1,
            what="the first worker to start the export",
        )
        assert f":{first.pid}:" in running[2]
        stop(first, kill=True)  # SIGKILL in the middle of laying out 300 sections
        assert not [
            p for p in site.export_dir.rglob("*") if p.is_file() and not p.name.startswith(".")
        ]
        second = site.start_worker()
        status, attempts, worker, name = wait_for(
            lambda: job_row(site, pk)[0] in ("done", "failed") and job_row(site, pk),
            timeout=180,
            what="the second worker to finish the export",
        )
        assert (status, attempts) == ("done", 2) and f":{second.pid}:" in worker
        assert (site.export_dir / name).read_bytes().startswith(b"%PDF")
        files = [p for p in site.export_dir.rglob("*") if p.is_file()]
        assert files == [site.export_dir / name]  # one whole file, nothing half-written
    finally:
        stop(first, kill=True)
        if second is not None:
            log = stop(second)
            assert "Traceback" not in log, log


def test_two_workers_send_each_mail_exactly_once(site):
    site.env["EMAIL_BACKEND"] = "tests.mail_backends.SlowFileBackend"
    workers = [site.start_worker(), site.start_worker()]
    site.query(
        """
from django.db import transaction
from guidelines.models import User
from guidelines.services.notifications import notify
from guidelines.tasks import notifications_send
with transaction.atomic():
    for n in range(60):
        notify(User.objects.filter(username="member-au"), subject=f"once-{n}", body="x")
for _ in range(10):
    notifications_send.enqueue()
result = 0
"""
    )
    try:
        wait_for(
            lambda: (
                site.sql(
                    "SELECT COUNT(*) FROM guidelines_notification WHERE subject LIKE 'once-%' "
                    "AND sent_at IS NULL"
                )[0][0]
                == 0
            ),
            timeout=120,
            what="all 60 mails to be sent",
        )
    finally:
        logs = [stop(w) for w in workers]
    subjects = sorted(s for s in site.sent_subjects() if "once-" in s)
    assert len(subjects) == 60 and len(set(subjects)) == 60, subjects
    assert not any("Traceback" in log for log in logs), logs


WRITER = """
from guidelines.models import Section, User
from guidelines.services.comments import comment_create, section_follow
section = Section.objects.get(key="risk-assessment")
section_follow(user=User.objects.get(username="member-cn"), section=section, follow=True)
for n in range(40):
    comment_create(user=User.objects.get(username="{user}"), section=section, body="w{user}-%s" % n)
result = 40
"""


def test_writers_a_command_and_the_worker_at_once_never_see_a_locked_database(site):
    """Three writers (each comment notifies, so the worker sends mail meanwhile), a management
    command that writes, and the worker, all on the same database at once."""
    worker = site.start_worker()
    users = ["member-au", "facilitator", "secretariat"]
    writers = [
        site.start("shell", "-c", WRITER.replace("{user}", user) + "\nprint('OK')")
        for user in users
    ]
    command = site.start("seed_demo", "--password", "x", "--synthetic-sections", "120")
    try:
        for process in [*writers, command]:
            process.wait(timeout=300)
        outputs = [stop(p) for p in [*writers, command]]
        for process, output in zip([*writers, command], outputs, strict=True):
            assert process.returncode == 0, output
            assert "database is locked" not in output
        count = site.sql("SELECT COUNT(*) FROM guidelines_comment WHERE body LIKE 'w%'")[0][0]
        assert count == 120
        wait_for(
            lambda: (
                site.sql(
                    "SELECT COUNT(*) FROM guidelines_notification "
                    "WHERE sent_at IS NULL AND digest = ?",
                    (False,),
                )[0][0]
                == 0
            ),
            timeout=120,
            what="the worker to send every notification",
        )
    finally:
        log = stop(worker)
    assert "database is locked" not in log and "Traceback" not in log, log


def test_seed_demo_ten_times_in_a_row_with_the_worker_running(site):
    worker = site.start_worker()
    try:
        for _ in range(10):
            site.manage("seed_demo", "--password", "x", "--synthetic-sections", "300")
    finally:
        log = stop(worker)
    assert "database is locked" not in log and "Traceback" not in log, log


@pytest.mark.skipif(
    not (
        os.environ.get("DATABASE_URL", "").startswith("postgres") and shutil.which("pg_ctlcluster")
    ),
    reason="restarts the machine's PostgreSQL 15 cluster (the PostgreSQL run of CI)",
)
def test_the_worker_survives_a_postgresql_restart_and_carries_on(site):
    worker = site.start_worker()
    try:
        wait_for(lambda: "started" in _log(worker), timeout=30, what="the worker to start")
        # Down for a few seconds: the worker polls every 0.2 s, so it meets the outage.
        subprocess.run(["pg_ctlcluster", "15", "main", "stop"], check=True, timeout=120)
        time.sleep(3)
        subprocess.run(["pg_ctlcluster", "15", "main", "start"], check=True, timeout=120)
        connections.close_all()  # this process's own connection did not survive either
        pk = site.query(ENQUEUE_EXPORT.replace("synthetic-300", "iscm-guidelines"))
        status = wait_for(
            lambda: job_row(site, pk)[0] in ("done", "failed") and job_row(site, pk)[0],
            timeout=120,
            what="the worker to run a task after the restart",
        )
        assert status == "done" and worker.poll() is None
    finally:
        log = stop(worker)
    assert "database unavailable" in log and "Traceback" not in log, log


def _log(process) -> str:
    process.log.flush()
    process.log.seek(0)
    return process.log.read()


def _worker():
    from guidelines.management.commands.worker import LastingWorker

    return LastingWorker(
        queue_names=["default"],
        interval=0,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )


@pytest.mark.django_db
def test_sigterm_during_housekeeping_lets_it_finish_and_starts_no_new_task(monkeypatch):
    """A mail handed to the server is also marked sent: SIGTERM waits for the housekeeping."""
    import signal

    from guidelines.management.commands import worker as command

    worker = _worker()
    finished = []

    def sending():
        worker.shutdown(signal.SIGTERM, None)  # arrives while a mail is being sent
        finished.append("marked sent")
        return (1, 0)

    monkeypatch.setattr(command, "notifications_send_pending", sending)
    monkeypatch.setattr(worker, "run_one", lambda: pytest.fail("a new task after SIGTERM"))
    worker.run()  # returns instead of raising SystemExit in the middle
    assert finished == ["marked sent"] and not worker.running


@pytest.mark.django_db
def test_a_housekeeping_step_that_fails_is_logged_and_the_worker_carries_on(monkeypatch, caplog):
    from guidelines.management.commands import worker as command

    def unreadable_folder(**kwargs):
        raise PermissionError("exports folder not writable")

    sent = []
    monkeypatch.setattr(command, "exports_recover", unreadable_folder)
    monkeypatch.setattr(command, "notifications_send_pending", lambda: sent.append(1) or (0, 0))
    _worker().housekeeping()
    assert sent == [1] and "exports folder not writable" in caplog.text


@pytest.mark.django_db
def test_housekeeping_sends_round_reminders_at_most_once_a_minute(monkeypatch):
    from guidelines.management.commands import worker as command

    calls = []
    monkeypatch.setattr(command, "rounds_remind", lambda: calls.append(1) or 0)
    worker = _worker()
    worker.housekeeping()
    worker._next_housekeeping = 0.0  # the next housekeeping is due at once
    worker.housekeeping()
    assert calls == [1]  # reminders are throttled to once a minute
    worker._next_housekeeping = worker._next_reminders = 0.0
    worker.housekeeping()
    assert calls == [1, 1]


@pytest.mark.django_db
def test_rounds_remind_task_runs_the_service(monkeypatch):
    from guidelines import tasks
    from guidelines.services import rounds

    monkeypatch.setattr(rounds, "rounds_remind", lambda: 3)
    assert tasks.rounds_remind.call() == 3
