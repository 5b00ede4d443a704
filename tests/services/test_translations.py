import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guidelines.models import Language, Parity, Proposal, Section, SectionTranslation, User
from guidelines.selectors.translations import section_translation_state
from guidelines.services.proposals import proposal_accept, proposal_create
from guidelines.services.sections import section_update
from guidelines.services.translations import TranslationConflict, translation_save
from tests.factories import SectionFactory, UserFactory

FR = Language.FRENCH
# Every accent, the ligatures, « guillemets » with no-break spaces (U+00A0, U+202F).
FRENCH_TEXT = (
    "àâäéèêëîïôöùûüÿç ÀÂÄÉÈÊËÎÏÔÖÙÛÜŸÇ œuvre Œuvre cæcum Æ\n\n"
    "Il a dit\u00a0: «\u00a0contrôle\u00a0» et «\u202fsûreté\u202f»\u202f; vraiment\u202f?"
)


def translator():
    return UserFactory(role="secretariat")


def save(section, *, body="Texte.", heading="Titre", expected=0, source=None, user=None,
         reason="Traduction"):  # fmt: skip
    return translation_save(
        section=section, language=FR, heading=heading, body=body,
        source_version=section.version if source is None else source,
        expected_version=expected, user=user or translator(), reason=reason,
    )  # fmt: skip


def english_edit(section, body):
    fresh = Section.objects.get(pk=section.pk)
    return section_update(section=fresh, heading=fresh.heading, body=body,
                          base_version=fresh.version, user=None, reason="English edit")  # fmt: skip


@pytest.mark.django_db
def test_save_creates_an_up_to_date_translation_with_who_and_why():
    user = translator()
    section = SectionFactory(body="English.")
    result = save(section, body="Français.", user=user, reason="Première traduction")
    assert result.saved
    translation = SectionTranslation.objects.get(section=section, language=FR)
    assert (translation.version, translation.source_version) == (1, 1)
    row = translation.history.get()
    assert (row.history_user, row.history_change_reason) == (user, "Première traduction")
    assert section_translation_state(section, FR).state == Parity.UP_TO_DATE


@pytest.mark.django_db
def test_missing_then_out_of_date_after_an_english_edit_then_up_to_date_again():
    section = SectionFactory(body="One.")
    assert section_translation_state(section, FR).state == Parity.MISSING
    save(section)
    english_edit(section, "One, changed.")
    section.refresh_from_db()
    state = section_translation_state(section, FR)
    assert (state.state, state.source_version, state.english_version, state.since) == (
        Parity.OUT_OF_DATE, 1, 2, 2,
    )  # fmt: skip
    # Saving the same French against the new English marks it up to date (a new version).
    result = save(section, expected=1)
    assert result.saved and result.translation.version == 2
    assert result.translation.source_version == 2
    assert section_translation_state(section, FR).state == Parity.UP_TO_DATE
    # A second identical save writes nothing.
    assert not save(section, expected=2).saved
    assert SectionTranslation.history.filter(section_id=section.pk).count() == 2


@pytest.mark.django_db
def test_an_accepted_proposal_makes_the_french_out_of_date(seeded):
    section = Section.objects.get(key="seals")
    save(section, user=User.objects.get(username="secretariat"))
    proposal = proposal_create(
        user=User.objects.get(username="member-au"), section=section, kind="amend",
        rationale="Electronic seals too", heading=section.heading,
        body=section.body.replace("mechanical", "mechanical or electronic"),
    )  # fmt: skip
    before = SectionTranslation.history.count()
    proposal_accept(
        proposal=proposal, user=User.objects.get(username="facilitator"),
        expected_version=section.version,
    )  # fmt: skip
    assert Proposal.objects.get(pk=proposal.pk).status == "accepted"
    section.refresh_from_db()
    state = section_translation_state(section, FR)
    assert (state.state, state.since) == (Parity.OUT_OF_DATE, section.version)
    assert SectionTranslation.history.count() == before  # no write on the translation


@pytest.mark.django_db
def test_a_stale_translation_token_is_a_conflict_and_writes_nothing():
    section = SectionFactory()
    save(section, body="Première.")
    with pytest.raises(TranslationConflict) as caught:
        save(section, body="Seconde, sur la même version.", expected=0)
    conflict = caught.value
    assert conflict.translation_changed and not conflict.english_changed
    assert conflict.current.body == "Première."
    assert SectionTranslation.objects.get(section=section).body == "Première."
    assert SectionTranslation.history.filter(section_id=section.pk).count() == 1


@pytest.mark.django_db
def test_an_english_change_since_the_page_is_a_conflict_and_writes_nothing():
    section = SectionFactory(body="One.")
    save(section, body="Un.")
    english_edit(section, "One, changed.")
    section.refresh_from_db()
    with pytest.raises(TranslationConflict) as caught:
        save(section, body="Un, modifié.", expected=1, source=1)  # the page showed version 1
    conflict = caught.value
    assert conflict.english_changed and not conflict.translation_changed
    assert conflict.section.version == 2
    translation = SectionTranslation.objects.get(section=section)
    assert (translation.body, translation.version, translation.source_version) == ("Un.", 1, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("expected,source", [(None, 1), (0, None)])
def test_a_missing_token_never_matches(expected, source):
    section = SectionFactory()
    with pytest.raises(TranslationConflict):
        translation_save(section=section, language=FR, heading="T", body="", user=translator(),
                         source_version=source, expected_version=expected, reason="r")  # fmt: skip
    assert not SectionTranslation.objects.exists()


@pytest.mark.django_db
def test_only_translators_may_save_and_a_heading_and_reason_are_required():
    section = SectionFactory()
    with pytest.raises(PermissionDenied):
        save(section, user=UserFactory(role="member"))
    with pytest.raises(ValidationError):
        save(section, heading="  ")
    with pytest.raises(ValueError):
        save(section, reason=" ")
    assert not SectionTranslation.objects.exists()


@pytest.mark.django_db
def test_french_typography_round_trips_through_save():
    section = SectionFactory()
    save(section, heading="Œuvre «\u00a0sûre\u00a0»", body=FRENCH_TEXT)
    translation = SectionTranslation.objects.get(section=section)
    assert translation.body == FRENCH_TEXT
    assert translation.heading == "Œuvre «\u00a0sûre\u00a0»"
