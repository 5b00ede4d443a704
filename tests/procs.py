"""Real processes for the tests about the worker and concurrent writers: `manage.py` commands
run against a database of their own (a SQLite file, or a PostgreSQL database when the suite
runs on PostgreSQL), never the test database of the pytest process."""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "procs-password"


class Site:
    """A migrated, seeded database plus the environment for processes that use it
    (``seed=False``: migrated only, an empty database)."""

    def __init__(self, tmp: Path, *, seed: bool = True, synthetic_sections: int = 300) -> None:
        self.tmp = tmp
        tmp.mkdir(parents=True, exist_ok=True)
        self.mail_dir = tmp / "mail"
        self.mail_dir.mkdir()
        self.export_dir = tmp / "exports"
        url = os.environ.get("DATABASE_URL", "")
        self.postgres = url.startswith(("postgres", "postgresql"))
        if self.postgres:
            parsed = dj_database_url.parse(url)
            self.pg_name = f"iscm_procs_{uuid.uuid4().hex[:8]}"
            self._psql(f'CREATE DATABASE "{self.pg_name}"', parsed)
            self.url = url.rsplit("/", 1)[0] + "/" + self.pg_name
        else:
            self.url = f"sqlite:///{tmp / 'site.sqlite3'}"
        env = {k: v for k, v in os.environ.items() if k not in ("TASKS_BACKEND",)}
        env.update(
            DATABASE_URL=self.url,
            EXPORT_DIR=str(self.export_dir),
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(self.mail_dir),
            DEBUG="1",
            PYTHONUNBUFFERED="1",
            DJANGO_SETTINGS_MODULE="iscm_tracker.settings",
        )
        self.env = env
        self.manage("migrate", "--noinput", "-v0")
        if seed:
            self.manage(
                "seed_demo", "--password", PASSWORD, "--synthetic-sections", str(synthetic_sections)
            )

    def _psql(self, sql: str, parsed: dict) -> None:
        import psycopg

        params = {"dbname": "postgres", "autocommit": True}
        for key, name in (("USER", "user"), ("HOST", "host"), ("PORT", "port")):
            if parsed.get(key):
                params[name] = parsed[key]
        if parsed.get("PASSWORD"):
            params["password"] = parsed["PASSWORD"]
        with psycopg.connect(**params) as conn:
            conn.execute(sql)

    def drop(self) -> None:
        if self.postgres:
            parsed = dj_database_url.parse(os.environ["DATABASE_URL"])
            self._psql(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)', parsed)

    def manage(
        self, *args: str, timeout: float = 300, check: bool = True
    ) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check:
            assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[-4000:])
        return result

    def start(self, *args: str) -> subprocess.Popen:
        log = open(self.tmp / f"proc-{uuid.uuid4().hex[:6]}.log", "w+")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        process.log = log
        return process

    def start_worker(self) -> subprocess.Popen:
        return self.start(
            "worker", "--interval", "0.2", "--housekeeping-seconds", "0.5", "--no-startup-delay"
        )

    def query(self, code: str):
        """Run Python in a Django shell on this site; ``code`` sets ``result`` (JSON-able)."""
        script = f"import json\n{code}\nprint('RESULT=' + json.dumps(result))"
        out = self.manage("shell", "-c", script).stdout
        return json.loads(out.rsplit("RESULT=", 1)[1])

    def sql(self, statement: str, params: tuple = ()) -> list[tuple]:
        """Rows of a read straight from the site's database (no Django in this process)."""
        if self.postgres:
            import psycopg

            with psycopg.connect(self.url.replace("postgres:///", "postgresql:///")) as conn:
                sql = statement.replace("%", "%%").replace("?", "%s")
                return conn.execute(sql, params).fetchall()
        import sqlite3

        with sqlite3.connect(self.url.removeprefix("sqlite:///"), timeout=30) as conn:
            return conn.execute(statement, params).fetchall()

    def sent_subjects(self) -> list[str]:
        subjects = []
        for path in self.mail_dir.glob("*.log"):
            for line in path.read_text().splitlines():
                if line.startswith("Subject: "):
                    subjects.append(line[len("Subject: ") :])
        return subjects


def stop(process: subprocess.Popen, *, kill: bool = False) -> str:
    """Stop a process (SIGTERM, or SIGKILL) and return what it printed."""
    if process.poll() is None:
        process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.log.closed:
        return ""
    process.log.seek(0)
    text = process.log.read()
    process.log.close()
    return text


def wait_for(check, *, timeout: float, every: float = 0.3, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
