import pytest

from guidelines.models import Document, Language, Parity, Section, SectionTranslation
from guidelines.selectors.documents import document_tree
from guidelines.selectors.readings import document_readings, reading_states, section_readings
from guidelines.selectors.translations import translation_states
from guidelines.selectors.versions import structure_version
from guidelines.services.sections import section_update
from guidelines.services.structure import section_delete
from guidelines.services.translations import translation_save
from tests.factories import DocumentFactory, SectionFactory, UserFactory

FR = Language.FRENCH


def translate(section, user, heading, body):
    translation_save(section=section, language=FR, heading=heading, body=body,
                     source_version=section.version, expected_version=0, user=user,
                     reason="Traduction")  # fmt: skip


@pytest.fixture
def document(db):
    """A (translated, up to date), A.1 (translated, then its English edited twice: out of date),
    A.2 (missing), B (translated, then deleted)."""
    user = UserFactory(role="secretariat")
    doc = DocumentFactory()
    a = SectionFactory(document=doc, key="a", kind="chapter", position=0, heading="Scope")
    a1 = SectionFactory(document=doc, key="a1", parent=a, position=0, heading="Seals")
    SectionFactory(document=doc, key="a2", parent=a, position=1, heading="Transit")
    b = SectionFactory(document=doc, key="b", kind="chapter", position=1, heading="Annex")
    translate(a, user, "Champ d’application", "Le **texte** français.")
    translate(a1, user, "Scellés", "Les scellés.")
    translate(b, user, "Annexe", "Une annexe.")
    for body in ("Seals, v2.", "Seals, v3."):
        a1 = Section.objects.get(pk=a1.pk)
        section_update(section=a1, heading=a1.heading, body=body, base_version=a1.version,
                       user=None, reason="Edit")  # fmt: skip
    b = Section.objects.get(pk=b.pk)
    section_delete(section=b, user=user, reason="Gone", expected_version=structure_version(b))
    return doc


def by_key(readings):
    return {r.section.key: r for r in readings.values()}


def test_each_section_reads_in_french_with_its_parity(document):
    readings = by_key(document_readings(document_tree(document), FR))
    assert sorted(readings) == ["a", "a1", "a2"]  # a deleted section is not read
    a, a1 = readings["a"], readings["a1"]
    assert (a.heading, a.body, a.state.state) == ("Champ d’application", "Le **texte** français.",
                                                  Parity.UP_TO_DATE)  # fmt: skip
    assert a.up_to_date and a.heading_translated and not a.missing and not a.out_of_date
    assert (a1.heading, a1.body) == ("Scellés", "Les scellés.")
    assert a1.out_of_date and a1.state.source_version == 1 and a1.state.english_version == 3
    assert a1.state.since == 2


def test_a_missing_translation_reads_the_english_heading_and_no_text(document):
    a2 = by_key(document_readings(document_tree(document), FR))["a2"]
    assert a2.missing and a2.state.state == Parity.MISSING
    assert (a2.heading, a2.body, a2.heading_translated) == ("Transit", None, False)


def test_a_blank_translated_heading_falls_back_to_the_english(document):
    SectionTranslation.objects.filter(section__key="a1").update(heading="  ")
    a1 = by_key(document_readings(document_tree(document), FR))["a1"]
    assert (a1.heading, a1.heading_translated, a1.body) == ("Seals", False, "Les scellés.")
    assert a1.out_of_date  # the translation is there: only its heading falls back


def test_the_parity_is_the_parity_page_s(document):
    tree = document_tree(document)
    assert reading_states(document_readings(tree, FR)) == translation_states(tree, FR)


def test_the_french_ids_do_not_clash_with_the_english(document):
    a = by_key(document_readings(document_tree(document), FR))["a"]
    assert a.id_prefix == "fr-a" != a.section.key


def test_a_section_page_reads_only_its_own_text(document):
    tree = document_tree(document)
    a1 = tree.by_key["a1"].section
    readings = by_key(section_readings(tree, FR, a1))
    assert readings["a1"].body == "Les scellés."
    assert readings["a"].body is None and readings["a"].heading == "Champ d’application"
    assert readings["a"].up_to_date


@pytest.mark.django_db
def test_one_query_whatever_the_size(django_assert_num_queries, seeded):
    tree = document_tree(Document.objects.get(slug="iscm-guidelines"))
    with django_assert_num_queries(1):
        readings = document_readings(tree, FR)
    assert {r.state.state for r in readings.values()} == set(Parity)
    assert len(readings) == len(tree.nodes) > 20
    with django_assert_num_queries(1):
        section_readings(tree, FR, tree.nodes[3].section)
