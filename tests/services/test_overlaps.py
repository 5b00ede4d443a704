"""Recomputing and storing the duplication finder's overlaps, and the task after edits."""

import pytest

from guidelines.models import FrameworkText, Overlap, OverlapSource, SectionTranslation
from guidelines.services.history import save_versioned
from guidelines.services.overlaps import overlaps_recompute, overlaps_suspended
from guidelines.services.sections import section_update
from tests.factories import DocumentFactory, SectionFactory, StandardFactory
from tests.services.test_overlaps_engine import (
    SECTION,
    SECTION_FR,
    STANDARD,
    STANDARD_FR,
    UNRELATED,
)


def framework_text(standard, body, language="en", spec=""):
    """The standard's live text in ``language`` set to ``body`` (the demo may have one)."""
    text = FrameworkText.objects.live().filter(
        standard=standard, language=language, spec=spec
    ).first() or FrameworkText(standard=standard, language=language, spec=spec)
    text.body = body
    return save_versioned(text, user=None, reason="Test data")


@pytest.fixture
def document(db):
    return DocumentFactory()


def rows(document, **filters):
    return list(Overlap.objects.filter(document=document, **filters).order_by("-score"))


def test_whole_document_against_the_framework_and_each_other(document):
    standard = StandardFactory()
    text = framework_text(standard, STANDARD)
    copied = SectionFactory(document=document, body=SECTION)
    twin = SectionFactory(document=document, body=STANDARD)
    other = SectionFactory(document=document, body=UNRELATED)
    SectionFactory(document=document, body="")  # a chapter heading: nothing to compare
    stored = overlaps_recompute(document=document)
    mine = rows(document, section=copied)
    assert stored == len(rows(document))
    assert [r.framework_text for r in mine if r.source == OverlapSource.FRAMEWORK] == [text]
    assert mine[0].score > 0.6 and mine[0].passages[0]["score"] > 0.6
    assert mine[0].section_version == copied.version and mine[0].language == "en"
    assert {r.other_section for r in mine if r.other_section} == {twin}
    assert rows(document, section=twin, other_section=copied)  # the other direction
    assert not rows(document, section=other)
    assert all(r.score >= 0.15 for r in rows(document))


def _translate(section, heading, body):
    translation = SectionTranslation(
        section=section, language="fr", heading=heading, body=body, source_version=1
    )
    return save_versioned(translation, user=None, reason="Traduction")


def test_passages_show_cross_references_as_headings_in_the_text_language(document):
    target = SectionFactory(document=document, key="sealing", heading="Sealing containers")
    _translate(target, "Scellement des conteneurs", "")
    body = SECTION.replace("export declaration.", "export declaration (see [[sealing]]).")
    copied = SectionFactory(document=document, body=body)
    SectionFactory(document=document, body=STANDARD)
    _translate(
        copied, "Copie", SECTION_FR.replace("exportation.", "exportation (voir [[sealing]]).")
    )
    _translate(SectionFactory(document=document), "Norme", STANDARD_FR)
    overlaps_recompute(document=document)
    mine = {
        r.language: " ".join(p["mine"] for p in r.passages) for r in rows(document, section=copied)
    }
    assert "(see Sealing containers)" in mine["en"] and "[[" not in mine["en"]
    assert "(voir Scellement des conteneurs)" in mine["fr"] and "[[" not in mine["fr"]


def test_one_section_recompute_updates_both_directions(document):
    first = SectionFactory(document=document, body=SECTION)
    second = SectionFactory(document=document, body=UNRELATED)
    with overlaps_suspended():
        overlaps_recompute(document=document)
        assert not rows(document)
        second.body = STANDARD
        second.version += 1
        save_versioned(second, user=None, reason="Copied")
    overlaps_recompute(document=document, section=second)
    assert rows(document, section=second, other_section=first)[0].section_version == 2
    assert rows(document, section=first, other_section=second)  # the pair's other side too


