"""Search across sections, past versions, proposals, comments and working documents.

One interface, two engines: PostgreSQL full-text search (``websearch_to_tsquery`` on our own
parsed words, each entry in its language's configuration, ``ts_headline`` snippets, trigram
similarity when nothing matches), and SQLite FTS5 (stemmed copies, ``bm25`` ranking, snippets
made here). Hidden and deleted comments are never in the index; soft-deleted sections are
skipped. Every role that may read may search (the ``read`` rule).
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..models import Mapping, ProposalStatus, SearchEntry, SearchKind, Section
from ..rendering.numbering import number_rows, shown_label
from .search_engines import (
    CONFIGS,
    PAGE_SIZE,
    SNIPPET_WORDS,
    close_matches,
    postgres_page,
    sqlite_page,
)
from .search_query import HIT_END, HIT_START, ParsedQuery, parse_query, stem

RESOLVED = "resolved"


def status_choices() -> list[tuple[str, str]]:
    """The status filter: a proposal's status, or a comment thread open/resolved."""
    return [*ProposalStatus.choices, (RESOLVED, _("resolved (comments)"))]


@dataclass(frozen=True)
class SearchFilters:
    kinds: tuple[str, ...] = ()
    chapter: int | None = None  # a top-level section's id
    pillar: int | None = None
    standard: int | None = None
    delegation: int | None = None
    status: str = ""
    past_versions: bool = False


@dataclass(frozen=True)
class SearchResult:
    kind: str
    kind_label: str
    location: str  # "3.2", "3.2, version 4", "Proposal #4 · 3.2 Transit", "Comments on 3.2 …"
    title: str  # with the hit marks of search_query (HIT_START/HIT_END)
    title_in_link: bool  # a section's heading: shown in the link after its number
    snippet: str  # idem; escaped and marked up by rendering/search.py
    url: str
    language: str
    status_label: str = ""


