"""The two engines behind ``selectors.search``: one page of matching entry ids (and, on
PostgreSQL, their ``ts_headline`` snippets) from the filtered entries and the parsed query."""

import math

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Replace

from ..models import SearchEntry
from ..models.search import FTS_TABLE
from .search_query import HIT_END, HIT_START, ParsedQuery, fts5_match

PAGE_SIZE = 20
SNIPPET_WORDS = 36
CONFIGS = {"en": "english", "fr": "french"}


def _page_bounds(total: int, page: int) -> tuple[int, int, int]:
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(1, page), pages)
    return page, pages, (page - 1) * PAGE_SIZE


def sqlite_page(entries, parsed: ParsedQuery, page: int):
    """One query: the FTS5 matches (computed once, ranked by bm25, title weighted 4:1), kept if
    the filtered entries hold them; the page is cut here."""
    sub_sql, sub_params = entries.values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH m AS MATERIALIZED (SELECT rowid AS id, bm25({FTS_TABLE}, 4.0, 1.0) AS score "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) "
            f"SELECT m.id FROM m WHERE m.id IN ({sub_sql}) ORDER BY m.score, m.id",
            [fts5_match(parsed), *sub_params],
        )
        matched = [row[0] for row in cursor.fetchall()]
    page, pages, offset = _page_bounds(len(matched), page)
    return len(matched), page, pages, matched[offset : offset + PAGE_SIZE], {}


def _queries(parsed: ParsedQuery) -> dict[str, SearchQuery]:
    text = parsed.websearch()
    return {
        lang: SearchQuery(text, search_type="websearch", config=config)
        for lang, config in CONFIGS.items()
    }


def _by_language(make, default_language: str = "en"):
    whens = [When(language=lang, then=make(lang)) for lang in CONFIGS if lang != default_language]
    return Case(*whens, default=make(default_language))


# ts_headline drops whatever its parser takes for an HTML tag ("<script>" in a code span), so
# it is given the text with its angle brackets swapped for private-use characters (which
# indexed text never holds), swapped back afterwards.
_LT, _GT = "\ue002", "\ue003"
_ANGLES_HIDDEN = Replace(Replace(F("text"), Value("<"), Value(_LT)), Value(">"), Value(_GT))
_ANGLES_SHOWN = str.maketrans({_LT: "<", _GT: ">"})


def _full_text_matches(entries, queries: dict[str, SearchQuery]):
    """The entries the query matches in their own language. The first filter is the GIN
    index's (a BitmapOr of two index scans); the second keeps each entry to its language."""
    return entries.filter(Q(search_vector=queries["en"]) | Q(search_vector=queries["fr"])).filter(
        Q(language="en", search_vector=queries["en"])
        | Q(language="fr", search_vector=queries["fr"])
    )


def postgres_page(entries, parsed: ParsedQuery, page: int):
    queries = _queries(parsed)
    matched = _full_text_matches(entries, queries)
    total = matched.count()
    if not total:
        return 0, 1, 1, [], {}
    page, pages, offset = _page_bounds(total, page)
    rank = _by_language(lambda lang: SearchRank(F("search_vector"), queries[lang]))
    ids = list(
        matched.annotate(rank=rank)
        .order_by("-rank", "-updated_at", "id")
        .values_list("id", flat=True)[offset : offset + PAGE_SIZE]
    )
    headline = _by_language(
        lambda lang: SearchHeadline(
            _ANGLES_HIDDEN,
            queries[lang],
            config=CONFIGS[lang],
            start_sel=HIT_START,
            stop_sel=HIT_END,
            max_words=SNIPPET_WORDS,
            min_words=12,
            max_fragments=2,
            fragment_delimiter=" … ",
        )  # fmt: skip
    )
    rows = SearchEntry.objects.filter(id__in=ids).annotate(hl=headline).values_list("id", "hl")
    snippets = {pk: hl.translate(_ANGLES_SHOWN) for pk, hl in rows}
    return total, page, pages, ids, snippets


def close_matches(entries, parsed: ParsedQuery, page: int):
    """PostgreSQL, when full-text search found nothing and the query has no quoted phrase (a
    phrase asks for exactly those words, so no fuzzy matches stand in for it): entries with a
    word similar to one of the query's (pg_trgm's word similarity, ``<%``, served by the
    trigram GIN indexes)."""
    words = [w for w in parsed.all_words() if len(w) > 2][:4]
    if not words:
        return 0, 1, 1, []
    clause = " OR ".join(["(%s <%% title OR %s <%% text)"] * len(words))
    params = [w for w in words for _ in (0, 1)]
    matched = entries.extra(where=[clause], params=params)
    total = matched.count()
    page, pages, offset = _page_bounds(total, page)
    ids = list(
        matched.order_by("-updated_at", "id").values_list("id", flat=True)[
            offset : offset + PAGE_SIZE
        ]
    )
    return total, page, pages, ids
