"""``make serve-prod``: migrate, collect static files, then serve with gunicorn and task workers.

Environment (besides the app's own settings, see README "Configuration"):

- ``DATABASE_URL`` (required: production runs on PostgreSQL, not on the SQLite default)
- ``BIND`` (``127.0.0.1:8000``), ``WEB_CONCURRENCY`` (gunicorn worker processes, default
  CPUs + 1), ``GUNICORN_THREADS`` (threads per worker, default 4): threaded workers
  (``gthread``), so a slow page occupies one thread and static files and quick pages are served
  by the others; each thread keeps its own database connection (``CONN_MAX_AGE``)
- ``GUNICORN_KEEPALIVE`` (seconds an idle client connection stays open, default ``0``: the
  connection is closed after each response, see :func:`gunicorn_keepalive`)
- ``TASK_WORKERS`` (``1``): how many task worker processes to start; ``0`` for none
- ``WORKER_COMMAND`` (``manage.py worker``): the task worker; a first word ending in ``.py`` is
  run with this Python
- ``SKIP_SETUP=1`` skips migrate and collectstatic (a second server on an already set-up database)

The supervisor forwards SIGTERM/SIGINT to every child and, when any child dies, stops the others:
one process group lives and dies together, so a process manager (systemd, a container runtime)
sees the failure and restarts the whole unit.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
STOP_GRACE_SECONDS = float(os.environ.get("STOP_GRACE_SECONDS", "30"))
DEFAULT_THREADS = 4


def log(message: str) -> None:
    print(f"[serve-prod] {message}", file=sys.stderr, flush=True)


def web_concurrency() -> int:
    """CPUs + 1 processes by default: the pages are CPU-bound Python, so on 2 cores 5 processes
    of 4 threads (gunicorn's 2 x CPUs + 1, meant for sync workers) only queued more requests
    against each other: ``make load`` at 50 delegates gave a section page p95 of 320 ms with 5,
    290-300 ms with 3, 420 ms with 2 (one process's threads share its interpreter lock)."""
    value = os.environ.get("WEB_CONCURRENCY", "").strip()
    if value:
        return max(1, int(value))
    return (os.cpu_count() or 1) + 1


def gunicorn_threads() -> int:
    value = os.environ.get("GUNICORN_THREADS", "").strip()
    return max(1, int(value)) if value else DEFAULT_THREADS


def gunicorn_keepalive() -> int:
    """0 by default: each response closes its connection, so the next request goes to whichever
    process accepts it first, an idle one rather than one whose interpreter is busy. A kept-alive
    connection stays with the process that accepted it: with browsers reading every second or
    so, ``make load`` at 50 delegates left one process at 75 % of a core and another at 4 %
    (section page p95 360 ms), and the spread between runs came from how the connections
    happened to fall; closed after each response, every process was at 37-44 % and the p95
    210-280 ms. A proxy in front (nginx) talks to gunicorn this way by default."""
    value = os.environ.get("GUNICORN_KEEPALIVE", "").strip()
    return max(0, int(value)) if value else 0


def gunicorn_argv(bind: str, workers: int, threads: int | None = None) -> list[str]:
    """gunicorn for the WSGI app; extra options come from ``GUNICORN_CMD_ARGS`` (gunicorn's own).

    Threaded workers: with sync workers every request, a stylesheet too, queued behind the slow
    pages in front of it. A thread handles one request at a time; idle keep-alive connections
    wait in the worker's poller, not in a thread."""
    argv = [
        PYTHON, "-m", "gunicorn", "iscm_tracker.wsgi",
        "--bind", bind,
        "--workers", str(workers),
        "--worker-class", "gthread",
        "--threads", str(threads or gunicorn_threads()),
        "--keep-alive", str(gunicorn_keepalive()),
        "--graceful-timeout", "20",
        "--timeout", "60",
    ]  # fmt: skip
    import gunicorn.config

    if hasattr(gunicorn.config, "ControlSocketDisable"):
        # gunicorn >= 25.1 listens on ~/.gunicorn/gunicorn.ctl by default: one path for every
        # server on the machine, so a second server would take the first one's socket.
        argv.append("--no-control-socket")
    return argv


def worker_argv(command: str | None = None) -> list[str]:
    words = shlex.split(command or os.environ.get("WORKER_COMMAND") or "manage.py worker")
    if words and words[0].endswith(".py"):
        words.insert(0, PYTHON)
    return words


def setup() -> None:
    """Migrations and static files: both idempotent, both before any process serves."""
    for step in (["migrate", "--noinput"], ["collectstatic", "--noinput", "-v", "0"]):
        log("manage.py " + " ".join(step))
        subprocess.run([PYTHON, "manage.py", *step], cwd=ROOT, check=True)


class Supervisor:
    """Children that live and die together."""

    def __init__(self) -> None:
        self.children: dict[str, subprocess.Popen] = {}
        self.stopping = False
        self.exit_code = 0

    def start(self, name: str, argv: list[str]) -> None:
        log(f"starting {name}: {shlex.join(argv)}")
        # Own process group: a terminal's Ctrl-C reaches the supervisor only, which forwards it
        # once, instead of every child receiving it twice.
        self.children[name] = subprocess.Popen(argv, cwd=ROOT, start_new_session=True)

    def request_stop(self, signum: int, _frame) -> None:
        if not self.stopping:
            log(f"received {signal.Signals(signum).name}: stopping all")
        self.stopping = True

    def watch(self) -> int:
        while not self.stopping:
            for name, child in self.children.items():
                code = child.poll()
                if code is not None:
                    log(f"{name} (pid {child.pid}) exited with {code}: stopping the others")
                    # Killed by a signal: the shell's convention, 128 + signal number.
                    self.exit_code = code if code > 0 else 128 - code if code < 0 else 1
                    self.stopping = True
                    break
            else:
                time.sleep(0.2)
        self.stop_all()
        return self.exit_code

    def stop_all(self) -> None:
        alive = [c for c in self.children.values() if c.poll() is None]
        for child in alive:
            child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in alive:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log(f"pid {child.pid} ignored SIGTERM for {STOP_GRACE_SECONDS:.0f} s: SIGKILL")
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()


def main() -> int:
    if not os.environ.get("DATABASE_URL"):
        log(
            "refusing to start: DATABASE_URL is not set. Production serves from PostgreSQL, "
            "e.g. DATABASE_URL=postgres:///iscm make serve-prod"
        )
        return 2
    supervisor = Supervisor()
    signal.signal(signal.SIGTERM, supervisor.request_stop)
    signal.signal(signal.SIGINT, supervisor.request_stop)
    try:
        if os.environ.get("SKIP_SETUP", "") not in ("1", "true", "yes"):
            setup()
    except subprocess.CalledProcessError as error:
        log(f"set-up failed ({error}); not serving")
        return 1
    if supervisor.stopping:
        return 0
    bind = os.environ.get("BIND") or "127.0.0.1:8000"
    supervisor.start("gunicorn", gunicorn_argv(bind, web_concurrency(), gunicorn_threads()))
    for number in range(int(os.environ.get("TASK_WORKERS", "1"))):
        supervisor.start(f"task worker {number + 1}", worker_argv())
    return supervisor.watch()


if __name__ == "__main__":
    sys.exit(main())
