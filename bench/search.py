"""Search over a 3,000-section document with 10,000 comments: server time of /search/ for a
common word, a rare word, a phrase, French, a typo and with filters (median and p95)."""

import random
import statistics
import time

RUNS = 20
SECTIONS = 3000
COMMENTS = 10_000
FRENCH = (
    "Les administrations douanières échangent les données préalables sur les envois à haut "
    "risque avant le chargement des conteneurs."
)


def build() -> tuple[int, float]:
    """The document, its comments (1 in 50 in French, 5 with a rare word) and the index;
    (entries, seconds spent indexing)."""
    from django.db import transaction

    from guidelines.models import Comment, Section, User
    from guidelines.services.search_index import rebuild_all
    from guidelines.services.synthetic import _body, synthetic_document_create

    document = synthetic_document_create(sections=SECTIONS)
    author = User.objects.get(username="member-cn")
    sections = list(Section.objects.filter(document=document).only("id", "version"))
    rng = random.Random(16)
    rows = []
    for n in range(COMMENTS):
        section = sections[n % len(sections)]
        french = n % 50 == 0
        body = FRENCH if french else _body(rng, rng.randint(12, 60))
        if n % 2000 == 7:
            body += " The quetzal procedure applies."
        rows.append(
            Comment(document=document, section_id=section.id, author=author,
                    delegation_id=author.delegation_id, body=body, section_version=1,
                    language="fr" if french else "en")
        )  # fmt: skip
    with transaction.atomic():
        Comment.objects.bulk_create(rows, batch_size=1000)  # no history: a bench, not a record
    start = time.perf_counter()
    entries = rebuild_all(document=document)
    return entries, time.perf_counter() - start


def run(client) -> list[tuple[str, int, float, float]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from guidelines.models import Section

    chapter = Section.objects.get(document__slug=f"synthetic-{SECTIONS}", key="chapter-3")
    url = reverse("guidelines:search")
    cases = [
        ("common word (customs)", {"q": "customs"}),
        ("two common words", {"q": "container release"}),
        ("rare word (quetzal)", {"q": "quetzal"}),
        ("phrase", {"q": '"risk assessment"'}),
        ("French (douanier)", {"q": "douanier envoi"}),
        ("typo (quetzl): close matches", {"q": "quetzl"}),  # "quetzall" stems to quetzal
        ("common, comments, chapter", {"q": "customs", "kind": "comment", "chapter": chapter.pk}),
        ("common, page 20", {"q": "customs", "page": "20"}),
        ("common, with past versions", {"q": "customs", "past": "on"}),
    ]
    rows = []
    for name, params in cases:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, params)
        assert response.status_code == 200, (name, response.status_code)
        queries = len(ctx.captured_queries)
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            client.get(url, params)
            times.append(time.perf_counter() - start)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        rows.append((name, queries, statistics.median(times) * 1000, p95 * 1000))
    return rows


def report(client) -> None:
    from django.db import connection

    entries, seconds = build()
    print(
        f"\nsearch, {SECTIONS:,} sections and {COMMENTS:,} comments ({entries:,} entries, "
        f"indexed in {seconds:.1f} s) on {connection.vendor}; target < 150 ms on PostgreSQL"
    )
    print(f"{'query':<34}{'queries':>9}{'median ms':>11}{'p95 ms':>8}")
    for name, queries, median, p95 in run(client):
        print(f"{name:<34}{queries:>9}{median:>11.1f}{p95:>8.1f}")
    print(f"{RUNS} warm runs per row (server time through the test client).")