def test_deleted_sections_and_removed_framework_texts_drop_out(document):
    standard = StandardFactory()
    text = framework_text(standard, STANDARD)
    first = SectionFactory(document=document, body=SECTION)
    second = SectionFactory(document=document, body=STANDARD)
    overlaps_recompute(document=document)
    assert rows(document, framework_text=text) and rows(document, other_section=second)
    second.is_deleted = True
    save_versioned(second, user=None, reason="Deleted")
    overlaps_recompute(document=document, section=second)
    assert not rows(document, section=second) and not rows(document, other_section=second)
    text.is_deleted = True
    save_versioned(text, user=None, reason="Removed")
    overlaps_recompute(document=document)
    assert not rows(document, framework_text=text)
    assert not rows(document, section=first)


def test_a_standard_removed_from_the_framework_drops_out(document):
    standard = StandardFactory()
    framework_text(standard, STANDARD)
    SectionFactory(document=document, body=SECTION)
    overlaps_recompute(document=document)
    assert rows(document)
    standard.is_deleted = True
    save_versioned(standard, user=None, reason="Removed from the Framework")
    overlaps_recompute(document=document)
    assert not rows(document)


def test_an_empty_framework_gives_no_rows(document):
    SectionFactory(document=document, body=SECTION)
    StandardFactory()  # a standard with no text
    assert overlaps_recompute(document=document) == 0


def test_a_section_in_french_only_is_compared_in_french(document):
    standard = StandardFactory()
    framework_text(standard, STANDARD_FR, language="fr")
    framework_text(standard, STANDARD)  # English: not compared with the French text
    section = SectionFactory(document=document, body="")
    translation = SectionTranslation(
        section=section, language="fr", heading="Scellés", body=SECTION_FR, source_version=1
    )
    save_versioned(translation, user=None, reason="Traduction")
    overlaps_recompute(document=document)
    found = rows(document, section=section)
    assert [(r.language, r.framework_text.language) for r in found] == [("fr", "fr")]
    assert found[0].score > 0.6


def test_saving_a_section_enqueues_its_recompute(document, django_capture_on_commit_callbacks):
    standard = StandardFactory()
    framework_text(standard, STANDARD)
    section = SectionFactory(document=document, body=UNRELATED)
    with django_capture_on_commit_callbacks(execute=True):
        section_update(
            section=section, heading=section.heading, body=SECTION,
            base_version=section.version, user=None, reason="Copied the standard",
        )  # fmt: skip
    found = rows(document, section=section)
    assert found and found[0].score > 0.6 and found[0].section_version == section.version + 1


def test_saving_a_framework_text_recomputes_every_document(
    document, django_capture_on_commit_callbacks
):
    section = SectionFactory(document=document, body=SECTION)
    with django_capture_on_commit_callbacks(execute=True):
        framework_text(StandardFactory(), STANDARD)
    assert rows(document, section=section)


def test_nothing_is_enqueued_while_suspended(document, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, overlaps_suspended():
        SectionFactory(document=document, body=SECTION)
        framework_text(StandardFactory(), STANDARD)
    assert callbacks == []


@pytest.mark.django_db
def test_the_demo_seed_computes_once(seeded):
    from guidelines.models import Document

    assert Overlap.objects.filter(document=Document.objects.get(slug="iscm-guidelines")).exists()


def test_recompute_command(document, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    SectionFactory(document=document, body=SECTION)
    SectionFactory(document=document, body=STANDARD)
    call_command("recompute_overlaps", "--document", document.slug)
    assert f"{document.slug}: 2 overlaps." in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("recompute_overlaps", "--document", "nope")


def test_removing_a_standard_recomputes(document, django_capture_on_commit_callbacks):
    standard = StandardFactory()
    framework_text(standard, STANDARD)
    SectionFactory(document=document, body=SECTION)
    overlaps_recompute(document=document)
    assert rows(document)
    with django_capture_on_commit_callbacks(execute=True):
        standard.is_deleted = True
        save_versioned(standard, user=None, reason="Removed from the Framework")
    assert not rows(document)
