"""Simulated delegates and editors against a running ISCM Tracker (``make load`` runs it).

Delegates (members of the delegations) read the document page, section pages and the JSON API,
comment on sections and propose amendments. Two editors (the facilitator, and the secretariat
making corrections) edit sections through the real edit form, which carries the version it was
based on; when both save the same section, the second gets the 409 conflict page. That is the
application working as designed, counted as a conflict and not as an error; the editor then saves
again from the conflict page (which carries the newer version), as a person would after merging.

The stage is measured once everyone has signed in: a delegate signs in once and then works for
hours, so the 50 password checks (PBKDF2, about a second of CPU each, by design) would otherwise
fill a 60 s stage's first seconds on two cores. When the last simulated person has signed in, the
statistics are reset and the stage runs ``LOAD_STAGE_SECONDS`` from then; the sign-ins are
timed apart and written to the ledger (``LOAD_MEASURE_AFTER_SIGN_IN=0`` measures them inside the
stage, as before). The simulated browsers use locust's ``FastHttpUser`` (geventhttpclient): it
costs a fraction of ``requests``' CPU per request, which matters when locust and the server
share two cores.

Every write carries a unique marker (``LOADMARK-<run>-<kind>-<n>``) in its text. A write counts
as acknowledged when the server answered it with its success redirect; the markers of
acknowledged and attempted writes are written to ``LOAD_ACK_FILE`` (JSON) when locust quits, so
that ``run_load.py`` can check every acknowledged write against the rows in the database.

Environment: ``LOAD_DOCUMENT`` (``synthetic-300``), ``LOAD_PASSWORD``, ``LOAD_MEMBERS``
(comma-separated member usernames), ``LOAD_RUN_ID``, ``LOAD_ACK_FILE``, ``LOAD_THINK_SECONDS``
(a delegate's pause between two actions, ``0.5,1.5``). Run it from the repository's root (it
imports ``load.pages``).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
import uuid

import gevent
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

from load.pages import csrf_token, field, saved, stylesheet_url, textarea

DOCUMENT = os.environ.get("LOAD_DOCUMENT", "synthetic-300")
PASSWORD = os.environ.get("LOAD_PASSWORD", "iscm-demo-2017")
MEMBERS = [u for u in os.environ.get("LOAD_MEMBERS", "member-au,member-cn").split(",") if u]
EDITORS = ["facilitator", "secretariat"]
RUN_ID = os.environ.get("LOAD_RUN_ID") or uuid.uuid4().hex[:8]
ACK_FILE = os.environ.get("LOAD_ACK_FILE", "")
MARKER_LINE = "Load marker: "
THINK_SECONDS = [float(s) for s in os.environ.get("LOAD_THINK_SECONDS", "0.5,1.5").split(",")]
STAGE_SECONDS = float(os.environ.get("LOAD_STAGE_SECONDS", "60"))
MEASURE_AFTER_SIGN_IN = os.environ.get("LOAD_MEASURE_AFTER_SIGN_IN", "1") != "0"

_numbers = itertools.count(1)
section_keys: list[str] = []
stylesheet: list[str] = []  # the hashed URL of the app's stylesheet, read from a page
ledger: dict[str, dict[str, list[str]]] = {
    kind: {"attempted": [], "acknowledged": []} for kind in ("comment", "proposal", "edit")
}
outcomes = {"edit_conflicts": 0, "edit_resaved_after_conflict": 0}
sign_ins: list[dict] = []  # each sign-in: its time (ms, form and POST) and whether it worked
measured_from: list[float] = []  # when the measured window began (time.time())


def signed_in(environment, ms: float, ok: bool) -> None:
    """Count a sign-in (``ms``: the form and the POST); when everyone has tried, reset the
    statistics and end the stage ``STAGE_SECONDS`` later (``--run-time`` is then only a safety
    limit)."""
    sign_ins.append({"ms": ms, "ok": ok})
    runner = environment.runner
    if not MEASURE_AFTER_SIGN_IN or measured_from or runner is None:
        return
    if len(sign_ins) >= (runner.target_user_count or 0):
        runner.stats.reset_all()
        measured_from.append(time.time())
        gevent.spawn_later(STAGE_SECONDS, runner.quit)


def new_marker(kind: str) -> str:
    marker = f"LOADMARK-{RUN_ID}-{kind}-{next(_numbers)}"
    ledger[kind]["attempted"].append(marker)
    return marker


def acknowledge(kind: str, marker: str) -> None:
    ledger[kind]["acknowledged"].append(marker)


@events.quitting.add_listener
def write_ledger(**_kwargs) -> None:
    if ACK_FILE:
        with open(ACK_FILE, "w", encoding="utf-8") as handle:
            json.dump(
                {
                    "run_id": RUN_ID,
                    "writes": ledger,
                    **outcomes,
                    "sign_ins": sign_ins,
                    "measured_from": measured_from[0] if measured_from else None,
                },
                handle,
                indent=1,
            )


class Participant(FastHttpUser):
    abstract = True
    username = ""

    def pick_username(self) -> str:
        raise NotImplementedError

    def on_start(self) -> None:
        self.username = self.pick_username()
        started = time.perf_counter()
        ok, took = False, 0.0
        try:
            page = self.client.get("/accounts/login/", name="login form")
            response = self.client.post(
                "/accounts/login/",
                data={
                    "username": self.username,
                    "password": PASSWORD,
                    "csrfmiddlewaretoken": csrf_token(page.text or ""),
                },
                allow_redirects=False,
                name="login",
                catch_response=True,
            )
            with response:
                ok = response.status_code == 302
                if not ok:
                    response.failure(f"login as {self.username} answered {response.status_code}")
            took = (time.perf_counter() - started) * 1000
            if not section_keys:
                self.load_section_keys()
        finally:  # counted even when it failed: the measured window starts once all have tried
            signed_in(self.environment, took or (time.perf_counter() - started) * 1000, ok)

    def load_section_keys(self) -> None:
        response = self.client.get(f"/api/documents/{DOCUMENT}/", name="api document")
        if response.ok:
            keys = [s["key"] for s in response.json()["sections"] if s["kind"] == "section"]
            section_keys[:] = keys or [s["key"] for s in response.json()["sections"]]

    def any_section(self) -> str:
        return random.choice(section_keys) if section_keys else ""

    def post_write(self, url: str, data: dict, *, name: str, kind: str, marker: str) -> bool:
        """POST a form; the app answers a successful write with a redirect (302)."""
        with self.client.post(
            url, data=data, allow_redirects=False, name=name, catch_response=True
        ) as response:
            if saved(response, kind):
                acknowledge(kind, marker)
                return True
            response.failure(f"{kind} answered {response.status_code}")
            return False


class Delegate(Participant):
    """A member of a delegation: reads a lot, comments, sometimes proposes."""

    weight = 10
    wait_time = between(*THINK_SECONDS)

    def pick_username(self) -> str:
        return random.choice(MEMBERS)

    @task(3)
    def read_document(self) -> None:
        self.client.get(f"/documents/{DOCUMENT}/", name="document")

    @task(6)
    def read_section(self) -> None:
        if key := self.any_section():
            page = self.client.get(f"/documents/{DOCUMENT}/sections/{key}/", name="section")
            if not stylesheet and (url := stylesheet_url(page.text)):
                stylesheet.append(url)

    @task(1)
    def read_stylesheet(self) -> None:
        """A browser that does not have the stylesheet yet (the others keep it for good)."""
        if stylesheet:
            self.client.get(stylesheet[0], name="static (stylesheet)")

    @task(1)
    def read_api_list(self) -> None:
        self.client.get("/api/documents/", name="api documents")

    @task(1)
    def read_api_document(self) -> None:
        self.client.get(f"/api/documents/{DOCUMENT}/", name="api document")

    @task(2)
    def comment(self) -> None:
        key = self.any_section()
        if not key:
            return
        section_url = f"/documents/{DOCUMENT}/sections/{key}/"
        page = self.client.get(section_url, name="section")
        marker = new_marker("comment")
        self.post_write(
            f"{section_url}comment/",
            {
                "body": f"{self.username} asks whether this wording fits the SAFE FoS. {marker}",
                "csrfmiddlewaretoken": csrf_token(page.text),
            },
            name="comment (post)",
            kind="comment",
            marker=marker,
        )

    @task(1)
    def propose(self) -> None:
        key = self.any_section()
        if not key:
            return
        url = f"/documents/{DOCUMENT}/sections/{key}/propose/?kind=amend"
        form = self.client.get(url, name="propose (form)")
        body, heading = textarea(form.text), field(form.text, "heading")
        if not form.ok or body is None or not heading:
            return
        marker = new_marker("proposal")
        self.post_write(
            url,
            {
                "kind": "amend",
                "heading": heading,
                "body": body + " Advance data should be exchanged.",
                "placement": "after",
                "rationale": f"Align with SAFE FoS wording. {marker}",
                "csrfmiddlewaretoken": csrf_token(form.text),
            },
            name="propose (post)",
            kind="proposal",
            marker=marker,
        )


class Editor(Participant):
    """The facilitator and the secretariat editing sections; more often than not one of the two
    sections everyone is working on, so that their saves sometimes collide."""

    fixed_count = 2
    wait_time = between(3, 8)
    _next = itertools.count()

    def pick_username(self) -> str:
        return EDITORS[next(self._next) % len(EDITORS)]

    @task
    def edit_section(self) -> None:
        if not section_keys:
            return
        key = random.choice(section_keys[:2] if random.random() < 0.6 else section_keys)
        url = f"/documents/{DOCUMENT}/sections/{key}/edit/"
        form = self.client.get(url, name="edit (form)")
        text, heading = textarea(form.text), field(form.text, "heading")
        version = field(form.text, "base_version")
        if not form.ok or text is None or not heading or version is None:
            return
        token = csrf_token(form.text)
        self.client.post(
            f"/documents/{DOCUMENT}/preview/",
            data={"body": text, "csrfmiddlewaretoken": token},
            name="edit (preview)",
        )
        self.wait()  # typing
        marker = new_marker("edit")
        kept = [line for line in text.split("\n") if not line.startswith(MARKER_LINE)]
        data = {
            "heading": heading,
            "body": "\n".join(kept).rstrip() + f"\n\n{MARKER_LINE}{marker}",
            "reason": f"Editorial revision {marker}",
            "base_version": version,
            "csrfmiddlewaretoken": token,
        }
        with self.client.post(
            url, data=data, allow_redirects=False, name="edit (save)", catch_response=True
        ) as response:
            if saved(response, "edit"):
                acknowledge("edit", marker)
                return
            if response.status_code != 409:
                response.failure(f"edit answered {response.status_code}")
                return
            response.success()  # someone saved first: the conflict page, by design
            outcomes["edit_conflicts"] += 1
            newer = field(response.text, "base_version")
        if newer:
            # Save again from the conflict page, which carries the newer version.
            marker = new_marker("edit")
            data["base_version"] = newer
            data["body"] = data["body"].rsplit(MARKER_LINE, 1)[0] + f"{MARKER_LINE}{marker}"
            data["reason"] = f"Editorial revision, merged after a conflict {marker}"
            name = "edit (save after conflict)"
            if self.post_write(url, data, name=name, kind="edit", marker=marker):
                outcomes["edit_resaved_after_conflict"] += 1
