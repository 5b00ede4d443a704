"""Reads of the finder's results: the redundant pairs list a section and a Framework text once
(its English and French versions are one text), and rows with a section deleted since are left
out."""

import pytest

from guidelines.models import FrameworkText, Overlap, OverlapSource, Section
from guidelines.selectors.documents import document_tree
from guidelines.selectors.overlaps import live_overlaps, redundant_pairs
from tests.factories import DocumentFactory, SectionFactory, StandardFactory
from tests.integration_data import made

pytestmark = pytest.mark.django_db


def overlap(section, score, language="en", **other):
    source = OverlapSource.FRAMEWORK if "framework_text" in other else OverlapSource.SECTION
    return Overlap.objects.create(
        document=section.document, section=section, language=language, source=source,
        score=score, section_version=section.version, passages=[], **other,
    )  # fmt: skip


def test_a_section_and_a_framework_text_are_one_pair_whatever_the_language():
    document = DocumentFactory()
    first, second = SectionFactory(document=document), SectionFactory(document=document)
    standard = StandardFactory()
    texts = {
        (spec, language): made(FrameworkText, standard=standard, spec=spec, language=language)
        for spec in ("", "1.2")
        for language in ("en", "fr")
    }
    overlap(first, 0.7, framework_text=texts["", "en"])
    best = overlap(first, 0.8, "fr", framework_text=texts["", "fr"])
    spec = overlap(first, 0.6, framework_text=texts["1.2", "en"])  # another text: its own pair
    other = overlap(second, 0.65, framework_text=texts["", "en"])
    pairs = redundant_pairs(document_tree(document), 0.5)
    assert [item.overlap for item in pairs] == [best, other, spec]


def test_rows_with_a_section_deleted_since_are_left_out():
    document = DocumentFactory()
    first, second = SectionFactory(document=document), SectionFactory(document=document)
    kept = overlap(first, 0.9, other_section=second)
    overlap(second, 0.9, other_section=first)
    Section.objects.filter(pk=first.pk).update(is_deleted=True)
    assert not live_overlaps(Overlap.objects.filter(document=document)).exists()
    Section.objects.filter(pk=first.pk).update(is_deleted=False)
    Section.objects.filter(pk=second.pk).update(is_deleted=True)
    assert not live_overlaps(Overlap.objects.filter(pk=kept.pk)).exists()
