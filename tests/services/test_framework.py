"""Writes on the SAFE Framework's text: versions with who and why, the version check, the
all-or-nothing import, removed standards."""

import pytest
from django.core.exceptions import ValidationError

from guidelines.imports.framework import parse_framework
from guidelines.models import FrameworkText, Standard
from guidelines.selectors.safe import pillars_with_standards
from guidelines.services.framework import (
    FrameworkTextConflict,
    framework_import,
    framework_text_remove,
    framework_text_save,
    standard_remove,
    standard_restore,
)
from tests.factories import StandardFactory, UserFactory


@pytest.fixture
def standard(db):
    return StandardFactory()


@pytest.fixture
def user(db):
    return UserFactory()


def save(standard, user, body, expected_version, **kwargs):
    return framework_text_save(standard=standard, body=body, user=user, reason="Edit",
                               expected_version=expected_version, **kwargs)  # fmt: skip


def test_create_then_update_writes_versions_with_who_and_why(standard, user):
    created = save(standard, user, "First\x00 text.\r\n", None, title="T")
    assert created.created and created.saved
    text = created.text
    assert (text.version, text.body, text.language, text.spec) == (1, "First text.", "en", "")
    updated = save(standard, user, "Second text.", 1, title="T")
    assert not updated.created and updated.saved and updated.text.version == 2
    rows = list(text.history.order_by("history_id"))
    assert [r.version for r in rows] == [1, 2]
    assert {r.history_user for r in rows} == {user}
    assert {r.history_change_reason for r in rows} == {"Edit"}


def test_an_unchanged_text_writes_nothing(standard, user):
    text = save(standard, user, "Same.", None).text
    result = save(standard, user, "Same.\n", 1)
    assert not result.saved and result.text.version == 1
    assert text.history.count() == 1


def test_a_stale_version_is_a_conflict_and_writes_nothing(standard, user):
    save(standard, user, "One.", None)
    save(standard, user, "Two.", 1)
    with pytest.raises(FrameworkTextConflict) as caught:
        save(standard, user, "Stale.", 1)
    assert caught.value.current.version == 2
    with pytest.raises(FrameworkTextConflict):
        save(standard, user, "Again.", None)  # there is a text already
    assert FrameworkText.objects.get().body == "Two."


def test_languages_and_specifications_are_separate_texts(standard, user):
    save(standard, user, "English.", None)
    save(standard, user, "Français.", None, language="fr")
    save(standard, user, "Spec.", None, spec="1.1", title="Spec title")
    assert FrameworkText.objects.live().count() == 3


def test_an_empty_text_is_refused(standard, user):
    with pytest.raises(ValidationError):
        save(standard, user, "  \n", None)


def test_remove_is_soft_and_kept_in_history(standard, user):
    text = save(standard, user, "Text.", None).text
    framework_text_remove(text=text, user=user, reason="Wrong standard")
    assert not FrameworkText.objects.live().exists()
    text.refresh_from_db()
    assert text.is_deleted
    assert text.history.latest("history_id").history_change_reason == "Wrong standard"
    assert save(standard, user, "New text.", None).created  # a new live text may follow


def test_a_removed_standard_leaves_the_lists_and_takes_no_text(standard, user):
    text = save(standard, user, "Text.", None).text
    standard_remove(standard=standard, user=user, reason="Dropped in the 2025 edition")
    assert not FrameworkText.objects.live().filter(pk=text.pk).exists()
    live = {s.pk for p in pillars_with_standards() for s in p.standards.all()}
    everything = {
        s.pk for p in pillars_with_standards(include_removed=True) for s in p.standards.all()
    }
    assert standard.pk not in live and standard.pk in everything
    with pytest.raises(ValidationError):
        save(standard, user, "More.", 1)
    latest = standard.history.latest("history_id")
    assert latest.is_deleted and latest.history_user == user
    assert latest.history_change_reason == "Dropped in the 2025 edition"
    standard_restore(standard=standard, user=user, reason="Back in")
    standard.refresh_from_db()
    assert not standard.is_deleted and FrameworkText.objects.live().filter(pk=text.pk).exists()


