"""A document's numbered structure without the texts, cached: what a section page needs of the
whole tree (its number, its ancestors, siblings and children, the previous and next section, and
the numbers and headings of the sections its text refers to) at a cost that does not grow with
the document.

The structure (key, parent, kind, number, label, depth, heading, version of every live section,
in reading order) is kept in Django's cache under a token that changes with any change to any of
the document's sections: the newest history row of its sections (every write of a section,
structure changes included, writes one; see ``selectors.versions``). Reading the token is one
query; a miss reads the sections once, without their texts. Each process also keeps the last
few structures it unpickled, by the same token, so a hit costs no unpickling either.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone

from ..models import Document, Section
from ..rendering.numbering import children_by_parent as group_rows
from ..rendering.numbering import number_rows, reading_order
from ..rendering.xrefs import XrefResolver, XrefTarget

_CACHE_VERSION = 1
RECENT = 15  # seconds
_MEMO_SIZE = 8
_memo: "OrderedDict[str, tuple[Structure, float]]" = OrderedDict()  # with when it expires
_memo_lock = threading.Lock()


@dataclass(frozen=True)
class Entry:
    """One live section, as the structure knows it (no text)."""

    pk: int
    key: str
    parent: str | None  # the parent's key
    kind: str
    heading: str
    version: int
    number: str
    label: str
    depth: int
    index: int  # in reading order

    @property
    def id(self) -> int:
        return self.pk


@dataclass
class Structure:
    document_id: int
    token: str
    entries: list[Entry]  # reading order
    by_key: dict[str, Entry] = field(default_factory=dict)
    children: dict[str | None, list[Entry]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_key = {e.key: e for e in self.entries}
        for entry in self.entries:  # reading order keeps siblings in order
            self.children.setdefault(entry.parent, []).append(entry)

    def __len__(self) -> int:
        return len(self.entries)

    def ancestors(self, entry: Entry) -> list[Entry]:
        """From the top-level section down to ``entry``'s parent."""
        out = []
        cursor = self.by_key.get(entry.parent) if entry.parent else None
        while cursor is not None:
            out.insert(0, cursor)
            cursor = self.by_key.get(cursor.parent) if cursor.parent else None
        return out

    def previous(self, entry: Entry) -> Entry | None:
        return self.entries[entry.index - 1] if entry.index > 0 else None

    def next(self, entry: Entry) -> Entry | None:
        at = entry.index + 1
        return self.entries[at] if at < len(self.entries) else None


def forget_in_process() -> None:
    """Empty this process's copies (tests, and the bench's "worker that just started")."""
    with _memo_lock:
        _memo.clear()


def structure_token(document: Document) -> tuple[str, datetime | None]:
    """A token that changes whenever a section of ``document`` is written, and the date of the
    newest write (1 query). The newest history row's date is part of the token too: an id alone
    may come back after a rollback on SQLite."""
    latest = Section.history.filter(document_id=document.pk).aggregate(
        id=Max("history_id"), at=Max("history_date")
    )
    at = latest["at"]
    return f"{document.pk}.{latest['id'] or 0}.{at.timestamp() if at else 0}", at


@dataclass(frozen=True)
class _Row:
    id: int
    parent_id: int | None
    position: int
    kind: str
    key: str
    heading: str
    version: int


def _read(document: Document, token: str) -> Structure:
    """The live sections, numbered (1 query, no texts)."""
    rows = [
        _Row(*values)
        for values in Section.objects.live()
        .filter(document=document)
        .values_list("id", "parent_id", "position", "kind", "key", "heading", "version")
    ]
    numbers = number_rows(rows)
    keys = {row.id: row.key for row in rows}
    entries = []
    for index, row in enumerate(reading_order(group_rows(rows))):
        numbered = numbers[row.id]
        entries.append(
            Entry(row.id, row.key, keys.get(row.parent_id) if row.parent_id else None,
                  row.kind, row.heading, row.version, numbered.number, numbered.label,
                  numbered.depth, index)
        )  # fmt: skip
    return Structure(document.pk, token, entries)


def document_structure(document: Document) -> Structure:
    """The numbered structure of ``document``'s live sections (1 query on a hit, 2 on a miss).

    Two text edits of different sections may commit out of the order of their history ids; a
    structure read between the two commits would be kept under a token the later commit does
    not change. So while the newest write is recent (``RECENT`` seconds) the structure is kept
    only that long (in Django's cache and in the process): a write is reflected at most
    ``RECENT`` seconds late in that rare case. (Structure changes cannot race: they hold the
    document's lock.)"""
    token, at = structure_token(document)
    name = f"structure:{_CACHE_VERSION}:{token}"
    now = time.monotonic()
    with _memo_lock:  # a worker's threads share the copies
        kept = _memo.get(name)
        if kept is not None and kept[1] > now:
            _memo.move_to_end(name)
            return kept[0]
    settled = at is None or (timezone.now() - at).total_seconds() > RECENT
    entries = cache.get(name)
    if entries is None:
        structure = _read(document, token)
        cache.set(name, structure.entries, timeout=24 * 3600 if settled else RECENT)
    else:
        structure = Structure(document.pk, token, entries)
    with _memo_lock:
        _memo[name] = (structure, now + (24 * 3600 if settled else RECENT))
        _memo.move_to_end(name)
        while len(_memo) > _MEMO_SIZE:
            _memo.popitem(last=False)
    return structure


class _Targets(Mapping):
    """Reference targets computed when asked for, from the structure (no query)."""

    def __init__(self, structure: Structure, url_for, headings, other_lang: str) -> None:
        self._structure, self._url_for = structure, url_for
        self._headings, self._other_lang = headings, other_lang

    def __getitem__(self, key: str) -> XrefTarget:
        entry = self._structure.by_key[key]
        heading, lang = self._headings.get(entry.pk) or (entry.heading, self._other_lang)
        return XrefTarget(entry.label, heading, self._url_for(key), lang)

    def __iter__(self):
        return (entry.key for entry in self._structure.entries)

    def __len__(self) -> int:
        return len(self._structure.entries)


def structure_xref_resolver(
    structure: Structure, url_for, *, headings=None, english_lang: str = ""
) -> XrefResolver:
    """A ``[[key]]`` resolver for every live section of the document, each target made only
    when a text refers to it. ``headings``: (heading, its language) by section id where the page
    reads them in a translation; other headings are the English ones (marked ``english_lang``)."""
    return XrefResolver(_Targets(structure, url_for, headings or {}, english_lang))
