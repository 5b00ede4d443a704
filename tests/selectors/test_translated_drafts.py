"""The French of a draft at its instant: the translation of exactly the English the draft holds."""

import pytest

from guidelines.exports.context import annexed_draft
from guidelines.models import Language, Parity, Section, SectionTranslation
from guidelines.selectors.snapshots import snapshot_current, snapshot_of
from guidelines.selectors.translated_drafts import bilingual_rows, translations_at
from guidelines.services.milestones import milestone_create
from guidelines.services.sections import section_update
from guidelines.services.translations import translation_save
from tests.factories import DocumentFactory, SectionFactory, UserFactory

FR = Language.FRENCH


def translate(section, user, heading, body):
    section = Section.objects.get(pk=section.pk)
    current = SectionTranslation.objects.filter(section=section, language=FR).first()
    translation_save(section=section, language=FR, heading=heading, body=body,
                     source_version=section.version,
                     expected_version=current.version if current else 0, user=user,
                     reason="Traduction")  # fmt: skip


def edit(section, body):
    section = Section.objects.get(pk=section.pk)
    section_update(section=section, heading=section.heading, body=body,
                   base_version=section.version, user=None, reason="Edit")  # fmt: skip


@pytest.fixture
def world(db):
    """a: translated (up to date throughout). b: translated, its English edited before the
    milestone, translated again after it. c: never translated."""
    user = UserFactory(role="secretariat")
    doc = DocumentFactory()
    a = SectionFactory(document=doc, key="a", heading="Scope", body="The scope.", position=0)
    b = SectionFactory(document=doc, key="b", heading="Risk", body="Old risk.", position=1)
    c = SectionFactory(document=doc, key="c", heading="Data", body="The data.", position=2)
    translate(a, user, "Champ d’application", "Le champ.")
    translate(b, user, "Risque", "Ancien risque.")
    edit(b, "New risk.")
    milestone = milestone_create(document=doc, name="Draft 1", user=user)
    translate(b, user, "Risque (nouveau)", "Nouveau risque.")
    return {"doc": doc, "user": user, "milestone": milestone, "a": a, "b": b, "c": c}


def test_at_a_milestone_only_translations_of_its_english_saved_before_it(world):
    snapshot = snapshot_of(world["milestone"])
    found = translations_at(snapshot, FR)
    # a: up to date then; b: out of date at the milestone (translated only later); c: missing
    assert set(found) == {world["a"].pk}
    assert found[world["a"].pk].heading == "Champ d’application"


def test_now_the_up_to_date_translations(world):
    found = translations_at(snapshot_current(world["doc"]), FR)
    assert {k: v.body for k, v in found.items()} == {
        world["a"].pk: "Le champ.",
        world["b"].pk: "Nouveau risque.",
    }


def test_out_of_date_now_is_not_printed(world):
    edit(world["a"], "A new scope.")
    found = translations_at(snapshot_current(world["doc"]), FR)
    assert set(found) == {world["b"].pk}


def test_a_milestone_keeps_the_french_it_had_when_the_english_moves_on(world):
    user = world["user"]
    later = milestone_create(document=world["doc"], name="Draft 2", user=user)  # b up to date
    edit(world["b"], "Newest risk.")  # b's French is out of date now
    translate(world["a"], user, "Champ", "Le champ, revu.")  # a retranslated after Draft 2
    found = translations_at(snapshot_of(later), FR)
    assert found[world["b"].pk].body == "Nouveau risque."  # from the history
    assert found[world["a"].pk].body == "Le champ."  # as it stood at Draft 2
    assert world["b"].pk not in translations_at(snapshot_current(world["doc"]), FR)


def test_annexed_draft_headings_and_texts_with_their_languages(
    world, django_assert_max_num_queries
):
    snapshot = snapshot_of(world["milestone"])
    with django_assert_max_num_queries(1):
        draft, _older, languages = annexed_draft(snapshot, language="fr")
    by_key = {n.key: n for n in draft.tree.nodes}
    assert by_key["a"].section.heading == "Champ d’application"  # the French heading
    assert by_key["b"].section.heading == "Risk"  # falls back with its text
    assert by_key["b"].section.body == "New risk."
    assert by_key["c"].section.heading == "Data"
    assert languages == {world["a"].pk: "fr"}
    assert [n.label for n in draft.tree.nodes] == [n.label for n in snapshot.tree.nodes]
    # nothing saved: the English is untouched
    assert Section.objects.get(pk=world["a"].pk).heading == "Scope"


def test_english_edition_annexes_the_english(world):
    snapshot = snapshot_current(world["doc"])
    draft, _older, languages = annexed_draft(snapshot, language="en")
    assert draft is snapshot and languages == {}


def test_redline_pairs_compare_french_only_where_both_drafts_have_it(world):
    older = snapshot_of(world["milestone"])
    new, old, languages = annexed_draft(
        snapshot_current(world["doc"]), language="fr", against=older
    )
    # a: French on both sides; b: French now but not at the milestone -> English on both
    assert languages == {world["a"].pk: "fr"}
    old_b = next(n for n in old.tree.nodes if n.key == "b")
    new_b = next(n for n in new.tree.nodes if n.key == "b")
    assert (old_b.section.body, new_b.section.body) == ("New risk.", "New risk.")


def test_bilingual_rows(world, django_assert_max_num_queries):
    edit(world["a"], "A new scope.")
    with django_assert_max_num_queries(3):
        rows = bilingual_rows(world["doc"], FR)
    states = [(r.node.key, r.state.state, r.translation is not None) for r in rows]
    assert states == [
        ("a", Parity.OUT_OF_DATE, True),
        ("b", Parity.UP_TO_DATE, True),
        ("c", Parity.MISSING, False),
    ]
    assert (rows[0].state.source_version, rows[0].state.english_version) == (1, 2)
