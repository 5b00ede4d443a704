"""A database that restarts: reads are run again, writes get a clear page, never a bare 500."""

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.urls import reverse

from guidelines.views import comments as comment_views
from guidelines.views import documents as document_views
from tests.conftest import login_client


def failing_once(real, calls, monkeypatch=None):
    """``real``, except that its first call fails as in a restart; with ``monkeypatch``, the
    database stays down from then on for every query."""

    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            if monkeypatch is not None:
                monkeypatch.setattr(CursorWrapper, "execute", down)
            raise OperationalError("the database system is shutting down")
        return real(*args, **kwargs)

    return wrapper


def down(*args, **kwargs):
    raise OperationalError("the database system is shutting down")


@pytest.mark.django_db
def test_a_read_during_a_database_restart_is_run_again(seeded, monkeypatch):
    calls = []
    monkeypatch.setattr(
        document_views, "document_get", failing_once(document_views.document_get, calls)
    )
    client = login_client("member-au")
    client.raise_request_exception = False
    response = client.get(reverse("guidelines:document_detail", kwargs={"slug": "iscm-guidelines"}))
    assert response.status_code == 200 and len(calls) == 2
    assert "Risk assessment" in response.content.decode()


@pytest.mark.django_db
def test_a_write_during_a_database_restart_is_not_repeated_and_says_so(seeded, monkeypatch):
    """The page itself asks nothing of the database (which is still down)."""
    calls = []
    monkeypatch.setattr(
        comment_views,
        "document_get",
        failing_once(comment_views.document_get, calls, monkeypatch),
    )
    client = login_client("member-au")
    client.raise_request_exception = False
    url = reverse(
        "guidelines:comment_create",
        kwargs={"slug": "iscm-guidelines", "key": "risk-assessment"},
    )
    response = client.post(url, {"body": "Typed during the restart."})
    assert response.status_code == 503 and len(calls) == 1  # never run twice
    assert response["Retry-After"] == "5"
    assert "could not be confirmed" in response.content.decode()


@pytest.mark.django_db
def test_a_database_that_stays_down_gets_the_same_page_after_a_few_tries(seeded, monkeypatch):
    def always_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(document_views, "document_get", always_down)
    monkeypatch.setattr("guidelines.middleware.DatabaseRetryMiddleware.delays", (0, 0, 0))
    client = login_client("member-au")
    client.raise_request_exception = False
    response = client.get(reverse("guidelines:document_detail", kwargs={"slug": "iscm-guidelines"}))
    assert response.status_code == 503


@pytest.mark.django_db
def test_the_page_for_a_database_that_is_down_asks_nothing_of_the_database(seeded, monkeypatch):
    """Down from the start of the request: even the signed-in user cannot be read."""
    client = login_client("member-au")
    client.raise_request_exception = False
    url = reverse(
        "guidelines:comment_create",
        kwargs={"slug": "iscm-guidelines", "key": "risk-assessment"},
    )
    monkeypatch.setattr(CursorWrapper, "execute", down)
    response = client.post(url, {"body": "Typed while the database was down."})
    assert response.status_code == 503
    assert "could not be confirmed" in response.content.decode()
