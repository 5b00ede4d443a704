"""The audit trail page: every kind of event, filters, CSV/JSON, a pinned query count, and
sign-ins recorded (successful and failed)."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guidelines.models import AccountChange, LoginEvent, LoginOutcome, Section, User
from guidelines.services.sections import section_update
from tests.conftest import DEMO_PASSWORD, login_client

URL = "/audit/"


def _sign_in(username: str, password: str) -> Client:
    client = Client(REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="TestBrowser/1.0")
    client.post(reverse("login"), {"username": username, "password": password})
    return client


def _edit(username: str = "facilitator", reason: str = "Clearer wording") -> Section:
    section = Section.objects.get(key="risk-assessment")
    section_update(section=section, heading=section.heading, body=section.body + " More.",
                   base_version=section.version, user=User.objects.get(username=username),
                   reason=reason)  # fmt: skip
    return section


@pytest.mark.django_db
def test_sign_ins_are_recorded_with_address_and_browser(seeded):
    _sign_in("member-au", DEMO_PASSWORD)
    _sign_in("member-au", "wrong")
    _sign_in("nobody", "wrong")
    ok, failed, unknown = LoginEvent.objects.order_by("id")
    assert (ok.outcome, ok.user.username, ok.ip, ok.user_agent) == (
        LoginOutcome.SUCCESS, "member-au", "203.0.113.7", "TestBrowser/1.0",
    )  # fmt: skip
    assert (failed.outcome, failed.username, failed.user.username) == (
        LoginOutcome.FAILURE, "member-au", "member-au",
    )  # fmt: skip
    assert unknown.outcome == LoginOutcome.FAILURE and unknown.user is None
    assert unknown.username == "nobody"


@pytest.mark.django_db
def test_sign_out_is_recorded(seeded):
    client = _sign_in("observer", DEMO_PASSWORD)
    client.post(reverse("logout"))
    assert LoginEvent.objects.latest("id").outcome == LoginOutcome.LOGOUT


@pytest.mark.django_db
def test_the_page_lists_every_kind_newest_first(seeded):
    _edit()
    _sign_in("member-au", "wrong")
    member = User.objects.get(username="member-au")
    member.groups.clear()
    page = login_client("secretariat").get(URL)
    assert page.status_code == 200
    events = list(page.context["page"])
    whens = [e.when for e in events]
    assert whens == sorted(whens, reverse=True)
    text = page.content.decode()
    assert "Sign-in failed for “member-au” from 203.0.113.7" in text
    assert "Clearer wording" in text
    assert "role: member → –" in text


@pytest.mark.django_db
def test_filters_by_kind_person_delegation_and_date(seeded):
    _edit(reason="By the facilitator")
    _sign_in("member-au", "wrong")
    client = login_client("secretariat")
    failed = client.get(URL, {"kind": "login_failed"}).context["page"]
    assert {e.kind.value for e in failed} == {"login_failed"} and len(failed) == 1
    facilitator = User.objects.get(username="facilitator")
    mine = client.get(URL, {"person": facilitator.pk}).context["page"]
    assert mine and {e.username for e in mine} == {"facilitator"}
    assert "By the facilitator" in {e.why for e in mine}
    nl = facilitator.delegation
    by_nl = client.get(URL, {"delegation": nl.pk}).context["page"]
    assert by_nl and {e.delegation for e in by_nl} == {nl.name}
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert not list(client.get(URL, {"date_from": tomorrow}).context["page"])
    today = timezone.localdate().isoformat()
    assert list(client.get(URL, {"date_from": today, "date_to": today}).context["page"])
    bad = client.get(URL, {"date_from": tomorrow, "date_to": today, "kind": "nonsense"})
    assert bad.status_code == 200
    assert "The end date is before the start date." in bad.content.decode()
    assert f'value="{tomorrow}"' in bad.content.decode()  # what was typed is kept


@pytest.mark.django_db
def test_csv_and_json_exports_of_the_filtered_list_are_safe(seeded):
    _sign_in('=HYPERLINK("http://evil")', "x")
    _sign_in("member-au", "wrong")
    client = login_client("secretariat")
    response = client.get(URL, {"kind": "login_failed", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "When" and len(rows) == 3
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    data = json.loads(client.get(URL, {"kind": "login_failed", "format": "json"}).content)
    assert [e["kind"] for e in data["events"]] == ["login_failed", "login_failed"]
    assert data["events"][0]["who"] == "Liam Walker"  # newest first


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_events(seeded, django_assert_max_num_queries):
    client = login_client("secretariat")
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    baseline = len(few)  # read now: later requests clear the log it reads from
    assert baseline < 47  # two queries (count, page) per source in selectors/audit_sources.py
    for n in range(30):
        _edit(reason=f"Edit {n}")
        _sign_in("member-au", "wrong")
        _sign_in("observer", DEMO_PASSWORD)
    member = User.objects.get(username="member-au")
    for name in ["observer", "member"] * 3:
        member.groups.set([Group.objects.get(name=name)])
    with django_assert_max_num_queries(baseline):
        page = client.get(URL)
    assert len(page.context["page"]) == 50 and page.context["page"].paginator.num_pages > 1
    second = client.get(URL, {"page": 2}).context["page"]
    assert second[0].when <= page.context["page"][49].when


@pytest.mark.django_db
def test_only_the_secretariat_sees_the_link_and_the_page(seeded):
    assert "/audit/" in login_client("secretariat").get("/").content.decode()
    assert "/audit/" not in login_client("facilitator").get("/").content.decode()
    assert login_client("facilitator").get(URL).status_code == 403
    assert login_client("secretariat").post(URL).status_code == 405
    assert AccountChange.objects.exists()
