"""The header's "To do (N)" and unread counts kept in the session for HEADER_COUNTS_MAX_AGE
seconds: reused between pages, dropped by the user's own writes, counted afresh on the pages that
list what is counted, never another user's."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guidelines.context_processors import HEADER_COUNTS_KEY
from guidelines.models import Section, User
from guidelines.services.comments import comment_create

HOME = reverse("guidelines:document_list")
SECTION = reverse("guidelines:section_detail", kwargs={"slug": "iscm-guidelines", "key": "seals"})


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


def counting_queries(captured) -> list[str]:
    return [q["sql"] for q in captured if "queue_count" in q["sql"]]


def notify() -> None:
    """Someone else's new comment: the facilitator's bell gets one more."""
    cn = User.objects.get(username="member-cn")
    comment_create(user=cn, section=Section.objects.get(key="seals"), body="A question.")


@pytest.mark.django_db
def test_a_second_page_within_the_period_does_not_count_again(client_for):
    client = client_for("facilitator")
    with CaptureQueriesContext(connection) as first:
        html = page(client, SECTION)
    with CaptureQueriesContext(connection) as second:
        again = page(client, SECTION)
    assert len(counting_queries(first)) == 1 and counting_queries(second) == []
    assert (todo(again), unread(again)) == (todo(html), unread(html))


@pytest.mark.django_db
def test_others_activity_shows_once_the_period_is_over(client_for):
    client = client_for("facilitator")
    before = unread(page(client))
    notify()
    assert unread(page(client)) == before  # within the period: the copy, as on an open page
    session = client.session
    user_id, at, *counts = session[HEADER_COUNTS_KEY]
    session[HEADER_COUNTS_KEY] = [user_id, at - 16, *counts]  # the period is over
    session.save()
    assert unread(page(client)) == before + 1


@pytest.mark.django_db
def test_the_users_own_write_shows_at_once(client_for):
    client = client_for("facilitator")
    notify()
    assert unread(page(client)) > 0
    response = client.post(reverse("guidelines:notifications_read_all"))
    assert response.status_code == 302
    assert unread(page(client)) == 0  # the POST dropped the copy


@pytest.mark.django_db
def test_the_pages_that_list_what_is_counted_count_afresh(client_for):
    client = client_for("facilitator")
    before = unread(page(client))
    notify()
    assert unread(page(client)) == before
    assert unread(page(client, reverse("guidelines:notifications"))) == before + 1
    assert unread(page(client)) == before + 1  # and the fresh count is kept


@pytest.mark.django_db
def test_a_copy_is_never_another_users(client_for):
    client = client_for("facilitator")
    page(client)
    session = client.session
    observer = User.objects.get(username="observer")
    session[HEADER_COUNTS_KEY] = [observer.pk, session[HEADER_COUNTS_KEY][1], 99, 99]
    session.save()
    html = page(client)
    assert unread(html) != 99 and todo(html) != 99


@pytest.mark.django_db
def test_zero_counts_on_every_page(client_for, settings):
    settings.HEADER_COUNTS_MAX_AGE = 0
    client = client_for("facilitator")
    page(client)
    with CaptureQueriesContext(connection) as second:
        page(client)
    assert len(counting_queries(second)) == 1
    assert HEADER_COUNTS_KEY not in client.session