def _parsed(standard, body="Text.", extra=""):
    code = f"P{standard.pillar.number}.S{standard.number}"
    return parse_framework(f"## {code}\n{body}\n### TS 1.1 Spec\nSpec text.\n{extra}".encode(),
                           filename="f.md")  # fmt: skip


def test_import_counts_created_changed_unchanged(standard, user):
    counts = framework_import(parsed=_parsed(standard), user=user, reason="Import 1")
    assert (counts.created, counts.changed, counts.unchanged) == (2, 0, 0)
    counts = framework_import(parsed=_parsed(standard, "New text."), user=user, reason="Import 2")
    assert (counts.created, counts.changed, counts.unchanged) == (0, 1, 1)
    own = FrameworkText.objects.get(spec="")
    assert own.version == 2
    assert own.history.latest("history_id").history_change_reason == "Import 2"
    assert own.history.latest("history_id").history_user == user


def test_import_leaves_texts_the_file_does_not_mention(standard, user):
    other = StandardFactory(pillar=standard.pillar, number=standard.number + 1)
    save(other, user, "Other.", None)
    framework_import(parsed=_parsed(standard), user=user, reason="Import")
    assert FrameworkText.objects.get(standard=other).body == "Other."


def test_import_is_all_or_nothing(standard, user, monkeypatch):
    other = StandardFactory(pillar=standard.pillar, number=standard.number + 1)
    parsed = _parsed(standard, extra=f"## P{other.pillar.number}.S{other.number}\nOther.\n")
    Standard.objects.filter(pk=other.pk).update(is_deleted=True)  # removed after the parse
    with pytest.raises(ValidationError):
        framework_import(parsed=parsed, user=user, reason="Import")
    assert not FrameworkText.objects.exists()


def test_an_import_schedules_one_recompute_after_the_commit(
    standard, user, monkeypatch, django_capture_on_commit_callbacks
):
    from guidelines.services import overlaps
    from tests.factories import DocumentFactory

    documents = [DocumentFactory(), DocumentFactory()]
    enqueued = []
    monkeypatch.setattr(overlaps, "_enqueue", lambda *args: enqueued.append(args))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        counts = framework_import(parsed=_parsed(standard), user=user, reason="Import")
    assert counts.created == 2 and len(callbacks) == 1  # not one per text saved
    assert sorted(enqueued) == sorted((d.pk, None) for d in documents)
    enqueued.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        framework_import(parsed=_parsed(standard), user=user, reason="Same again")
    assert callbacks == [] and enqueued == []  # nothing changed, nothing to recompute


def test_a_failed_import_schedules_nothing(
    standard, user, monkeypatch, django_capture_on_commit_callbacks
):
    other = StandardFactory(pillar=standard.pillar, number=standard.number + 1)
    parsed = _parsed(standard, extra=f"## P{other.pillar.number}.S{other.number}\nOther.\n")
    Standard.objects.filter(pk=other.pk).update(is_deleted=True)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationError):
        framework_import(parsed=parsed, user=user, reason="Import")
    assert callbacks == []


def test_an_import_recomputes_the_finder(standard, user, django_capture_on_commit_callbacks):
    from guidelines.models import Overlap
    from tests.factories import SectionFactory

    section = SectionFactory(body="Customs shall inspect cargo on request of the authority.")
    text = "Customs shall inspect cargo on request of the authority, as the standard says."
    with django_capture_on_commit_callbacks(execute=True):
        framework_import(parsed=_parsed(standard, text), user=user, reason="Import")
    assert Overlap.objects.filter(section=section, framework_text__spec="").exists()


@pytest.mark.django_db
def test_seed_demo_loads_the_demo_texts_through_the_import(seeded):
    texts = FrameworkText.objects.live()
    assert texts.filter(language="fr").count() >= 3
    assert texts.exclude(spec="").count() >= 3
    p1s6 = texts.get(standard__pillar__number=1, standard__number=6, spec="", language="en")
    assert "WCO Data Model" in p1s6.body
    assert p1s6.history.get().history_change_reason == "Demo data loaded"
    from guidelines.services.seed import SeedReport, seed_framework_text

    report = SeedReport()
    seed_framework_text(report)  # idempotent: a second run creates nothing
    assert report.created == {"framework texts": 0}
