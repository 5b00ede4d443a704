import pytest
from django.core.exceptions import ValidationError

from guidelines.models import Section
from guidelines.selectors.versions import structure_version
from guidelines.services.sections import (
    EditConflict,
    SectionDeleted,
    clean_text,
    section_restore_version,
    section_update,
)
from guidelines.services.structure import section_delete
from tests.factories import SectionFactory, UserFactory


def update(section, *, body, base, heading=None, reason="Edit", user=None):
    return section_update(section=section, heading=heading or section.heading, body=body,
                          base_version=base, user=user, reason=reason)  # fmt: skip


@pytest.mark.django_db
def test_update_creates_a_version_with_who_and_why():
    user = UserFactory()
    section = SectionFactory(body="Old text.")
    result = update(section, body="New text.", base=1, user=user, reason="Clarify")
    assert result.saved and result.section.version == 2
    latest = section.history.order_by("-history_id").first()
    assert (latest.body, latest.version, latest.history_user, latest.history_change_reason) == (
        "New text.", 2, user, "Clarify",
    )  # fmt: skip


@pytest.mark.django_db
def test_unchanged_save_creates_no_version():
    section = SectionFactory(body="Same.")
    result = update(section, body="Same.", base=1)
    assert not result.saved
    assert section.history.count() == 1
    assert Section.objects.get(pk=section.pk).version == 1


@pytest.mark.django_db
def test_stale_base_version_is_a_conflict_and_changes_nothing():
    section = SectionFactory(body="Original.")
    update(section, body="First save.", base=1)
    with pytest.raises(EditConflict) as caught:
        update(section, body="Second save on the old base.", base=1)
    assert caught.value.current.body == "First save."
    assert Section.objects.get(pk=section.pk).body == "First save."
    assert section.history.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("base", [None, 99, -1])
def test_unknown_or_tampered_base_version_is_a_conflict(base):
    section = SectionFactory()
    with pytest.raises(EditConflict):
        update(section, body="x", base=base)


@pytest.mark.django_db
def test_editing_a_deleted_section_is_refused():
    section = SectionFactory()
    section_delete(section=section, user=None, reason="Remove",
                   expected_version=structure_version(section))  # fmt: skip
    with pytest.raises(SectionDeleted):
        update(section, body="x", base=1)


@pytest.mark.django_db
def test_body_over_200_kb_is_refused():
    section = SectionFactory()
    with pytest.raises(ValidationError) as caught:
        update(section, body="a" * (200 * 1024 + 1), base=1)
    assert "limit is 200 KB" in str(caught.value)
    assert Section.objects.get(pk=section.pk).version == 1


def test_control_characters_are_stripped_and_unicode_kept():
    text = "Données\x00 \x07Таможня\r\nhải quan 海关 😀\x1b\tend\ue000"
    assert clean_text(text) == "Données Таможня\nhải quan 海关 😀\tend"


@pytest.mark.django_db
def test_restore_a_past_version_is_a_new_version():
    section = SectionFactory(body="Version one.")
    update(section, body="Version two.", base=1)
    first = section.history.get(version=1)
    result = section_restore_version(
        section=section, history_id=first.history_id, user=None, expected_version=2
    )
    assert result.section.body == "Version one." and result.section.version == 3
    reasons = list(section.history.order_by("history_id").values_list("history_change_reason",
                                                                       flat=True))  # fmt: skip
    assert reasons == ["Test data", "Edit", "Restored version 1"]
    with pytest.raises(ValidationError):
        section_restore_version(section=section, history_id=10**9, user=None, expected_version=3)


@pytest.mark.django_db
def test_restore_a_past_version_over_a_newer_save_is_a_conflict():
    section = SectionFactory(body="Version one.")
    update(section, body="Version two.", base=1)
    first = section.history.get(version=1)
    update(section, body="Version three, saved meanwhile.", base=2)
    with pytest.raises(EditConflict) as caught:
        section_restore_version(
            section=section, history_id=first.history_id, user=None, expected_version=2
        )
    assert caught.value.current.body == "Version three, saved meanwhile."
    assert Section.objects.get(pk=section.pk).version == 3
