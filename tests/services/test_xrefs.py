"""typed_reference_convert: one typed reference made a [[key]] link, or nothing written."""

import pytest
from django.core.exceptions import ValidationError

from guidelines.models import Language, Section, SectionTranslation
from guidelines.services.sections import EditConflict, section_update
from guidelines.services.translations import TranslationConflict, translation_save
from guidelines.services.xrefs import typed_reference_convert
from tests.factories import DocumentFactory, SectionFactory, UserFactory


@pytest.fixture
def setup(db):
    document = DocumentFactory()
    one = SectionFactory(document=document, key="one", position=1,
                         body="See chapter 2. And chapter 2 again.")  # fmt: skip
    SectionFactory(document=document, key="two", position=2)
    return one, UserFactory(is_superuser=True)


def convert(section, user, **kwargs):
    values = {"language": Language.ENGLISH, "start": 4, "text": "chapter 2", "target_key": "two",
              "version": section.version, **kwargs}  # fmt: skip
    return typed_reference_convert(section=section, user=user, **values)


def test_replaces_exactly_that_occurrence_with_a_recorded_reason(setup):
    one, user = setup
    result = convert(one, user)
    assert result.saved
    one.refresh_from_db()
    assert one.body == "See [[two]]. And chapter 2 again."
    last = one.history.order_by("-history_id").first()
    assert last.history_change_reason == "Typed reference 'chapter 2' converted to a link"
    assert last.history_user == user


def test_refused_when_the_section_changed_since_the_page(setup):
    one, user = setup
    shown = one.version
    section_update(section=one, heading=one.heading, body="Chapter 2 is gone. " + one.body,
                   base_version=shown, user=user, reason="edit")  # fmt: skip
    with pytest.raises(EditConflict):
        convert(one, user, version=shown)
    one.refresh_from_db()
    assert "[[two]]" not in one.body


def test_refused_when_the_text_at_the_offset_is_not_the_reference(setup):
    one, user = setup
    with pytest.raises(EditConflict):
        convert(one, user, start=5)
    assert "[[" not in Section.objects.get(pk=one.pk).body


def test_the_target_must_be_a_live_section_of_the_document(setup):
    one, user = setup
    other = SectionFactory(key="elsewhere")
    with pytest.raises(ValidationError):
        convert(one, user, target_key=other.key)
    with pytest.raises(ValidationError):
        convert(one, user, target_key="no-such-key")


def test_french_keeps_the_translations_parity(setup):
    one, user = setup
    translation_save(section=one, language=Language.FRENCH, heading="Un",
                     body="Voir le chapitre 2.", source_version=one.version, expected_version=0,
                     user=user, reason="t")  # fmt: skip
    section_update(section=one, heading=one.heading, body=one.body + " More.",
                   base_version=one.version, user=user, reason="edit")  # fmt: skip
    french = SectionTranslation.objects.get(section=one)
    source = french.source_version
    with pytest.raises(TranslationConflict):  # the page showed an older translation
        convert(one, user, language=Language.FRENCH, start=8, text="chapitre 2", version=0)
    convert(one, user, language=Language.FRENCH, start=8, text="chapitre 2",
            version=french.version)  # fmt: skip
    french.refresh_from_db()
    assert french.body == "Voir le [[two]]." and french.source_version == source
    assert french.history.order_by("-history_id").first().history_change_reason == (
        "Typed reference 'chapitre 2' converted to a link"
    )
