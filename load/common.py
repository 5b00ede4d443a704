"""What the load test and the fault test share: a database of their own on the local PostgreSQL,
the production environment on loopback, starting and stopping servers, and counting the rows that
carry the write markers of ``locustfile.py``.

PostgreSQL is reached the libpq way (peer authentication on the local socket as in the README;
``PGHOST``/``PGPORT``/``PGUSER`` select another server). Databases are only ever named
``iscm_load*``: the reset refuses any other name.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "load-test-password-2017"
EXTRA_MEMBERS = ("be", "nz", "ru", "vn", "gea")  # delegations without a demo member
RATE_LIMITED_ACTIONS = ("comment", "proposal", "proposal_reply", "export")
MEMBERS = ["member-au", "member-cn", *(f"load-member-{code}" for code in EXTRA_MEMBERS)]
MARKER_RE = re.compile(r"LOADMARK-[A-Za-z0-9]+-(?:comment|proposal|edit)-\d+")

CREATE_MEMBERS = f"""
from django.contrib.auth.models import Group
from guidelines.models import Delegation, User
from guidelines.permissions import MEMBER
for code in {EXTRA_MEMBERS!r}:
    delegation = Delegation.objects.get(code=code)
    user, _ = User.objects.get_or_create(
        username=f"load-member-{{code}}", defaults={{"delegation": delegation}}
    )
    user.set_password({PASSWORD!r})
    user.save()
    user.groups.set([Group.objects.get(name=MEMBER)])
"""


def say(message: str) -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def reset_database(name: str) -> None:
    """Drop and create ``name`` (which must start with ``iscm_load``)."""
    if not re.fullmatch(r"iscm_load\w*", name):
        raise SystemExit(f"refusing to reset database {name!r}: load tests use iscm_load* only")
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def server_env(database: str, workdir: Path) -> dict[str, str]:
    """Production mode (DEBUG=0), served over plain HTTP on 127.0.0.1 only."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres:///{database}",
        INSECURE_LOOPBACK="1",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        EXPORT_DIR=str(workdir / "exports"),
        STATIC_ROOT=str(workdir / "static"),
        # Notifications are queued and "sent" as in production, to memory instead of a server.
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PYTHONUNBUFFERED="1",
        # Hundreds of simulated people share a dozen accounts here: the per-user rate limits,
        # meant for one person each, would refuse their writes.
        RATE_LIMITS=json.dumps({k: [1_000_000, 1] for k in RATE_LIMITED_ACTIONS}),
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=2)


def prepare_database(env: dict[str, str], database: str, sections: int) -> None:
    """A fresh database: migrations, the demo data, a synthetic document, one member per
    delegation of the Mini-Group."""
    say(f"Resetting database {database} and seeding {sections} synthetic sections ...")
    reset_database(database)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo", "--password", PASSWORD, "--synthetic-sections", str(sections))
    manage(env, "shell", "--no-imports", "-c", CREATE_MEMBERS)


def worker_command_available(env: dict[str, str]) -> bool:
    """Whether ``WORKER_COMMAND`` (default ``manage.py worker``) names a command that exists."""
    words = shlex.split(env.get("WORKER_COMMAND") or "manage.py worker")
    if words[0] != "manage.py" or len(words) < 2:
        return True  # something else: trust whoever set it
    probe = subprocess.run(
        [PYTHON, "manage.py", "help", words[1]], cwd=ROOT, env=env, capture_output=True
    )
    return probe.returncode == 0


def start(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with open(log, "ab") as handle:
        return subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(process: subprocess.Popen | None, timeout: float = 30) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_ready(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    """Until ``url`` answers 200 (or the process died, or the time ran out)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {timeout:.0f} s")


def django_setup(env: dict[str, str]) -> None:
    """Use the app's models from this process, on the same database as the servers."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "iscm_tracker.settings"
    for name in ("DATABASE_URL", "INSECURE_LOOPBACK", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"):
        os.environ[name] = env[name]
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def rows_with_markers(prefix: str) -> dict[str, tuple[int, set[str]]]:
    """Per kind of write: how many rows carry a marker starting with ``prefix``, and which
    markers they carry. Edits are counted as section history rows (one per saved version)."""
    from django.db import close_old_connections

    from guidelines.models import Comment, Proposal, Section

    close_old_connections()  # the server may have restarted since the last query
    texts = {
        "comment": Comment.objects.filter(body__contains=prefix).values_list("body", flat=True),
        "proposal": Proposal.objects.filter(rationale__contains=prefix).values_list(
            "rationale", flat=True
        ),
        "edit": Section.history.filter(history_change_reason__contains=prefix).values_list(
            "history_change_reason", flat=True
        ),
    }
    result = {}
    for kind, values in texts.items():
        values = list(values)
        markers = {m for text in values for m in MARKER_RE.findall(text) if m.startswith(prefix)}
        result[kind] = (len(values), markers)
    return result
