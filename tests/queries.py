"""Counting the queries of one page request (the tests that pin query counts)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url, language: str | None = None) -> int:
    """The queries of ``client.get(url)`` (asserted 200), in ``language`` if given."""
    if language is not None:
        client.cookies["django_language"] = language
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)
