"""Issue 18: the reading pages at 3,000 sections against their targets.

`python -m bench scale` prints this table alone. Meant for PostgreSQL
(``DATABASE_URL=postgres:///iscm_bench``); SQLite works but is not what the targets are for.
Warm: median of ``RUNS`` requests. Cold: a worker's first request: the in-process caches
emptied, the shared ones (rendered sections, structure) kept; median of ``COLD_RUNS``.
The API document's repeated requests are hits of its response cache (api/response_cache.py:
the stored bytes sent again); "API, miss" empties its slot before each request (encoded anew;
its time and queries include that one DELETE).
"""

import statistics
import time

SECTIONS = 3000
COLD_RUNS = 3


def _clear_markdown() -> None:
    """A worker that just started: nothing in this process (the Markdown level and the section
    structure's copy); Django's caches, shared by the workers, keep what they hold."""
    from guidelines.rendering.markdown import forget_in_process
    from guidelines.selectors import structure

    forget_in_process()
    structure.forget_in_process()


def _measure(client, url: str, runs: int) -> tuple[int, float, float, float, int, float]:
    """(queries, cold s, warm median s, warm IQR s, bytes, warm median CPU s of this process:
    what other load on the machine does not inflate, PostgreSQL's own time left out)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    colds = []
    for _ in range(COLD_RUNS):
        _clear_markdown()
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        colds.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    queries, size = len(ctx.captured_queries), len(response.content)
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    spread = statistics.quantiles(times, n=4)
    warm, cold = statistics.median(times), statistics.median(colds)
    return queries, cold, warm, spread[2] - spread[0], size, statistics.median(cpu)


class _EmptySlot:
    """A client whose every request finds the API document's slot empty (a miss: encoded)."""

    def __init__(self, client, slug: str) -> None:
        from django.core.cache import caches
        from django.urls import reverse

        from guidelines.api import response_cache

        self.client, self.cache = client, caches[response_cache.ALIAS]
        address = reverse("guidelines:document_detail", kwargs={"slug": slug})
        self.key = response_cache.slot(
            document_url=f"http://testserver{address}", language="en", milestone=None
        )

    def get(self, url):
        self.cache.delete(self.key)
        return self.client.get(url)


def seed() -> float:
    """Create ``synthetic-3000`` (once); seconds taken."""
    from guidelines.services.synthetic import synthetic_document_create

    start = time.perf_counter()
    synthetic_document_create(sections=SECTIONS)
    return time.perf_counter() - start


def run(client, runs: int = 15) -> list[tuple]:
    """(page, queries, cold ms, warm ms, IQR ms, KB, warm target ms, cold target ms or None,
    warm CPU ms)."""
    from django.core.cache import cache
    from django.urls import reverse

    slug = f"synthetic-{SECTIONS}"
    key = f"section-{SECTIONS // 2}"
    pages = [
        ("document page", reverse("guidelines:document_detail", kwargs={"slug": slug}), 250, 500),
        ("API (warm: hits)", reverse("guidelines:api_document", kwargs={"slug": slug}), 150, None),
        ("API, miss", reverse("guidelines:api_document", kwargs={"slug": slug}), None, None),
        ("coverage matrix", reverse("guidelines:coverage", kwargs={"slug": slug}), 250, None),
        (
            "section page",
            reverse("guidelines:section_detail", kwargs={"slug": slug, "key": key}),
            40,
            None,
        ),
    ]
    rows = []
    for name, url, warm_target, cold_target in pages:
        cache.clear()  # the API throttle's counts: the bench is not a client to hold back
        asking = _EmptySlot(client, slug) if name == "API, miss" else client
        queries, cold, warm, iqr, size, cpu = _measure(asking, url, runs)
        rows.append(
            (name, queries, cold * 1000, warm * 1000, iqr * 1000, size / 1024,
             warm_target, cold_target, cpu * 1000)
        )  # fmt: skip
    cache.clear()
    return rows


def print_table(client, runs: int = 15) -> None:
    seconds = seed()
    rows = run(client, runs)
    print(f"\n{SECTIONS:,} sections (seeded in {seconds:.1f} s; warm: median of {runs})")
    print(
        f"{'page':<18}{'queries':>8}{'cold ms':>9}{'target':>8}{'warm ms':>9}{'target':>8}"
        f"{'IQR ms':>8}{'CPU ms':>8}{'KB':>7}"
    )
    for name, queries, cold, warm, iqr, kb, warm_target, cold_target, cpu in rows:
        cold_goal = f"≤{cold_target}" if cold_target else "-"
        warm_goal = f"≤{warm_target}" if warm_target else "-"
        print(
            f"{name:<18}{queries:>8}{cold:>9.1f}{cold_goal:>8}{warm:>9.1f}{warm_goal:>8}"
            f"{iqr:>8.1f}{cpu:>8.1f}{kb:>7.0f}"
        )
    print(
        "cold: median of 3 first requests after emptying the in-process copies (Markdown, "
        "structure); "
        "CPU: this process's CPU time, warm median (PostgreSQL's time not included)"
    )
