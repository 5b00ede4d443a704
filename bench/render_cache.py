"""The document page with the rendered sections' cache (rendering/render_cache.py): a worker
that holds every text (warm), a worker that just started while the shared cache has them (cold
worker: the in-process level emptied before each request) and nothing cached anywhere (both
emptied: every text rendered and stored).

`python -m bench render_cache [SECTIONS ...]` prints it alone (default 300; e.g. 300 3000);
`make bench` prints the cold-worker row under its first table."""

import statistics
import time

COLD_EVERYWHERE_RUNS = 3  # each renders the whole document again


def _median_ms(client, url: str, runs: int, before=None) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(runs):
        if before is not None:
            before()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx.captured_queries)
    return statistics.median(times) * 1000, queries


def cold_worker(client, url: str, runs: int) -> tuple[float, int]:
    """Median ms and queries of a request whose worker holds no text (the shared cache does)."""
    from guidelines.rendering.markdown import forget_in_process

    client.get(url)  # the shared cache has every text of the page
    return _median_ms(client, url, runs, before=forget_in_process)


def rows(client, slugs: list[str], runs: int) -> list[tuple[str, int, int, float]]:
    from django.core.cache import caches
    from django.urls import reverse

    from guidelines.rendering.markdown import forget_in_process

    def nothing_cached() -> None:
        forget_in_process()
        caches["rendered"].clear()

    found = []
    for slug in slugs:
        url = reverse("guidelines:document_detail", kwargs={"slug": slug})
        n = int(slug.rsplit("-", 1)[1])
        cold_ms, cold_q = _median_ms(client, url, COLD_EVERYWHERE_RUNS, before=nothing_cached)
        worker_ms, worker_q = cold_worker(client, url, runs)
        client.get(url)
        warm_ms, warm_q = _median_ms(client, url, runs)
        found += [
            ("warm worker", n, warm_q, warm_ms),
            ("cold worker, shared cache warm", n, worker_q, worker_ms),
            (f"nothing cached (median of {COLD_EVERYWHERE_RUNS})", n, cold_q, cold_ms),
        ]
    return found


def report(client, sizes: list[int], runs: int) -> None:
    from django.conf import settings

    from guidelines.models import Document
    from guidelines.services.synthetic import synthetic_document_create

    for n in sizes:
        if not Document.objects.filter(slug=f"synthetic-{n}").exists():
            synthetic_document_create(sections=n)
    backend = settings.CACHES["rendered"]["BACKEND"].rsplit(".", 1)[1]
    print(f"\ndocument page, rendered sections cache ({backend}); median of {runs} runs")
    print(f"{'worker':<34}{'sections':>9}{'queries':>9}{'median ms':>11}")
    for name, n, queries, median in rows(client, [f"synthetic-{n}" for n in sizes], runs):
        print(f"{name:<34}{n:>9}{queries:>9}{median:>11.1f}")
