"""The demo, seeded once per test session and put back in each test that asks for it.

``seed_demo`` takes seconds; inserting the rows it wrote takes milliseconds. The first test that
asks for the demo seeds it as before and keeps, in memory, every row it added to every table
(models, history and many-to-many tables, the SQLite FTS5 search table: whatever the database
holds, read table by table, no list of models to maintain) and the e-mails it sent. Later tests
get those rows inserted back with their ids, inside the test's transaction. The values written
at seeding time (timestamps from the seeding's start to its end) are moved by the time elapsed
since, so "edited a minute ago", rate limits and stale checks see the same ages as with a fresh
seed.

A snapshot is used only in a database and a context that match the ones it was taken in: the
same rows before seeding (a ``transaction=True`` test's flush recreates content types with other
ids; a fixture may have written rows before the demo), the same settings (a test's ``tmp_path``
aside), the same language and the same local date (the consultation round's deadline is "two
weeks from today"). Anything else, and a test outside a transaction (its ``on_commit``
callbacks run, so seeding has effects a restore would not have), seeds the demo as before.
tests/test_seed_snapshot.py proves a restored demo equals a freshly seeded one.
"""

import copy
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone, translation
from django.utils.functional import LazyObject, empty

MAX_SNAPSHOTS = 8


@dataclass
class TableRows:
    table: str
    columns: list[str]
    rows: list[tuple]

    def key(self) -> tuple:
        return (self.table, tuple(self.columns), tuple(sorted(map(repr, self.rows))))


@dataclass
class TableChange:
    """What seeding did to one table: rows added, or (if it changed or deleted any row that
    was there before) the whole table as it was after."""

    table: str
    columns: list[str]
    rows: list[list]
    replace: bool
    moved: list[tuple[int, int]]  # (row, column) of the values written while seeding


@dataclass
class Snapshot:
    changes: list[TableChange]
    seeded_from: dt.datetime  # aware
    seeded_until: dt.datetime
    outbox: list = field(default_factory=list)
    sequences: list[tuple] = field(default_factory=list)  # before seeding (for the tests)
    restores: int = 0


def _virtual_tables(cursor) -> list[str]:
    if connection.vendor != "sqlite":
        return []
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
    )
    return [name for (name,) in cursor.fetchall()]


def shadow_tables(tables) -> set[str]:
    """SQLite's own tables behind a virtual table (FTS5's ``<name>_data``, ``_idx``...)."""
    with connection.cursor() as cursor:
        virtual = _virtual_tables(cursor)
    return {t for t in tables for v in virtual if t.startswith(f"{v}_")}


def database_rows() -> dict[str, TableRows]:
    """Every row of every non-empty table. A SQLite virtual table (FTS5) is read with its rowid;
    its shadow tables (``<name>_data``...) follow it and are read only for comparing states."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        virtual = _virtual_tables(cursor)
        counts = ", ".join(f"(SELECT count(*) FROM {quote(t)})" for t in tables)
        cursor.execute(f"SELECT {counts}")
        nonempty = [t for t, n in zip(tables, cursor.fetchone(), strict=True) if n]
        out = {}
        for table in nonempty:
            rowid = "rowid, " if table in virtual else ""
            cursor.execute(f"SELECT {rowid}* FROM {quote(table)}")
            columns = [c[0] for c in cursor.description]
            out[table] = TableRows(table, columns, cursor.fetchall())
    return out


def _state_key(state: dict[str, TableRows]) -> int:
    return hash(tuple(rows.key() for _table, rows in sorted(state.items())))


def _in_window(value, start: dt.datetime, end: dt.datetime) -> bool:
    if not isinstance(value, dt.datetime):
        return False
    if timezone.is_naive(value):  # SQLite: naive UTC
        start, end = timezone.make_naive(start, dt.UTC), timezone.make_naive(end, dt.UTC)
    return start <= value <= end


def _changes(before, after, start, end) -> list[TableChange]:
    shadows = shadow_tables(after)
    changes = []
    for table, rows in after.items():
        if table in shadows:
            continue
        old = before.get(table)
        if old is not None and old.columns != rows.columns:
            raise RuntimeError(f"{table}: columns changed while seeding")
        old_rows = Counter(map(repr, old.rows)) if old else Counter()
        new_rows = Counter(map(repr, rows.rows))
        replace = bool(old_rows - new_rows)
        if replace:
            kept = rows.rows
        else:
            added = new_rows - old_rows
            kept = []
            for row in rows.rows:
                if added[repr(row)]:
                    added[repr(row)] -= 1
                    kept.append(row)
        if not kept and not replace:
            continue
        moved = [
            (r, c)
            for r, row in enumerate(kept)
            for c, value in enumerate(row)
            if _in_window(value, start, end)
        ]
        changes.append(TableChange(table, rows.columns, [list(r) for r in kept], replace, moved))
    return changes


def _evaluated(value):
    """A lazy object's value (its repr changes once something has used it)."""
    if isinstance(value, LazyObject):
        if value._wrapped is empty:
            value._setup()
        return value._wrapped
    return value


