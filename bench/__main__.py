"""`make bench`: server time and query counts of the reading pages at 30 and 300 sections.

Runs against a throw-away SQLite database (or DATABASE_URL if set), in production mode
(DEBUG off), through Django's test client so that only server time is measured.
Prints medians over several runs; the first (cold) request is reported on its own.
"""

import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = int(os.environ.get("BENCH_RUNS", "15"))


def setup() -> None:
    warnings.filterwarnings("ignore", message="No directory at")
    tmp = tempfile.mkdtemp(prefix="iscm-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.update(
        DEBUG="0",
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        # The demo's notification e-mails go to memory: the output is the tables only.
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        # Production's hashed static names need the manifest that collectstatic writes.
        STATIC_ROOT=f"{tmp}/static",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iscm_tracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    # Keep one connection across requests (as Django's own tests do), so queries can be counted.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    from iscm_tracker.gc_tuning import tune_for_serving

    tune_for_serving()  # the cycle collector as in a served process (iscm_tracker/wsgi.py)


def measure(client, url: str) -> tuple[int, float, float, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    cold = time.perf_counter() - start
    queries = len(ctx.captured_queries)  # read now: the next request resets the query log
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    spread = statistics.quantiles(times, n=4)
    return queries, cold, statistics.median(times), spread[2] - spread[0]


def main() -> None:
    if sys.argv[1:] == ["diff"]:  # `python -m bench diff`: the diffs alone (no database)
        from bench import diff

        return diff.print_table()
    setup()
    from django.test import Client
    from django.urls import reverse

    from guidelines.models import User
    from guidelines.services.seed import seed_demo
    from guidelines.services.synthetic import synthetic_document_create

    t0 = time.perf_counter()
    seed_demo(password="bench")
    for n in (30, 300):
        synthetic_document_create(sections=n)
    elapsed = time.perf_counter() - t0  # on stderr: stdout is the tables only
    print(f"seeded demo data and synthetic documents in {elapsed:.1f} s", file=sys.stderr)
    client = Client()
    client.force_login(User.objects.get(username="member-au"))
    if sys.argv[1:] == ["word_import"]:  # `python -m bench word_import`: that part alone
        return word_import(client)
    if sys.argv[1:] == ["search"]:  # `python -m bench search`: that part alone
        return search(client)
    if sys.argv[1:2] == ["render_cache"]:  # `python -m bench render_cache [300 3000]`
        from bench import render_cache

        return render_cache.report(client, [int(n) for n in sys.argv[2:]] or [300], RUNS)
    if sys.argv[1:2] == ["pdf"]:  # `python -m bench pdf [300 1000]`: the PDF table alone
        from bench import exports

        return exports.print_pdf_table([int(n) for n in sys.argv[2:]] or (300, 1000))
    if sys.argv[1:] == ["section"]:  # `python -m bench section`: section pages, 30 to 3,000
        from bench import section

        return section.report(client, measure)
    if sys.argv[1:] == ["scale"]:  # `python -m bench scale`: the 3,000-section table alone
        from bench import scale

        return scale.print_table(client, RUNS)
    if sys.argv[1:] == ["overlaps"]:  # `python -m bench overlaps`: that part alone
        from bench import overlaps

        return overlaps.print_table()
    rows = []
    for view in ("guidelines:document_detail", "guidelines:api_document", "guidelines:coverage"):
        for n in (30, 300):
            url = reverse(view, kwargs={"slug": f"synthetic-{n}"})
            queries, cold, median, iqr = measure(client, url)
            rows.append((view.split(":")[1], n, queries, cold * 1000, median * 1000, iqr * 1000))
    header = f"{'page':<18}{'sections':>9}{'queries':>9}{'cold ms':>10}{'median ms':>11}"
    print(f"\n{header}{'IQR ms':>8}")
    for name, n, queries, cold, median, iqr in rows:
        print(f"{name:<18}{n:>9}{queries:>9}{cold:>10.1f}{median:>11.1f}{iqr:>8.1f}")
        if name == "document_detail":  # a worker that just started; the shared cache has all
            from bench.render_cache import cold_worker

            url = reverse(f"guidelines:{name}", kwargs={"slug": f"synthetic-{n}"})
            median, queries = cold_worker(client, url, RUNS)
            print(f"{'  cold worker':<18}{n:>9}{queries:>9}{'':>10}{median:>11.1f}")
    print(f"\n{RUNS} warm runs per row; {os.cpu_count()} cores; IQR = interquartile range.")

    from bench import section

    section.report(client, measure)
    from bench import scale

    scale.print_table(client, RUNS)

    from bench import api

    print(f"\n{'API v1, 300 sections':<34}{'queries':>9}{'median ms':>11}{'IQR ms':>8}")
    for name, queries, median, iqr in api.run(client):
        print(f"{name:<34}{queries:>9}{median * 1000:>11.1f}{iqr * 1000:>8.1f}")

    history_rows = bench_history(client)
    print(f"\n{'section history, 1000 versions':<34}{'queries':>9}{'median ms':>11}{'IQR ms':>8}")
    for name, queries, _cold, median, iqr in history_rows:
        print(f"{name:<34}{queries:>9}{median * 1000:>11.1f}{iqr * 1000:>8.1f}")

    from bench import proposals

    print(f"\n{'proposals':<34}{'queries':>9}{'median ms':>11}{'IQR ms':>8}")
    for name, queries, _cold, median, iqr in proposals.run(client, measure):
        print(f"{name:<34}{queries:>9}{median * 1000:>11.1f}{iqr * 1000:>8.1f}")

    from bench import comments

    median, iqr, statuses = comments.reanchor()
    print(
        f"\nre-anchor 200 comments, 5,000 words: median {median:.1f} ms, "
        f"IQR {iqr:.1f} ms, {statuses}"
    )
    queries, _cold, median, iqr = comments.section_page(client, measure)
    print(
        f"section page, 200 threads: {queries} queries, median {median * 1000:.1f} ms, "
        f"IQR {iqr * 1000:.1f} ms"
    )

    from bench import facilitator

    print(f"\n{'facilitator (after the above)':<34}{'queries':>9}{'median ms':>11}{'IQR ms':>8}")
    for name, queries, _cold, median, iqr in facilitator.run(measure):
        print(f"{name:<34}{queries:>9}{median * 1000:>11.1f}{iqr * 1000:>8.1f}")

    from bench import overlaps

    overlaps.print_table()

    from bench import exports

    exports.print_pdf_table()

    tags = exports.tagging()
    (plain_s, plain_size), (tagged_s, tagged_size) = tags["untagged"], tags["tagged"]
    print(
        f"tagged PDF (PDF/UA-1) against untagged, same HTML: {tagged_s:.2f} s vs {plain_s:.2f} s "
        f"(+{tagged_s / plain_s - 1:.0%}), "
        f"{tagged_size / 1024:.0f} KB vs {plain_size / 1024:.0f} KB"
    )

    median, changed = exports.compare_300()
    print(
        f"compare two drafts of 300 sections ({changed} sections changed): median {median:.2f} s "
        "(target < 2 s)"
    )
    r = exports.redline_300()
    print(
        f"credited redline of the same ({r['changes']} sections changed): {r['redline']:.2f} s "
        f"(plain comparison {r['compare']:.2f} s); exported as PDF {r['pdf']:.2f} s, "
        f"as Word {r['docx']:.2f} s"
    )

    from bench import diff

    diff.print_table()

    from bench import languages

    translated, stale = languages.translate_300()
    print(
        f"\nreading in French, 300 sections ({translated} translated, {stale} of them out of date)"
    )
    print(f"{'page, interface language':<34}{'queries':>9}{'median ms':>11}{'IQR ms':>8}")
    for name, queries, _cold, median, iqr in languages.pages(client, measure):
        print(f"{name:<34}{queries:>9}{median * 1000:>11.1f}{iqr * 1000:>8.1f}")
    for name, seconds in languages.exports().items():
        print(f"{name:<34}{seconds:>9.2f} s (median of {languages.RUNS})")
    word_import(client)
    search(client)


def search(client) -> None:
    from bench import search

    search.report(client)


def word_import(client) -> None:
    from bench import word_import

    print("\nWord import, 300 sections, 30 of them edited (tracked insertion + comment)")
    for name, seconds in word_import.measure(client).items():
        print(f"{name:<48}{seconds * 1000:>9.0f} ms")


def bench_history(client) -> list[tuple[str, int, float, float, float]]:
    """A section with 1,000 versions: page 1 and page 40 of its history."""
    from django.urls import reverse

    from guidelines.models import Section

    section = Section.objects.get(document__slug="iscm-guidelines", key="seals")
    history = section.history.model
    base = section.history.earliest("history_id")
    fields = [f.attname for f in history._meta.fields if f.attname != "history_id"]
    rows = []
    for n in range(2, 1001):
        row = history(**{name: getattr(base, name) for name in fields})
        row.version, row.body, row.history_change_reason = n, f"Text {n}", f"Edit {n}"
        rows.append(row)
    history.objects.bulk_create(rows)
    url = reverse("guidelines:section_history", kwargs={"slug": "iscm-guidelines", "key": "seals"})
    return [
        ("page 1", *measure(client, url)),
        ("page 40", *measure(client, url + "?page=40")),
    ]


if __name__ == "__main__":
    main()
