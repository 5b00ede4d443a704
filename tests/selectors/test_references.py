"""The references page's reads: broken [[key]] references and references typed as words."""

import pytest

from guidelines.models import Language
from guidelines.selectors.references import document_references, typed_label, typed_references
from guidelines.selectors.versions import structure_version
from guidelines.services.structure import section_delete
from guidelines.services.translations import translation_save
from tests.factories import DocumentFactory, SectionFactory, UserFactory


def found(text, language="en"):
    return [(m[0], typed_label(m)) for m in typed_references(text, language)]


def test_english_patterns():
    text = "See chapter 3, in Paragraph 4.2, section 3.2. Annex II and annex 2; paragraph 4.2.1."
    assert found(text) == [
        ("chapter 3", "3"), ("Paragraph 4.2", "4.2"), ("section 3.2", "3.2"),
        ("Annex II", "Annex II"), ("annex 2", "Annex II"), ("paragraph 4.2.1", "4.2.1"),
    ]  # fmt: skip


def test_french_patterns():
    text = "Voir le chapitre 3, le paragraphe 4.2, la section 3.2, le point 4.2 et l'annexe II."
    assert found(text, "fr") == [
        ("chapitre 3", "3"), ("paragraphe 4.2", "4.2"), ("section 3.2", "3.2"),
        ("point 4.2", "4.2"), ("annexe II", "Annex II"),
    ]  # fmt: skip


def test_non_matches():
    assert found("The chapter explains it. 3.2 million containers; chapter three.") == []
    assert found("an annex in the text; annex mix; chapter 3,5 tonnes") == []
    assert found("Le chapitre explique. 3,2 millions.", "fr") == []
    assert found("chapitre 3", "en") == [] and found("chapter 3", "fr") == []


@pytest.mark.django_db
def test_broken_and_typed_references_of_a_document():
    document = DocumentFactory()
    body = "See [[two]], [[gone]] and chapter 2; `[[code]]` is not one."
    one = SectionFactory(document=document, key="one", heading="One", position=1, body=body)
    two = SectionFactory(document=document, key="two", heading="Two", position=2, body="x")
    translator = UserFactory(is_superuser=True)
    translation_save(section=one, language=Language.FRENCH, heading="Un",
                     body="Voir [[absent]] et le chapitre 7.", source_version=one.version,
                     expected_version=0, user=translator, reason="t")  # fmt: skip
    report = document_references(document)
    assert [(b.node.key, b.language, b.key) for b in report.broken] == [
        ("one", "en", "gone"), ("one", "fr", "absent"),
    ]  # fmt: skip
    typed = [(t.node.key, t.language, t.text, t.target.key if t.target else None)
             for t in report.typed]  # fmt: skip
    assert typed == [("one", "en", "chapter 2", "two"), ("one", "fr", "chapitre 7", None)]
    first = report.typed[0]
    assert one.body[first.start : first.start + len(first.text)] == "chapter 2"
    assert first.before.endswith("and ") and first.version == one.version
    # The target deleted: the reference to it is broken now.
    user = UserFactory()
    section_delete(section=two, user=user, reason="x", expected_version=structure_version(two))
    report = document_references(document)
    assert ("one", "en", "two") in [(b.node.key, b.language, b.key) for b in report.broken]
    assert report.typed[0].target is None  # no section is numbered 2 any more


@pytest.mark.django_db
def test_two_queries(django_assert_num_queries):
    document = DocumentFactory()
    for n in range(5):
        SectionFactory(document=document, body=f"See chapter {n} and [[nope-{n}]].")
    with django_assert_num_queries(2):
        report = document_references(document)
    assert len(report.broken) == 5 and len(report.typed) == 5


def test_code_links_and_raw_html_are_not_typed_references():
    text = (
        "See chapter 3, `chapter 4`, [chapter 5](https://example.org/chapter%206) and "
        '<a href="https://example.org">chapter 7</a>; <span title="chapter 8">chapter 9</span>; '
        "https://example.org/section 10.\n\n    chapter 11 in code\n\n"
        "```\nchapter 12\n```\n\n- item\n\n    chapter 13 continues the item\n\n"
        "[ref]: https://example.org chapter 14\n"
    )
    assert [t for t, _label in found(text)] == ["chapter 3", "chapter 9", "chapter 13"]


@pytest.mark.django_db
def test_many_sections_in_reading_order_english_then_french():
    document = DocumentFactory()
    translator = UserFactory(is_superuser=True)
    sections = [
        SectionFactory(document=document, key=f"s{n}", position=300 - n, body=f"See chapter {n}.")
        for n in range(300)
    ]
    for section in sections[::7]:
        translation_save(section=section, language=Language.FRENCH, heading="T",
                         body="Voir le chapitre 1.", source_version=section.version,
                         expected_version=0, user=translator, reason="t")  # fmt: skip
    typed = document_references(document).typed
    expected = []
    for section in reversed(sections):  # the lowest position first
        expected.append((section.key, "en"))
        if sections.index(section) % 7 == 0:
            expected.append((section.key, "fr"))
    assert [(t.node.key, t.language) for t in typed] == expected
