"""The header's "To do (N)" and unread counts kept HEADER_COUNTS_MAX_AGE seconds per user in the
shared cache (guidelines/header_counts.py): reused between pages, never after the user's own
write, counted afresh on the pages that list what is counted, never another user's, never
written to the session."""

import re
import time

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guidelines import header_counts
from guidelines.models import Section, User
from guidelines.services.comments import comment_create

HOME = reverse("guidelines:document_list")
SECTION = reverse("guidelines:section_detail", kwargs={"slug": "iscm-guidelines", "key": "seals"})
CACHE_TABLE = "iscm_rendered_cache"


@pytest.fixture
def client_for(client_for, settings):
    """Signed-in clients, with the counts kept 15 s (set after the demo is seeded: the seeded
    demo's snapshot is taken and restored under the suite's settings)."""
    settings.HEADER_COUNTS_MAX_AGE = 15
    return client_for


def unread(html: str) -> int:
    return int(re.search(r'aria-label="Notifications, (\d+) unread"', html).group(1))


def todo(html: str) -> int:
    return int(re.search(r"To do \((\d+)\)", html).group(1))


def page(client, url=HOME) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def counting(captured) -> list[str]:
    return [q["sql"] for q in captured if "queue_count" in q["sql"]]


def touching(captured, table: str) -> list[str]:
    return [q["sql"] for q in captured if table in q["sql"]]


def notify() -> None:
    """Someone else's new comment: the facilitator's bell gets one more."""
    cn = User.objects.get(username="member-cn")
    comment_create(user=cn, section=Section.objects.get(key="seals"), body="A question.")


def facilitator_pk() -> int:
    return User.objects.get(username="facilitator").pk


def kept_entry(pk: int):
    return caches["rendered"].get(f"header:counts:{pk}")


def age_entry(pk: int, seconds: float) -> None:
    started, *counts = kept_entry(pk)
    caches["rendered"].set(f"header:counts:{pk}", [started - seconds, *counts])


@pytest.mark.django_db
def test_a_second_page_within_the_period_reads_the_kept_counts(client_for):
    client = client_for("facilitator")
    with CaptureQueriesContext(connection) as first:
        html = page(client, SECTION)
    with CaptureQueriesContext(connection) as second:
        again = page(client, SECTION)
    assert len(counting(first)) == 1 and counting(second) == []
    # counted: a read and a write of the cache; kept: one read, no write
    assert len(touching(first, CACHE_TABLE)) == 2
    assert [q.split()[0] for q in touching(second, CACHE_TABLE)] == ["SELECT"]
    assert (todo(again), unread(again)) == (todo(html), unread(html))
    assert touching(first.captured_queries + second.captured_queries, "django_session")
    assert not [q for q in touching(second, "django_session") if "UPDATE" in q]


@pytest.mark.django_db
def test_others_activity_shows_once_the_period_is_over(client_for):
    client = client_for("facilitator")
    before = unread(page(client))
    notify()
    assert unread(page(client)) == before  # within the period: the kept count, as on an open page
    age_entry(facilitator_pk(), 16)
    assert unread(page(client)) == before + 1


@pytest.mark.django_db
def test_the_users_own_write_shows_at_once(client_for):
    client = client_for("facilitator")
    notify()
    assert unread(page(client)) > 0
    response = client.post(reverse("guidelines:notifications_read_all"))
    assert response.status_code == 302
    assert unread(page(client)) == 0  # counts started before the POST's answer are not used


@pytest.mark.django_db
def test_a_count_started_before_the_users_write_is_not_used_after_it(client_for):
    """A page of the user counting while their write commits: its count may miss the write, so
    it is not used again once the write is answered, whichever process kept it."""
    client = client_for("facilitator")
    real = unread(page(client))
    pk = facilitator_pk()
    started, todo_count, _ = kept_entry(pk)
    caches["rendered"].set(f"header:counts:{pk}", [started, todo_count, 99])
    assert unread(page(client)) == 99  # a kept count is what the page shows
    header_counts.user_wrote(pk)
    assert unread(page(client)) == real


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["notifications", "todo", "inbox"])
def test_the_pages_that_list_what_is_counted_count_afresh(client_for, name):
    client = client_for("facilitator")
    before = unread(page(client))
    notify()
    assert unread(page(client)) == before
    assert unread(page(client, reverse(f"guidelines:{name}"))) == before + 1
    assert unread(page(client)) == before + 1  # and the fresh count is kept


@pytest.mark.django_db
def test_a_kept_count_is_never_another_users(client_for):
    facilitator, observer = client_for("facilitator"), client_for("observer")
    page(facilitator)
    observer_pk = User.objects.get(username="observer").pk
    assert kept_entry(observer_pk) is None
    html = page(observer)
    assert "To do (" not in html and unread(html) == 0
    assert kept_entry(observer_pk)[1:] == [None, 0]


@pytest.mark.django_db
def test_a_failing_cache_counts_now(client_for, settings):
    """A cache that cannot be read or written (here: no such table) is a count made now."""
    settings.CACHES = {
        **settings.CACHES,
        "rendered": {
            "BACKEND": "guidelines.cache_backends.BatchDatabaseCache",
            "LOCATION": "no_such_table",
        },
    }
    client = client_for("facilitator")
    notify()
    html = page(client)
    assert unread(html) >= 1 and todo(html) >= 0
    client.post(reverse("guidelines:notifications_read_all"))
    assert unread(page(client)) == 0


@pytest.mark.django_db
def test_zero_counts_on_every_page_and_keeps_nothing(client_for, settings):
    settings.HEADER_COUNTS_MAX_AGE = 0
    client = client_for("facilitator")
    page(client)
    with CaptureQueriesContext(connection) as second:
        page(client)
    assert len(counting(second)) == 1 and touching(second, CACHE_TABLE) == []
    assert kept_entry(facilitator_pk()) is None
    started = time.time()
    client.post(reverse("guidelines:notifications_read_all"))
    assert caches["rendered"].get(f"header:wrote:{facilitator_pk()}") is None
    assert time.time() >= started