@dataclass(frozen=True)
class SearchResults:
    query: str
    results: tuple[SearchResult, ...] = ()
    total: int = 0
    page: int = 1
    pages: int = 0
    messages: tuple[str, ...] = ()
    close_matches: bool = False  # nothing matched exactly: similar words shown (PostgreSQL)
    searched: bool = False  # False: an empty query, the page shows the filters and a hint
    filters: SearchFilters = field(default_factory=SearchFilters)

    @property
    def first_number(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1


@dataclass(frozen=True)
class _Row:  # what numbering needs of a section
    id: int
    parent_id: int | None
    position: int
    kind: str


class _Outline:
    """Every section's place (1 query): what a chapter holds, which sections are out of the
    text (deleted, or under a deleted section), and the numbers of the sections shown."""

    def __init__(self) -> None:
        fields = ("id", "parent_id", "is_deleted", "position", "kind")
        rows = list(Section.objects.values_list(*fields))
        self.children: dict[int | None, list[int]] = {}
        for pk, parent, *_rest in rows:
            self.children.setdefault(parent, []).append(pk)
        self.gone: set[int] = set()
        for pk, _parent, deleted, *_rest in rows:
            if deleted and pk not in self.gone:
                self.gone.update(self.under(pk))
        self.rows = {
            pk: _Row(pk, parent, position, kind)
            for pk, parent, deleted, position, kind in rows
            if pk not in self.gone
        }

    def under(self, top: int) -> list[int]:
        found, stack = [], [top]
        while stack:
            pk = stack.pop()
            found.append(pk)
            stack.extend(self.children.get(pk, []))
        return found

    def numbers(self, section_ids: set[int]) -> dict[int, str]:
        """The shown numbers of these sections, computed from their ancestors and the
        siblings of each (all a number depends on), not from the whole tree."""
        needed: dict[int, _Row] = {}
        for pk in section_ids:
            row = self.rows.get(pk)
            while row is not None:
                for sibling in self.children.get(row.parent_id, []):
                    if sibling in self.rows:
                        needed[sibling] = self.rows[sibling]
                row = self.rows.get(row.parent_id) if row.parent_id else None
        numbered = number_rows(needed.values())
        return {pk: shown_label(numbered[pk].label) for pk in section_ids if pk in numbered}


def _filtered(filters: SearchFilters, outline: _Outline):
    entries = SearchEntry.objects.all()
    if outline.gone:
        entries = entries.exclude(section_id__in=outline.gone)
    kinds = [k for k in filters.kinds if k in SearchKind.values]
    if kinds:
        entries = entries.filter(kind__in=kinds)
    if not filters.past_versions:
        entries = entries.exclude(kind=SearchKind.PAST_VERSION)
    if filters.chapter is not None:
        entries = entries.filter(section_id__in=outline.under(filters.chapter))
    mappings = Mapping.objects.live()
    if filters.standard is not None:
        mapped = mappings.filter(standard_id=filters.standard).values("section_id")
        entries = entries.filter(section_id__in=mapped)
    elif filters.pillar is not None:
        mapped = mappings.filter(standard__pillar_id=filters.pillar).values("section_id")
        entries = entries.filter(section_id__in=mapped)
    if filters.delegation is not None:
        entries = entries.filter(delegation_id=filters.delegation)
    if filters.status:
        entries = entries.filter(status=filters.status)
    return entries


_SPLIT = re.compile(r"([^\W_]+)")


def mark_hits(text: str, stems: set[str], language: str, *, width: int | None) -> str:
    """``text`` with the words whose stem is searched wrapped in the hit marks; with ``width``,
    cut to about that many words around the first hit."""
    parts = _SPLIT.split(text)  # separators at even indexes, words at odd ones
    hits = [i for i in range(1, len(parts), 2) if stem(parts[i], language) in stems]
    for i in hits:
        parts[i] = f"{HIT_START}{parts[i]}{HIT_END}"
    if width is None or len(parts) <= width * 2:
        return "".join(parts).strip()
    first = hits[0] if hits else 1
    start = max(0, first - width // 2)
    end = min(len(parts), start + width * 2)
    body = "".join(parts[start:end]).strip()
    return ("… " if start > 0 else "") + body + (" …" if end < len(parts) else "")


def _where(entry: SearchEntry, numbers: dict[int, str]) -> str:
    section = entry.section
    place = number = ""
    if section is not None:
        number = numbers.get(section.pk, "")
        place = " ".join(p for p in (number, section.heading) if p)
    kind = entry.kind
    if kind == SearchKind.SECTION:
        return number
    if kind == SearchKind.PAST_VERSION:
        return _("%(number)s version %(v)s:") % {"number": number, "v": entry.version}
    if kind == SearchKind.PROPOSAL:
        return _("Proposal #%(n)s · %(place)s") % {"n": entry.object_id, "place": place}
    if kind == SearchKind.COMMENT and entry.proposal_id:
        return _("Discussion of proposal #%(n)s · %(place)s") % {
            "n": entry.proposal_id,
            "place": place,
        }
    if kind == SearchKind.COMMENT:
        return _("Comments on %(place)s") % {"place": place}
    if kind == SearchKind.WORKING_DOCUMENT:
        return _("Working document of %(doc)s") % {"doc": entry.document.shown_title}
    return place  # pragma: no cover - every kind is handled above


def _url(entry: SearchEntry) -> str:
    slug = entry.document.slug
    kind = entry.kind
    if kind == SearchKind.WORKING_DOCUMENT:
        return reverse("guidelines:working_documents", kwargs={"slug": slug})
    if kind == SearchKind.PROPOSAL or (kind == SearchKind.COMMENT and entry.proposal_id):
        url = reverse("guidelines:proposal_detail", kwargs={"slug": slug, "pk": entry.proposal_id})
    else:
        name = "section_history" if kind == SearchKind.PAST_VERSION else "section_detail"
        url = reverse(f"guidelines:{name}", kwargs={"slug": slug, "key": entry.section.key})
    return f"{url}#comment-{entry.object_id}" if kind == SearchKind.COMMENT else url


def _status_label(entry: SearchEntry) -> str:
    if entry.kind == SearchKind.PROPOSAL:
        return str(dict(ProposalStatus.choices).get(entry.status, ""))
    if entry.kind == SearchKind.COMMENT:
        return _("resolved") if entry.status == RESOLVED else pgettext("comment thread", "open")
    return ""


def _results(
    ids: list[int], snippets: dict[int, str], parsed: ParsedQuery, outline: _Outline
) -> list[SearchResult]:
    rows = SearchEntry.objects.filter(id__in=ids).select_related("document", "section")
    by_id = {e.id: e for e in rows}
    entries = [by_id[i] for i in ids if i in by_id]
    numbers = outline.numbers({e.section_id for e in entries if e.section_id})
    words = parsed.all_words()
    labels = dict(SearchKind.choices)
    results = []
    for entry in entries:
        stems = {stem(w, lang) for w in words for lang in CONFIGS}
        snippet = snippets.get(entry.id) or mark_hits(
            entry.text, stems, entry.language, width=SNIPPET_WORDS
        )
        results.append(
            SearchResult(
                kind=entry.kind,
                kind_label=str(labels[entry.kind]),
                location=_where(entry, numbers),
                title=mark_hits(entry.title, stems, entry.language, width=None),
                title_in_link=entry.kind in (SearchKind.SECTION, SearchKind.PAST_VERSION),
                snippet=snippet,
                url=_url(entry),
                language=entry.language,
                status_label=_status_label(entry),
            )  # fmt: skip
        )
    return results


def search(user, query: str, *, filters: SearchFilters | None = None, page: int = 1):
    """One page of results for ``query`` (any text a user typed: never raises on it)."""
    filters = filters or SearchFilters()
    parsed = parse_query(query)
    messages = (parsed.message,) if parsed.message else ()
    if parsed.empty:
        return SearchResults(query=query, messages=messages, filters=filters)
    outline = _Outline()
    entries = _filtered(filters, outline)
    close = False
    if connection.vendor == "postgresql":
        total, page, pages, ids, snippets = postgres_page(entries, parsed, page)
        if not total and not parsed.phrases:  # a quoted phrase asks for those exact words
            total, page, pages, ids = close_matches(entries, parsed, page)
            close = bool(total)
    else:
        total, page, pages, ids, snippets = sqlite_page(entries, parsed, page)
    results = tuple(_results(ids, snippets, parsed, outline))
    return SearchResults(
        query=query, results=results, total=total, page=page, pages=pages,
        messages=messages, close_matches=close, searched=True, filters=filters,
    )  # fmt: skip


@dataclass(frozen=True)
class FilterChoices:
    chapters: tuple[tuple[int, str], ...]
    pillars: tuple[tuple[int, str], ...]
    standards: tuple[tuple[int, str], ...]
    delegations: tuple[tuple[int, str], ...]


def filter_choices() -> FilterChoices:
    """The choices of the search page's filters: chapters (top-level sections, numbered, per
    document), SAFE pillars and standards, delegations (4 queries)."""
    from ..models import Delegation, Pillar, Standard

    tops = Section.objects.filter(parent__isnull=True, is_deleted=False).select_related("document")
    tops = sorted(tops, key=lambda s: (s.document.slug, s.position, s.id))
    numbers = number_rows(tops)
    several = len({s.document_id for s in tops}) > 1
    chapters = []
    for section in tops:
        label = " ".join(p for p in (shown_label(numbers[section.id].label), section.heading) if p)
        if several:
            label = f"{section.document.shown_title}: {label}"
        chapters.append((section.id, label))
    pillars = [(p.id, str(p)) for p in Pillar.objects.all()]
    standards = [(s.id, f"{s.code}: {s.title}") for s in Standard.objects.select_related("pillar")]
    delegations = [(d.id, d.name) for d in Delegation.objects.all()]
    return FilterChoices(tuple(chapters), tuple(pillars), tuple(standards), tuple(delegations))
