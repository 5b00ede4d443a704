import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from guidelines.models import Document
from guidelines.selectors.documents import document_tree, section_page
from guidelines.services.synthetic import synthetic_document_create
from tests.factories import DocumentFactory, SectionFactory


@pytest.mark.django_db
def test_tree_is_in_reading_order_and_skips_deleted_sections():
    doc = DocumentFactory()
    b = SectionFactory(document=doc, heading="B", kind="chapter", position=1)
    a = SectionFactory(document=doc, heading="A", kind="chapter", position=0)
    a1 = SectionFactory(document=doc, heading="A1", parent=a, position=0)
    gone = SectionFactory(document=doc, heading="Gone", parent=a, position=1)
    gone.is_deleted, gone._change_reason = True, "soft delete"
    gone.save()
    tree = document_tree(doc)
    assert [(n.label, n.section.heading) for n in tree.nodes] == [
        ("1", "A"),
        ("1.1", "A1"),
        ("2", "B"),
    ]
    assert tree.by_key[a1.key].parent.key == a.key
    assert b.key in tree.by_key and gone.key not in tree.by_key


@pytest.mark.django_db
def test_section_page_gives_neighbours_breadcrumbs_and_404_for_unknown_key(seeded):
    doc = Document.objects.get(slug="iscm-guidelines")
    page = section_page(doc, "risk-assessment")
    assert page.node.label == "3.5"
    assert page.previous.key == "advance-electronic-declarations"
    assert page.next.key == "unique-consignment-reference"
    assert [c.key for c in page.breadcrumbs] == ["integrated-customs-control-procedures"]
    assert {(m.standard.pillar.number, m.standard.number) for m in page.mappings} == {
        (1, 4),
        (1, 7),
    }
    with pytest.raises(Http404):
        section_page(doc, "no-such-section")


@pytest.mark.django_db
def test_tree_queries_do_not_grow_with_sections(seeded):
    counts = {}
    for n in (30, 300):
        doc = synthetic_document_create(sections=n)
        with CaptureQueriesContext(connection) as ctx:
            tree = document_tree(doc, with_mappings=True)
            sum(len(node.section.live_mappings) for node in tree.nodes)
            [m.standard.pillar.number for node in tree.nodes for m in node.section.live_mappings]
        counts[n] = len(ctx.captured_queries)
        assert len(tree) == n
    assert counts[30] == counts[300] == 2
