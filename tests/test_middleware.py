"""A database that restarts: reads are run again, writes get a clear page, never a bare 500."""

import pytest
from django.db import OperationalError
from django.urls import reverse

from guidelines.views import comments as comment_views
from guidelines.views import documents as document_views
from tests.conftest import login_client


def failing_once(real, calls):
    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("the database system is shutting down")
        return real(*args, **kwargs)

    return wrapper


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
    calls = []
    monkeypatch.setattr(
        comment_views, "document_get", failing_once(comment_views.document_get, calls)
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
