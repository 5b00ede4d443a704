"""The `seeded` fixture restores the demo from the rows of one seeding (tests/demo_snapshot.py):
what it restores is what `seed_demo` writes, on whichever database the suite runs."""

import datetime as dt

from django.core import mail
from django.db import transaction
from django.utils import timezone

from guidelines.models import Comment, SearchEntry, Section, User
from guidelines.selectors.search import search
from guidelines.services.seed import seed_demo
from tests.conftest import DEMO_PASSWORD
from tests.demo_snapshot import (
    DemoStore,
    database_rows,
    set_sequence_positions,
    shadow_tables,
)


def seed() -> None:
    seed_demo(password=DEMO_PASSWORD)


def comparable(state, start: dt.datetime, end: dt.datetime) -> dict:
    """Each table's rows, the times between start and end (the seeding's) written as one mark,
    and password hashes as another (each has a random salt: test_restored_users_sign_in); the
    search table's own storage (FTS5 shadow tables) left out: its rows are compared."""
    shadows = shadow_tables(state)

    def value(v):
        if isinstance(v, str) and v.startswith("md5$"):  # a password hash has a random salt
            return "<password hash>"
        if isinstance(v, dt.datetime):
            s, e = start, end
            if timezone.is_naive(v):
                s, e = timezone.make_naive(start, dt.UTC), timezone.make_naive(end, dt.UTC)
            if s <= v <= e:
                return "<seeding time>"
        return v

    return {
        table: sorted(repr(tuple(value(v) for v in row)) for row in rows.rows)
        for table, rows in state.items()
        if table not in shadows
    }


def test_the_restored_demo_has_the_rows_of_a_fresh_seed(db, demo_store, tmp_path):
    empty = comparable(database_rows(), timezone.now(), timezone.now())
    start = transaction.savepoint()
    demo_store.load(seed, tmp_path=tmp_path)  # seeds if no test did before, in this context
    transaction.savepoint_rollback(start)
    restores = {key: s.restores for key, s in demo_store.snapshots.items()}

    loading = timezone.now()  # the shift is taken during the restore: between this and restored_at
    demo_store.load(seed, tmp_path=tmp_path)
    (snapshot,) = [  # the one just restored
        s for key, s in demo_store.snapshots.items() if s.restores == restores.get(key, 0) + 1
    ]
    restored_at = timezone.now()
    lasted = snapshot.seeded_until - snapshot.seeded_from
    restored = comparable(database_rows(), loading - lasted, restored_at)
    outbox = len(mail.outbox)
    transaction.savepoint_rollback(start)
    assert comparable(database_rows(), restored_at, restored_at) == empty

    set_sequence_positions(snapshot.sequences)  # the same ids as the seeding it was taken from
    seed_from = timezone.now()
    seed()
    fresh = comparable(database_rows(), seed_from, timezone.now())

    assert restored.keys() == fresh.keys()
    assert len(fresh) > 30  # tables: documents, sections, history, many-to-many, search...
    for table in fresh:
        assert restored[table] == fresh[table], table
    assert len(mail.outbox) == 2 * outbox  # mails the seeding sent, sent again (or none)


def test_restored_times_are_as_recent_as_a_fresh_seeds(seeded):
    """A restored demo's times are moved to when it is restored: nothing in the future,
    the latest change just now (rate limits, "N minutes ago", stale checks see fresh ages)."""
    now = timezone.now()
    latest = Section.history.order_by("-history_date").first().history_date
    assert latest <= now
    assert now - latest < dt.timedelta(minutes=1)
    assert Comment.objects.order_by("-created_at").first().created_at <= now


def test_rows_added_after_a_restore_get_fresh_ids(seeded):
    section = Section.objects.filter(is_deleted=False).order_by("pk").last()
    user = User.objects.get(username="facilitator")
    from guidelines.services.comments import comment_create

    comment = comment_create(user=user, section=section, body="After the restore.")
    assert comment.pk > max(Comment.objects.exclude(pk=comment.pk).values_list("pk", flat=True))


def test_the_restored_search_index_finds_the_demo(seeded):
    assert SearchEntry.objects.exists()
    found = search(User.objects.get(username="member-au"), "seals")
    assert found.total


def test_a_database_with_other_rows_is_seeded_not_restored(db, tmp_path):
    """A row written before the demo (by a fixture, say): seeding would not write the same
    rows, so the demo is seeded, as before."""
    store = DemoStore()
    start = transaction.savepoint()
    store.load(seed, tmp_path=tmp_path)
    transaction.savepoint_rollback(start)
    User.objects.create(username="someone-else")
    store.load(seed, tmp_path=tmp_path)
    assert [why for why, _test in store.seeded] == ["first", "new context"]
    assert sum(s.restores for s in store.snapshots.values()) == 0


def test_restored_users_sign_in(seeded):
    assert User.objects.get(username="member-au").check_password(DEMO_PASSWORD)
