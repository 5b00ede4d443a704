"""``make load``, part 1: a bounded load test of ``make serve-prod`` on PostgreSQL, loopback only.

Resets the database ``iscm_load``, seeds the demo data and a 300-section document, starts
``scripts/serve_prod.py`` (gunicorn with threaded workers, ``DEBUG=0``, and the task worker) on a
free port of 127.0.0.1, then runs locust headless (``load/locustfile.py``): 50 simulated people
(48 delegates pausing 0.5-1.5 s between actions, the facilitator and the secretariat editing),
reads and writes mixed as in a meeting. For each stage it prints a table per page group
(requests, failures, median, p95, the p95 target) and the writes acknowledged against the rows
found in the database. Exits non-zero if a target is missed (p95 of section pages over 300 ms,
of the 300-section document page over 600 ms, any failed request), if an acknowledged write is
missing, or if a stage acknowledged no write at all.

Environment: ``LOAD_USERS`` (``50``; ``10,25,50`` runs three stages), ``LOAD_STAGE_SECONDS``
(``60``), ``LOAD_SPAWN_RATE`` (``5`` users/s), ``LOAD_THINK_SECONDS`` (``0.5,1.5``),
``LOAD_SECTIONS`` (``300``), ``LOAD_DATABASE`` (``iscm_load``), ``LOAD_MAX_ERROR_RATE``
(``0``), ``LOAD_P95_SECTION_MS`` (``300``), ``LOAD_P95_DOCUMENT_MS`` (``600``), plus
serve-prod's ``WEB_CONCURRENCY``, ``GUNICORN_THREADS``, ``TASK_WORKERS``, ``WORKER_COMMAND``.
A short run: ``LOAD_USERS=10 LOAD_STAGE_SECONDS=20 python -m load.run_load``. The targets are
for a quiet machine: on a busy one, the figures say more about the other load than about us.
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from load import common
from load.common import PYTHON, ROOT, say

WRITE_KINDS = {"comment": "comments", "proposal": "proposals", "edit": "edits (history rows)"}
WRITE_PAGES = ("(post)", "(save)", "(save after conflict)")  # locust names of the writes


def p95_targets() -> dict[str, int]:
    """Page group (locust's name) -> the most its 95th percentile may take, in ms."""
    return {
        "section": int(os.environ.get("LOAD_P95_SECTION_MS", "300")),
        "document": int(os.environ.get("LOAD_P95_DOCUMENT_MS", "600")),
    }


@dataclass
class Stage:
    users: int
    after_sign_in: bool = True  # measured once every simulated person had signed in
    rows: list[dict] = field(default_factory=list)  # locust's per-page statistics
    total: dict = field(default_factory=dict)
    failures: list[dict] = field(default_factory=list)
    ledger: dict = field(default_factory=dict)
    found: dict = field(default_factory=dict)

    @property
    def missing(self) -> list[str]:
        return sorted(
            marker
            for kind, writes in self.ledger.get("writes", {}).items()
            for marker in set(writes["acknowledged"]) - self.found[kind][1]
        )

    @property
    def sign_ins(self) -> list[dict]:
        return self.ledger.get("sign_ins", [])

    @property
    def failed_sign_ins(self) -> int:
        return sum(1 for s in self.sign_ins if not s["ok"])

    @property
    def acknowledged(self) -> int:
        return sum(len(w["acknowledged"]) for w in self.ledger.get("writes", {}).values())

    @property
    def error_rate(self) -> float:
        requests = int(self.total.get("Request Count") or 0)
        return int(self.total.get("Failure Count") or 0) / requests if requests else 1.0

    @property
    def write_share(self) -> float:
        requests = int(self.total.get("Request Count") or 0)
        writes = sum(int(r["Request Count"]) for r in self.rows if r["Name"].endswith(WRITE_PAGES))
        return writes / requests if requests else 0.0

    def missed_targets(self) -> list[str]:
        missed = []
        by_name = {row["Name"]: row for row in self.rows}
        for name, limit in p95_targets().items():
            row = by_name.get(name)
            if row is None or not int(row["Request Count"]):
                missed.append(f"no {name} page was requested")
            elif not met(row, limit):
                missed.append(f"{name} p95 {row['95%']} ms > {limit} ms")
        return missed


def run_locust(users: int, seconds: int, base_url: str, env: dict, workdir: Path) -> Stage:
    run_id = f"{secrets.token_hex(3)}u{users}"
    prefix, ack = workdir / f"stage-{users}", workdir / f"ledger-{users}.json"
    spawn_rate = os.environ.get("LOAD_SPAWN_RATE", "5")
    after_sign_in = os.environ.get("LOAD_MEASURE_AFTER_SIGN_IN", "1") != "0"
    when = "measured once all have signed in" if after_sign_in else "sign-ins included"
    say(f"\n== Stage: {users} simulated users, {seconds} s (spawn {spawn_rate}/s, {when}) ==")
    # With sign-ins apart the locustfile ends the stage itself; --run-time is a safety limit.
    run_time = seconds + (users / float(spawn_rate) + 120 if after_sign_in else 0)
    argv = [
        PYTHON, "-m", "locust", "-f", str(ROOT / "load" / "locustfile.py"), "--headless",
        "--users", str(users), "--spawn-rate", spawn_rate, "--run-time", f"{run_time:.0f}s",
        "--stop-timeout", "20", "--host", base_url, "--csv", str(prefix), "--only-summary",
    ]  # fmt: skip
    locust_env = {
        **env,
        "PYTHONPATH": str(ROOT),  # the locustfile imports load.pages
        "LOAD_RUN_ID": run_id,
        "LOAD_ACK_FILE": str(ack),
        "LOAD_PASSWORD": common.PASSWORD,
        "LOAD_MEMBERS": ",".join(common.MEMBERS),
        "LOAD_DOCUMENT": f"synthetic-{os.environ.get('LOAD_SECTIONS', '300')}",
    }
    with open(workdir / f"locust-{users}.log", "wb") as log:
        subprocess.run(
            argv, cwd=ROOT, env=locust_env, stdout=log, stderr=subprocess.STDOUT,
            timeout=run_time + 180, check=False,
        )  # fmt: skip
    stage = Stage(users=users, after_sign_in=after_sign_in)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                stage.total = row
            else:
                stage.rows.append(row)
    with open(f"{prefix}_failures.csv", encoding="utf-8") as handle:
        stage.failures = list(csv.DictReader(handle))
    stage.ledger = json.loads(ack.read_text(encoding="utf-8")) if ack.exists() else {}
    stage.found = common.rows_with_markers(f"LOADMARK-{run_id}-")
    return stage


def met(row: dict, limit: int) -> bool:
    try:
        return int(row["Request Count"]) > 0 and float(row["95%"]) <= limit
    except ValueError:  # locust's "N/A"
        return False


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def report(stage: Stage) -> None:
    total = stage.total
    times = [s["ms"] for s in stage.sign_ins]
    if times and stage.ledger.get("measured_from"):
        say(
            f"Sign-ins before the measured window: {len(times)} ({stage.failed_sign_ins} failed), "
            f"median {percentile(times, 0.5):.0f} ms, p95 {percentile(times, 0.95):.0f} ms "
            f"(the password check is slow by design)"
        )
    say(
        f"Throughput: {float(total.get('Requests/s') or 0):.1f} req/s "
        f"({total.get('Request Count', 0)} requests, {total.get('Failure Count', 0)} failed, "
        f"{stage.error_rate:.2%}; writes {stage.write_share:.0%} of the requests)"
    )
    targets = p95_targets()
    say(
        f"  {'page group':<30} {'requests':>8} {'failures':>8} {'median ms':>9} {'p95 ms':>7} "
        f"{'target p95':>10}"
    )
    rows = sorted(stage.rows, key=lambda r: (r["Name"] not in targets, r["Name"]))
    rows = [r for r in rows if int(r["Request Count"] or 0)]  # the sign-ins: reported above
    for row in [*rows, {**total, "Type": "", "Name": "all"}]:
        limit = targets.get(row["Name"])
        verdict = "" if limit is None else f"{limit:>7} {'ok' if met(row, limit) else 'MISSED'}"
        say(
            f"  {row['Type'] + ' ' + row['Name']:<30} {row['Request Count']:>8} "
            f"{row['Failure Count']:>8} {row['50%']:>9} {row['95%']:>7}  {verdict}"
        )
    if stage.failures:
        say("Errors:")
        for failure in stage.failures:
            say(
                f"  {failure['Occurrences']} x {failure['Method']} {failure['Name']}: "
                f"{failure['Error']}"
            )
    else:
        say("Errors: none")
    writes = stage.ledger.get("writes", {})
    say(f"  {'writes':<22} {'attempted':>9} {'acknowledged':>12} {'rows created':>12} {'lost':>5}")
    for kind, label in WRITE_KINDS.items():
        ledger = writes.get(kind, {"attempted": [], "acknowledged": []})
        rows, markers = stage.found[kind]
        lost = len(set(ledger["acknowledged"]) - markers)
        say(
            f"  {label:<22} {len(ledger['attempted']):>9} {len(ledger['acknowledged']):>12} "
            f"{rows:>12} {lost:>5}"
        )
    say(
        f"Edit conflicts (409 conflict page, expected): {stage.ledger.get('edit_conflicts', 0)}; "
        f"saved again from the conflict page: {stage.ledger.get('edit_resaved_after_conflict', 0)}"
    )


def main() -> int:
    stages = [int(n) for n in os.environ.get("LOAD_USERS", "50").split(",") if n.strip()]
    seconds = int(os.environ.get("LOAD_STAGE_SECONDS", "60"))
    sections = int(os.environ.get("LOAD_SECTIONS", "300"))
    database = os.environ.get("LOAD_DATABASE", "iscm_load")
    max_error_rate = float(os.environ.get("LOAD_MAX_ERROR_RATE", "0"))
    workdir = Path(tempfile.mkdtemp(prefix="iscm-load-"))
    env = common.server_env(database, workdir)
    common.prepare_database(env, database, sections)
    if "TASK_WORKERS" not in os.environ and not common.worker_command_available(env):
        say("NOTE: `manage.py worker` is not on this branch: serving without a task worker.")
        env["TASK_WORKERS"] = "0"
    port = common.free_port()
    env["BIND"] = f"127.0.0.1:{port}"
    base_url = f"http://127.0.0.1:{port}"
    say(f"Starting serve-prod on {base_url} (logs and CSV files in {workdir}) ...")
    server = common.start([PYTHON, "scripts/serve_prod.py"], env, workdir / "serve-prod.log")
    results: list[Stage] = []
    try:
        common.wait_ready(f"{base_url}/accounts/login/", server)
        common.django_setup(env)
        for users in stages:
            stage = run_locust(users, seconds, base_url, env, workdir)
            report(stage)
            results.append(stage)
            if server.poll() is not None:
                say(f"serve-prod exited with {server.returncode} during the stage")
                break
    finally:
        common.stop(server)
    say("\n== Summary ==")
    problems = []
    for stage in results:
        say(
            f"  {stage.users:>3} users: {float(stage.total.get('Requests/s') or 0):6.1f} req/s, "
            f"p50 {stage.total.get('50%')} ms, p95 {stage.total.get('95%')} ms, "
            f"errors {stage.error_rate:.2%}, writes acknowledged {stage.acknowledged}, "
            f"lost {len(stage.missing)}"
        )
        if stage.missing:
            problems.append(f"{stage.users} users: acknowledged writes missing: {stage.missing}")
        if not stage.acknowledged:
            problems.append(f"{stage.users} users: no write was acknowledged")
        if stage.failed_sign_ins:
            problems.append(f"{stage.users} users: {stage.failed_sign_ins} sign-ins failed")
        if stage.after_sign_in and not stage.ledger.get("measured_from"):
            problems.append(f"{stage.users} users: the measured window never started")
        if stage.error_rate > max_error_rate:
            problems.append(f"{stage.users} users: error rate {stage.error_rate:.2%}")
        problems += [f"{stage.users} users: {missed}" for missed in stage.missed_targets()]
    if len(results) < len(stages):
        problems.append("not every stage ran")
    for problem in problems:
        say(f"FAIL: {problem}")
    if not problems:
        say("PASS: targets met, no request failed, every acknowledged write is in the database")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
