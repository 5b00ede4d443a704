import pytest

from guidelines.models import Document, Standard
from guidelines.selectors.documents import document_tree
from guidelines.selectors.safe import coverage_matrix, safe_overview


@pytest.mark.django_db
def test_coverage_matrix_marks_cells_and_lists_uncovered_standards(seeded):
    doc = Document.objects.get(slug="iscm-guidelines")
    matrix = coverage_matrix(document_tree(doc, with_mappings=True))
    assert len(matrix.standards) == Standard.objects.count()
    row = next(r for r in matrix.rows if r.node.key == "risk-assessment")
    marked = {matrix.standards[i].code: c.relation for i, c in enumerate(row.cells) if c}
    assert marked == {"P1.S4": "implements", "P1.S7": "supports"}
    uncovered = {s.code for s in matrix.uncovered}
    assert "P1.S2" in uncovered and "P1.S4" not in uncovered
    assert matrix.covered_count + len(matrix.uncovered) == len(matrix.standards)


@pytest.mark.django_db
def test_coverage_can_be_limited_to_one_pillar(seeded):
    doc = Document.objects.get(slug="iscm-guidelines")
    matrix = coverage_matrix(document_tree(doc, with_mappings=True), pillar_number=2)
    assert {s.pillar.number for s in matrix.standards} == {2}


@pytest.mark.django_db
def test_safe_overview_lists_numbered_sections_per_standard(seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        pillars, mapped = safe_overview()
        p1s4 = Standard.objects.get(pillar__number=1, number=4)
    labels = {(s.number, s.heading) for s in mapped[p1s4.id]}
    assert ("3.5", "Risk assessment") in labels
    assert [p.number for p in pillars] == [1, 2, 3]
