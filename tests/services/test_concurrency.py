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


def _run_at_once(count: int, work) -> list:
    """Run ``work(n)`` in ``count`` threads released together; returns their results (an
    exception is a result too, and fails the caller's checks)."""
    barrier = threading.Barrier(count)
    results: list = []
    lock = threading.Lock()

    def run(number: int) -> None:
        try:
            barrier.wait(timeout=30)
            outcome = work(number)
        except Exception as error:  # noqa: BLE001  (returned to the test, never swallowed)
            outcome = error
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.django_db(transaction=True)
def test_structure_moves_at_once_on_one_level_one_wins_the_others_are_refused():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (set DATABASE_URL)")
    from guidelines.selectors.versions import structure_version
    from guidelines.services.structure import section_move
    from guidelines.services.versions import StructureConflict
    from tests.factories import DocumentFactory

    document = DocumentFactory()
    siblings = [SectionFactory(document=document, position=n) for n in range(5)]
    tokens = {s.pk: structure_version(s) for s in siblings}  # the pages everyone opened

    def move_up(number: int) -> str:
        section = Section.objects.get(pk=siblings[number + 1].pk)
        try:
            section_move(section=section, direction="up", user=None,
                         expected_version=tokens[section.pk], reason="up")  # fmt: skip
        except StructureConflict:
            return "refused"
        return "moved"

    results = _run_at_once(4, move_up)
    assert sorted(map(str, results)) == ["moved", "refused", "refused", "refused"], results
    positions = list(
        Section.objects.filter(document=document).order_by("position").values_list("pk", flat=True)
    )
    assert len(positions) == 5 and set(positions) == {s.pk for s in siblings}


@pytest.mark.django_db(transaction=True)
def test_the_same_export_asked_at_once_is_one_job():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    from django.test import override_settings

    from guidelines.exports.files import export_plan
    from guidelines.models import ExportJob
    from guidelines.services.exports import export_request
    from tests.factories import DocumentFactory, UserFactory

    document = DocumentFactory()
    SectionFactory(document=document)
    users = [UserFactory() for _ in range(4)]

    def ask(number: int) -> int:
        plan = export_plan(document=document, variant="clean")
        return export_request(user=users[number], plan=plan, filename="draft").pk

    db_tasks = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=db_tasks):  # enqueue only: nobody renders here
        results = _run_at_once(4, ask)
    assert len(set(results)) == 1 and all(isinstance(r, int) for r in results), results
    assert ExportJob.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("existing", [False, True], ids=["first-translation", "next-version"])
def test_translations_saved_at_once_on_one_version_one_wins_the_others_conflict(existing):
    """Translators who opened the same translation page (same English version, same translation
    version) save at once: exactly one save is written, the others get TranslationConflict."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (set DATABASE_URL)")
    from guidelines.models import Language, SectionTranslation
    from guidelines.services.translations import TranslationConflict, translation_save
    from tests.factories import UserFactory

    section = SectionFactory(body="English text.")
    translators = [UserFactory(role="secretariat") for _ in range(4)]
    expected = 0
    if existing:
        translation_save(section=section, language=Language.FRENCH, heading="Titre",
                         body="Texte de départ.", source_version=section.version,
                         expected_version=0, user=translators[0], reason="Départ")  # fmt: skip
        expected = 1

    def save(number: int) -> str:
        try:
            translation_save(
                section=Section.objects.get(pk=section.pk), language=Language.FRENCH,
                heading="Titre", body=f"Traduction {number}.", source_version=section.version,
                expected_version=expected, user=translators[number], reason=f"traducteur {number}",
            )  # fmt: skip
        except TranslationConflict:
            return "conflict"
        return "saved"

    results = _run_at_once(4, save)
    assert sorted(map(str, results)) == ["conflict", "conflict", "conflict", "saved"], results
    translation = SectionTranslation.objects.get(section=section, language=Language.FRENCH)
    assert translation.version == expected + 1
    history = list(translation.history.order_by("history_id"))
    assert len(history) == expected + 1  # one version written by the winner, none by the others
    assert history[-1].body == translation.body and translation.body.startswith("Traduction ")
