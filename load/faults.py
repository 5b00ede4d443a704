"""``make load``, part 2: nothing is lost when a task worker dies and PostgreSQL restarts.

On a fresh database ``iscm_load_faults`` (300 sections, so that a PDF export runs in the
background), starts two gunicorn servers on two loopback ports and two task workers, all on
PostgreSQL, and sends a bounded load of reads and writes (comments, edits) through both servers.
In the middle, the secretariat asks for the PDF of the draft (202 and a background job); once the
job (``guidelines.models.ExportJob``: ``status`` queued/running/done/failed, ``attempts``) is
running, the worker process running it is killed with SIGKILL (the busiest worker, by CPU time,
with its whole process group), PostgreSQL is restarted once, and a replacement worker is started
(as a process manager would). The load goes on, then stops. Checks: every acknowledged write is
in the database, writes are acknowledged again after the restart, and the export completes
(status done, the PDF downloads). Prints PASS/FAIL per check; exits 1 if any check failed.

Environment: ``FAULTS_DATABASE`` (``iscm_load_faults``), ``FAULTS_SECTIONS`` (``300``),
``FAULTS_CLIENTS`` (``6``), ``FAULTS_WARMUP_SECONDS`` (``5``), ``FAULTS_AFTER_SECONDS`` (``20``),
``FAULTS_EXPORT_TIMEOUT`` (``300``), ``FAULTS_WEB_CONCURRENCY`` (``2`` per server),
``FAULTS_PG_RESTART_COMMAND`` (``pg_ctlcluster 15 main restart``: note that it restarts the
machine's whole cluster, and every other database user sees their connections drop), and
``WORKER_COMMAND`` as for serve-prod.
"""

from __future__ import annotations

import itertools
import os
import random
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from load import common
from load.common import say
from load.pages import csrf_token, field, saved, textarea
from scripts.serve_prod import gunicorn_argv, worker_argv

T0 = time.monotonic()
MARKER_LINE = "Load marker: "


def note(message: str) -> None:
    say(f"[{time.monotonic() - T0:6.1f} s] {message}")


def login(base_url: str, username: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base_url}/accounts/login/", timeout=30)
    response = session.post(
        f"{base_url}/accounts/login/",
        data={
            "username": username,
            "password": common.PASSWORD,
            "csrfmiddlewaretoken": csrf_token(page.text),
        },
        allow_redirects=False,
        timeout=30,
    )
    if response.status_code != 302:
        raise SystemExit(f"login as {username} on {base_url} answered {response.status_code}")
    return session


class Traffic:
    """A few clients per server, each reading and writing in a loop until stopped. A write is
    acknowledged when the server answered with its success redirect."""

    def __init__(self, bases: list[str], clients: int, document: str, keys: list[str]) -> None:
        self.bases, self.clients, self.document, self.keys = bases, clients, document, keys
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.acknowledged: list[tuple[float, str, str]] = []  # (time, server, marker)
        self.requests = 0
        self.errors: dict[str, int] = {}
        self.threads: list[threading.Thread] = []
        self.numbers = itertools.count(1)

    def start(self) -> None:
        for index in range(self.clients):
            base = self.bases[index % len(self.bases)]
            user = "facilitator" if index < 2 else common.MEMBERS[index % len(common.MEMBERS)]
            thread = threading.Thread(target=self.run, args=(base, user), daemon=True)
            thread.start()
            self.threads.append(thread)

    def stop(self) -> None:
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def count(self, error: str | None = None) -> None:
        with self.lock:
            self.requests += 1
            if error:
                self.errors[error] = self.errors.get(error, 0) + 1

    def marker(self, kind: str) -> str:
        with self.lock:
            return f"LOADMARK-faults-{kind}-{next(self.numbers)}"

    def run(self, base: str, username: str) -> None:
        try:
            session = login(base, username)
        except (SystemExit, requests.RequestException) as error:
            self.count(f"login: {error}")
            return
        while not self.stop_event.is_set():
            key = random.choice(self.keys)
            url = f"{base}/documents/{self.document}/sections/{key}/"
            try:
                page = session.get(url, timeout=30)
                self.count(None if page.ok else f"GET section {page.status_code}")
                if page.ok and username == "facilitator":
                    self.edit(session, base, url)
                elif page.ok:
                    marker = self.marker("comment")
                    data = {
                        "body": f"Fault test {marker}",
                        "csrfmiddlewaretoken": csrf_token(page.text),
                    }
                    self.post(session, base, f"{url}comment/", data, "comment", marker)
            except requests.RequestException as error:
                self.count(type(error).__name__)
            self.stop_event.wait(random.uniform(0.2, 1.0))

    def edit(self, session: requests.Session, base: str, url: str) -> None:
        form = session.get(f"{url}edit/", timeout=30)
        self.count(None if form.ok else f"GET edit {form.status_code}")
        text, heading = textarea(form.text), field(form.text, "heading")
        if not form.ok or text is None or not heading:
            return
        marker = self.marker("edit")
        kept = [line for line in text.split("\n") if not line.startswith(MARKER_LINE)]
        data = {
            "heading": heading,
            "body": "\n".join(kept).rstrip() + f"\n\n{MARKER_LINE}{marker}",
            "reason": f"Fault test {marker}",
            "base_version": field(form.text, "base_version") or "",
            "csrfmiddlewaretoken": csrf_token(form.text),
        }
        self.post(session, base, f"{url}edit/", data, "edit", marker)

    def post(self, session, base: str, url: str, data: dict, kind: str, marker: str) -> None:
        response = session.post(url, data=data, allow_redirects=False, timeout=30)
        if saved(response, kind):
            self.count()
            with self.lock:
                self.acknowledged.append((time.monotonic(), base, marker))
        else:  # 409 (the two facilitators collided) is not an error, but not a write either
            self.count(None if response.status_code == 409 else f"{kind} {response.status_code}")


