import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from guidelines.selectors.documents import document_tree
from guidelines.selectors.mappings import live_mappings_by_section
from tests.factories import (
    DocumentFactory,
    MappingFactory,
    PillarFactory,
    SectionFactory,
    StandardFactory,
)


def _removed(mapping):
    mapping.is_deleted, mapping._change_reason = True, "removed"
    mapping.save()


@pytest.mark.django_db
def test_live_mappings_in_standard_order_sharing_one_standard_each():
    doc = DocumentFactory()
    first, second = SectionFactory(document=doc), SectionFactory(document=doc, position=1)
    gone = SectionFactory(document=doc, position=2)
    p2, p1 = PillarFactory(number=2, title="Pillar two"), PillarFactory(number=1, title="One")
    s_p2 = StandardFactory(pillar=p2, number=1, title="Customs to business <b>")
    s_p1_s3 = StandardFactory(pillar=p1, number=3, title="Risk")
    s_p1_s1 = StandardFactory(pillar=p1, number=1, title="Integrated")
    MappingFactory(section=first, standard=s_p2, relation="overlaps", note="a note")
    MappingFactory(section=first, standard=s_p1_s3, relation="implements")
    MappingFactory(section=first, standard=s_p1_s1)
    MappingFactory(section=second, standard=s_p2, relation="implements")
    _removed(MappingFactory(section=second, standard=s_p1_s1))
    MappingFactory(section=gone, standard=s_p1_s1)
    gone.is_deleted, gone._change_reason = True, "soft delete"
    gone.save()
    MappingFactory(standard=s_p1_s1)  # another document's section

    with CaptureQueriesContext(connection) as ctx:
        by_section = live_mappings_by_section(doc)
        codes = {k: [m.standard.code for m in v] for k, v in by_section.items()}
    assert len(ctx.captured_queries) == 1
    assert codes == {first.id: ["P1.S1", "P1.S3", "P2.S1"], second.id: ["P2.S1"]}
    shared = [m.standard for ms in by_section.values() for m in ms if m.standard_id == s_p2.id]
    assert shared[0] is shared[1]  # one Standard (and Pillar) per standard, not per mapping
    overlap = by_section[first.id][2]
    assert (overlap.relation, overlap.note, overlap.section_id) == ("overlaps", "a note", first.id)
    assert overlap.standard.title == "Customs to business <b>"
    assert overlap.standard.pillar.title == "Pillar two"
    assert overlap.get_relation_display() == "overlaps / duplicates"
    with translation.override("fr"):
        assert overlap.get_relation_display() != "overlaps / duplicates"  # translated when read


@pytest.mark.django_db
def test_document_tree_attaches_them_to_every_section():
    doc = DocumentFactory()
    mapped, bare = SectionFactory(document=doc), SectionFactory(document=doc, position=1)
    MappingFactory(section=mapped, relation="supports")
    with CaptureQueriesContext(connection) as ctx:
        tree = document_tree(doc, with_mappings=True)
    assert len(ctx.captured_queries) == 2
    assert [len(tree.by_key[s.key].section.live_mappings) for s in (mapped, bare)] == [1, 0]


@pytest.mark.django_db
def test_a_tree_without_text_reads_headings_in_one_query():
    doc = DocumentFactory()
    SectionFactory(document=doc, heading="Seals")
    with CaptureQueriesContext(connection) as ctx:
        tree = document_tree(doc, with_text=False)
        assert [(n.label, n.section.heading, n.key) for n in tree.nodes][0][:2] == ("1", "Seals")
    assert len(ctx.captured_queries) == 1
