import pytest

from guidelines.models import Document, Language, Parity, Section
from guidelines.selectors.documents import document_tree
from guidelines.selectors.translations import (
    document_parity,
    english_changes_since,
    translation_states,
)
from guidelines.services.sections import section_update
from guidelines.services.translations import translation_save
from tests.factories import DocumentFactory, SectionFactory, UserFactory

FR = Language.FRENCH


def translate(section, user):
    translation_save(section=section, language=FR, heading="Titre", body="Texte.",
                     source_version=section.version, expected_version=0, user=user,
                     reason="Traduction")  # fmt: skip


def edit(section, body):
    section_update(section=section, heading=section.heading, body=body,
                   base_version=section.version, user=None, reason="Edit")  # fmt: skip


@pytest.fixture
def document(db):
    """Two chapters: A (with A.1 and A.2) and B. A and A.1 translated, then A.1's English
    edited; A.2 and B missing."""
    user = UserFactory(role="secretariat")
    doc = DocumentFactory()
    a = SectionFactory(document=doc, key="a", kind="chapter", position=0)
    a1 = SectionFactory(document=doc, key="a1", parent=a, position=0, body="Old words here.")
    SectionFactory(document=doc, key="a2", parent=a, position=1)
    SectionFactory(document=doc, key="b", kind="chapter", position=1)
    translate(a, user)
    translate(a1, user)
    edit(Section.objects.get(pk=a1.pk), "New words here.")
    return doc


def test_states_in_reading_order_with_since(document):
    parity = document_parity(document, FR)
    states = [(row.node.key, row.state.state, row.state.since) for row in parity.rows]
    assert states == [
        ("a", Parity.UP_TO_DATE, None),
        ("a1", Parity.OUT_OF_DATE, 2),
        ("a2", Parity.MISSING, None),
        ("b", Parity.MISSING, None),
    ]


def test_counts_per_chapter_in_the_fixed_order(document):
    parity = document_parity(document, FR)
    counts = {c.chapter.key: [n for _state, _label, n in c.as_list()] for c in parity.chapters}
    assert counts == {"a": [1, 1, 1], "b": [0, 0, 1]}
    assert [n for _state, _label, n in parity.totals_list()] == [1, 1, 2]
    assert [str(label) for _state, label, _n in parity.totals_list()] == [
        "up to date", "out of date", "missing",
    ]  # fmt: skip


def test_filters_by_state_and_chapter(document):
    parity = document_parity(document, FR)
    assert [r.node.key for r in parity.filtered(state=Parity.MISSING)] == ["a2", "b"]
    assert [r.node.key for r in parity.filtered(chapter="a")] == ["a", "a1", "a2"]
    assert [r.node.key for r in parity.filtered(state=Parity.MISSING, chapter="b")] == ["b"]


def test_english_word_diff_since_the_translated_version(document):
    a1 = Section.objects.get(document=document, key="a1")
    changes = english_changes_since(a1, 1)
    assert changes.heading is None
    words = [(s.op, s.text.strip()) for b in changes.body.blocks for s in b.segments]
    assert ("delete", "Old") in words and ("insert", "New") in words
    assert english_changes_since(a1, 99).body is None


@pytest.mark.django_db
def test_parity_takes_two_queries_whatever_the_size(django_assert_num_queries, seeded):
    document = Document.objects.get(slug="iscm-guidelines")
    with django_assert_num_queries(2):
        parity = document_parity(document, FR)
    assert {row.state.state for row in parity.rows} == set(Parity)
    tree = document_tree(document)
    with django_assert_num_queries(1):
        translation_states(tree, FR)