def busiest(workers: list[subprocess.Popen]) -> subprocess.Popen:
    """The worker (with its children) that used the most CPU in the last second."""
    import psutil

    def cpu(process: subprocess.Popen) -> float:
        try:
            root = psutil.Process(process.pid)
            return sum(sum(p.cpu_times()[:2]) for p in [root, *root.children(recursive=True)])
        except psutil.Error:
            return 0.0

    alive = [w for w in workers if w.poll() is None]
    before = {w.pid: cpu(w) for w in alive}
    time.sleep(1.0)
    return max(alive, key=lambda w: cpu(w) - before[w.pid])


def query(function, attempts: int = 60):
    """Run an ORM read, retrying while PostgreSQL restarts."""
    from django.db import close_old_connections
    from django.db.utils import Error

    for _ in range(attempts):
        close_old_connections()
        try:
            return function()
        except Error:
            time.sleep(1)
    raise SystemExit("the database did not come back within a minute")


class Faults:
    def __init__(self) -> None:
        self.database = os.environ.get("FAULTS_DATABASE", "iscm_load_faults")
        self.sections = int(os.environ.get("FAULTS_SECTIONS", "300"))
        self.document = f"synthetic-{self.sections}"
        self.workdir = Path(tempfile.mkdtemp(prefix="iscm-faults-"))
        self.env = common.server_env(self.database, self.workdir)
        self.env["WEB_CONCURRENCY"] = os.environ.get("FAULTS_WEB_CONCURRENCY", "2")
        self.processes: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []
        self.checks: list[tuple[bool, str]] = []

    def check(self, ok: bool, message: str) -> None:
        self.checks.append((ok, message))

    def start_worker(self) -> subprocess.Popen:
        argv = worker_argv(self.env.get("WORKER_COMMAND"))
        worker = common.start(argv, self.env, self.workdir / f"worker-{len(self.workers)}.log")
        self.workers.append(worker)
        self.processes.append(worker)
        return worker

    def start(self) -> list[str]:
        bases = []
        for _ in range(2):
            port = common.free_port()
            argv = gunicorn_argv(f"127.0.0.1:{port}", int(self.env["WEB_CONCURRENCY"]))
            server = common.start(argv, self.env, self.workdir / f"gunicorn-{port}.log")
            self.processes.append(server)
            common.wait_ready(f"http://127.0.0.1:{port}/accounts/login/", server)
            bases.append(f"http://127.0.0.1:{port}")
        return bases

    def run(self) -> None:
        common.prepare_database(self.env, self.database, self.sections)
        common.manage(self.env, "collectstatic", "--noinput", "-v", "0")
        workers_exist = common.worker_command_available(self.env)
        common.django_setup(self.env)
        from django.apps import apps

        try:
            export_job = apps.get_model("guidelines", "ExportJob")
        except LookupError:
            export_job = None
        from guidelines.models import Section

        keys = list(
            Section.objects.filter(document__slug=self.document).values_list("key", flat=True)
        )
        bases = self.start()
        if workers_exist:
            for _ in range(2):
                self.start_worker()
        note(f"2 gunicorn servers ({', '.join(bases)}), {len(self.workers)} task workers")
        traffic = Traffic(bases, int(os.environ.get("FAULTS_CLIENTS", "6")), self.document, keys)
        traffic.start()
        time.sleep(float(os.environ.get("FAULTS_WARMUP_SECONDS", "5")))
        job = None
        missing = [
            name
            for name, present in (
                ("guidelines.models.ExportJob", export_job is not None),
                (self.env.get("WORKER_COMMAND") or "manage.py worker", workers_exist),
            )
            if not present
        ]
        if missing:
            self.check(False, f"export under faults NOT RUN: missing {' and '.join(missing)}")
        else:
            job = self.export_and_kill(bases[0], export_job)
        restart = shlex.split(
            os.environ.get("FAULTS_PG_RESTART_COMMAND") or "pg_ctlcluster 15 main restart"
        )
        note(f"restarting PostgreSQL: {shlex.join(restart)}")
        restarted = subprocess.run(restart, check=False).returncode == 0
        restarted_at = time.monotonic()
        self.check(restarted, "PostgreSQL restarted once")
        if job is not None:
            note(f"replacement task worker started (pid {self.start_worker().pid})")
        time.sleep(float(os.environ.get("FAULTS_AFTER_SECONDS", "20")))
        traffic.stop()
        note("load stopped")
        self.check_writes(traffic, restarted_at)
        if job is not None:
            self.check_export(bases[0], export_job, job)

    def export_and_kill(self, base: str, export_job):
        known = set(query(lambda: list(export_job.objects.values_list("pk", flat=True))))
        session = login(base, "secretariat")
        url = f"{base}/documents/{self.document}/export.pdf"
        response = session.get(url, timeout=60)
        note(f"export requested as the secretariat: {response.status_code}")
        if response.status_code != 202:
            self.check(False, f"export answered {response.status_code}, expected 202")
            return None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            jobs = query(lambda: list(export_job.objects.exclude(pk__in=known)))
            running = [j for j in jobs if j.status == "running"]
            if running:
                break
            if any(j.status in ("done", "failed") for j in jobs):
                self.check(False, "the export ended before a worker could be killed")
                return None
            time.sleep(0.2)
        else:
            self.check(False, "no export job was running within 60 s")
            return None
        victim = busiest(self.workers)
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait()
        note(f"job {running[0].pk} running: SIGKILL to task worker pid {victim.pid}")
        return running[0].pk

    def check_writes(self, traffic: Traffic, restarted_at: float) -> None:
        found = query(lambda: common.rows_with_markers("LOADMARK-faults-"))
        present = set().union(*(markers for _rows, markers in found.values()))
        acknowledged = {marker for _t, _base, marker in traffic.acknowledged}
        missing = sorted(acknowledged - present)
        per_server = {
            b: sum(1 for _t, base, _m in traffic.acknowledged if base == b) for b in traffic.bases
        }
        after = sum(1 for t, _b, _m in traffic.acknowledged if t > restarted_at)
        errors = ", ".join(f"{n} x {e}" for e, n in sorted(traffic.errors.items())) or "none"
        say(f"Load: {traffic.requests} requests; errors: {errors}")
        self.check(
            all(per_server.values()),
            f"writes acknowledged through both servers: {per_server}",
        )
        self.check(after > 0, f"writes acknowledged after the PostgreSQL restart: {after}")
        self.check(
            not missing and bool(acknowledged),
            f"every acknowledged write is present: {len(acknowledged) - len(missing)} of "
            f"{len(acknowledged)}" + (f"; missing {missing[:10]}" if missing else ""),
        )

    def check_export(self, base: str, export_job, pk) -> None:
        timeout = float(os.environ.get("FAULTS_EXPORT_TIMEOUT", "300"))
        deadline = time.monotonic() + timeout
        job = None
        while time.monotonic() < deadline:
            job = query(lambda: export_job.objects.get(pk=pk))
            if job.status in ("done", "failed"):
                break
            time.sleep(1)
        status = job.status if job else "?"
        attempts = getattr(job, "attempts", "?")
        note(f"export job {pk}: {status} after {attempts} attempts")
        self.check(
            status == "done", f"export completed after the kill: {status}, attempts {attempts}"
        )
        if status == "done":
            # The job's own file: the draft itself has changed under the load since it was asked.
            response = login(base, "secretariat").get(
                f"{base}/documents/{self.document}/exports/{pk}/download/", timeout=120
            )
            pdf = response.status_code == 200 and response.content.startswith(b"%PDF")
            self.check(
                pdf, f"the PDF downloads: {response.status_code}, {len(response.content)} bytes"
            )

    def stop(self) -> None:
        for process in self.processes:
            common.stop(process)


def main() -> int:
    faults = Faults()
    say(f"== Fault test (logs in {faults.workdir}) ==")
    try:
        faults.run()
    finally:
        faults.stop()
    say("\n== Fault test results ==")
    for ok, message in faults.checks:
        say(f"  {'PASS' if ok else 'FAIL'}  {message}")
    failed = [message for ok, message in faults.checks if not ok]
    say("FAIL" if failed else "PASS: nothing was lost and the export completed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
