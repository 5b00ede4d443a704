"""The facilitator's day at scale, after ``proposals`` and ``comments`` have run: the To do page
with every open proposal (about 550) and the 200 threads of a busy section, the header's counts
(one query on every page), and a section page with its 50 open amendments shown in the text."""

import statistics
import time

from django.urls import reverse


def _median_ms(call, runs: int = 15) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    spread = statistics.quantiles(times, n=4)
    return statistics.median(times) * 1000, (spread[2] - spread[0]) * 1000


def run(measure) -> list[tuple[str, int, float, float, float]]:
    from django.test import Client

    from guidelines.models import Proposal, Section, User
    from guidelines.selectors.workqueue import header_counts

    facilitator = User.objects.get(username="facilitator")
    client = Client()
    client.force_login(facilitator)
    busy = Section.objects.filter(document__slug="synthetic-300").order_by("-id").first()
    suggestions = reverse(
        "guidelines:section_detail", kwargs={"slug": "synthetic-300", "key": busy.key}
    )
    rows = [
        (f"To do ({Proposal.objects.open().count()} open proposals)", *measure(client, "/todo/")),
        ("section, 50 suggestions in text", *measure(client, suggestions + "?suggestions=1")),
    ]
    median, iqr = _median_ms(lambda: header_counts(facilitator))
    rows.append(("header counts (To do + bell)", 1, 0.0, median / 1000, iqr / 1000))
    return rows
