"""Real concurrent saves against PostgreSQL: threads with their own connections, no mocks."""

import threading

import pytest
from django.db import connection, connections

from guidelines.models import Section
from guidelines.services.sections import EditConflict, section_update
from tests.factories import SectionFactory

WRITERS, ROUNDS = 6, 5


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_each_become_a_version_or_are_refused():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (set DATABASE_URL); SQLite has one writer per file")
    section = SectionFactory(body="Base text.")
    barrier = threading.Barrier(WRITERS)
    outcomes: list[tuple[int, int, str]] = []  # (round, writer, "saved" | "refused" | error)
    lock = threading.Lock()

    def writer(number: int) -> None:
        try:
            for round_no in range(ROUNDS):
                base = Section.objects.get(pk=section.pk).version
                barrier.wait(timeout=30)  # everyone read the same version; now all save at once
                text = f"Text of writer {number} in round {round_no}."
                try:
                    reason = f"writer {number}, round {round_no}"
                    section_update(section=section, heading="Heading", body=text,
                                   base_version=base, user=None, reason=reason)  # fmt: skip
                    outcome = "saved"
                except EditConflict:
                    outcome = "refused"
                with lock:
                    outcomes.append((round_no, number, outcome))
                barrier.wait(timeout=30)
        except Exception as error:  # noqa: BLE001  (reported below, never swallowed)
            with lock:
                outcomes.append((-1, number, repr(error)))
            barrier.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    errors = [o for o in outcomes if o[2] not in ("saved", "refused")]
    assert not errors, errors
    assert len(outcomes) == WRITERS * ROUNDS
    saved = [(r, w) for r, w, o in outcomes if o == "saved"]
    # Of the writers who all read the same version, exactly one wins each round.
    assert sorted(r for r, _ in saved) == list(range(ROUNDS))
    final = Section.objects.get(pk=section.pk)
    versions = list(section.history.order_by("history_id"))
    assert final.version == 1 + len(saved) == len(versions)
    assert [v.version for v in versions] == list(range(1, len(versions) + 1))
    # No accepted text vanished: each is exactly one version of the history.
    bodies = [v.body for v in versions]
    for round_no, number in saved:
        assert bodies.count(f"Text of writer {number} in round {round_no}.") == 1
    assert final.body == bodies[-1]
