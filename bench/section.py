"""`python -m bench section`: a section page at 30, 300 and 3,000 sections (issue 18: within
1.5x of 30 in time and bytes; at most 40 ms at 3,000 on PostgreSQL), and the full outline it
loads with htmx (/documents/<slug>/outline/), warm (the structure cached) and cold."""

SIZES = (30, 300, 3000)


def _key(n: int) -> str:
    """A section in the middle of ``synthetic-N`` (chapters of 9 sections)."""
    chapters = -(-n // 10)
    return f"section-{(n - chapters) // 2}"


def run(client, measure) -> list[tuple]:
    """(page, sections, queries, cold ms, median ms, IQR ms, KB) per row."""
    from django.core.cache import cache
    from django.urls import reverse

    from guidelines.services.synthetic import synthetic_document_create

    rows = []
    for n in SIZES:
        slug = synthetic_document_create(sections=n).slug
        key = _key(n)
        section = reverse("guidelines:section_detail", kwargs={"slug": slug, "key": key})
        outline = reverse("guidelines:outline_fragment", kwargs={"slug": slug})
        for name, url in (("section page", section), ("full outline", f"{outline}?current={key}")):
            cache.clear()  # the cold figure: the structure read and numbered
            queries, cold, median, iqr = measure(client, url)
            size = len(client.get(url).content) / 1024
            rows.append((name, n, queries, cold * 1000, median * 1000, iqr * 1000, size))
    return rows


def report(client, measure) -> None:
    rows = run(client, measure)
    print(f"\n{'page':<14}{'sections':>9}{'queries':>9}{'cold ms':>9}{'median ms':>11}"
          f"{'IQR ms':>8}{'KB':>8}")  # fmt: skip
    for name, n, queries, cold, median, iqr, size in rows:
        print(f"{name:<14}{n:>9}{queries:>9}{cold:>9.1f}{median:>11.1f}{iqr:>8.1f}{size:>8.1f}")
    pages = {
        n: (median, size) for name, n, _q, _c, median, _i, size in rows if name == "section page"
    }
    (t30, b30), (t3k, b3k) = pages[SIZES[0]], pages[SIZES[-1]]
    print(f"section page at {SIZES[-1]:,} / at {SIZES[0]}: time {t3k / t30:.2f}x, "
          f"bytes {b3k / b30:.2f}x (target <= 1.5x; <= 40 ms at 3,000 on PostgreSQL)")  # fmt: skip
    print("queries and cold ms: the first request after the cache is emptied (the document's "
          "structure read and numbered); the median: warm")  # fmt: skip