def _context_key(tmp_path) -> int:
    """The settings (the test's own tmp_path aside), the language and the local date."""
    names = sorted(n for n in dir(settings) if n.isupper())
    text = repr([(n, _evaluated(getattr(settings, n))) for n in names])
    if tmp_path is not None:
        text = text.replace(str(tmp_path), "<tmp_path>")
    return hash((text, translation.get_language(), timezone.localdate()))


def _models_by_table() -> dict[str, type]:
    return {
        m._meta.db_table: m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    }


def restore(snapshot: Snapshot) -> None:
    """The snapshot's rows inserted back, its seeding-time values moved to now."""
    quote = connection.ops.quote_name
    shift = timezone.now() - snapshot.seeded_until
    models = _models_by_table()
    with connection.cursor() as cursor:
        for change in snapshot.changes:
            rows = [list(row) for row in change.rows] if change.moved else change.rows
            for r, c in change.moved:
                rows[r][c] = rows[r][c] + shift
            table = quote(change.table)
            if change.replace:
                cursor.execute(f"DELETE FROM {table}")
            columns = ", ".join(quote(c) for c in change.columns)
            marks = ", ".join(["%s"] * len(change.columns))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
        inserted = [models[c.table] for c in snapshot.changes if c.table in models]
        for statement in connection.ops.sequence_reset_sql(no_style(), inserted):
            cursor.execute(statement)
    if snapshot.outbox and hasattr(mail, "outbox"):
        mail.outbox.extend(copy.deepcopy(snapshot.outbox))
    snapshot.restores += 1


@dataclass
class DemoStore:
    """The snapshots of one test session, by context and database state."""

    snapshots: dict[tuple[int, int], Snapshot] = field(default_factory=dict)
    seeded: list[tuple[str, str]] = field(default_factory=list)  # (why, test) of each seed

    def load(self, seed, *, tmp_path=None, test: str = "") -> None:
        """The demo in the test database: restored when a snapshot fits, else ``seed()``."""
        if not connection.in_atomic_block:
            self.seeded.append(("test outside a transaction", test))
            seed()
            return
        before = database_rows()
        key = (_context_key(tmp_path), _state_key(before))
        snapshot = self.snapshots.get(key)
        if snapshot is not None:
            restore(snapshot)
            return
        self.seeded.append(("first" if not self.snapshots else "new context", test))
        self.snapshots[key] = take(seed, before=before)
        while len(self.snapshots) > MAX_SNAPSHOTS:
            self.snapshots.pop(next(iter(self.snapshots)))

    def summary(self) -> str:
        restored = sum(s.restores for s in self.snapshots.values())
        why = "; ".join(f"{reason}: {test}" for reason, test in self.seeded)
        return f"demo: {restored} restored from a snapshot, {len(self.seeded)} seeded ({why})"


def take(seed, *, before: dict[str, TableRows] | None = None) -> Snapshot:
    """Runs ``seed()`` (its rows stay in the database) and returns what it added."""
    before = database_rows() if before is None else before
    outbox = getattr(mail, "outbox", None)
    sent = len(outbox) if outbox is not None else 0
    sequences = sequence_positions()
    start = timezone.now()
    seed()
    end = timezone.now()
    after = database_rows()
    messages = copy.deepcopy(mail.outbox[sent:]) if outbox is not None else []
    return Snapshot(_changes(before, after, start, end), start, end, messages, sequences)


def sequence_positions() -> list[tuple]:
    """Where the id sequences stand (the ids the next rows get)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name")
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences "
                "ORDER BY 1"
            )
        else:
            return []
        return cursor.fetchall()


def set_sequence_positions(positions: list[tuple]) -> None:
    """Sequences put back where ``sequence_positions`` found them, so that seeding again gives
    the same ids (SQLite's sqlite_sequence is rolled back with the test, PostgreSQL's sequences
    are not)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM sqlite_sequence")
            cursor.executemany("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", positions)
        elif connection.vendor == "postgresql":
            for name, last in positions:
                if last is None:
                    cursor.execute("SELECT setval(%s, 1, false)", [name])
                else:
                    cursor.execute("SELECT setval(%s, %s)", [name, last])
