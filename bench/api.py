"""The API (issue 16): the 300-section document from /api/v1/, read in full with a session and
with a personal token, and revalidated with its ETag (If-None-Match: 304, no body built)."""

import statistics
import time

RUNS = 15


def _time(client, url: str, status: int, **headers) -> tuple[int, float, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code)
    queries = len(ctx.captured_queries)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(url, **headers)
        times.append(time.perf_counter() - start)
    spread = statistics.quantiles(times, n=4)
    return queries, statistics.median(times), spread[2] - spread[0]


def run(client) -> list[tuple[str, int, float, float]]:
    """(what, queries, median s, IQR s) for the document endpoint at 300 sections."""
    from django.core.cache import cache
    from django.test import Client

    from guidelines.models import User
    from guidelines.services.api_tokens import api_token_create

    url = "/api/v1/documents/synthetic-300/"
    user = User.objects.get(username="member-au")
    _token, plain = api_token_create(user=user, name="bench", by=user)
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
    cache.clear()  # the throttle's counts: the bench is not a client to hold back
    etag = client.get(url)["ETag"]
    rows = [
        ("document, session", *_time(client, url, 200)),
        ("document, token", *_time(bearer, url, 200)),
        ("document, ETag revalidated (304)", *_time(client, url, 304, HTTP_IF_NONE_MATCH=etag)),
    ]
    cache.clear()
    return rows
