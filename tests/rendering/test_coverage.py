import pytest
from django.utils import translation

from guidelines.rendering.coverage import coverage_rows
from guidelines.selectors.documents import document_tree
from guidelines.selectors.safe import CoverageRow
from tests.factories import DocumentFactory, MappingFactory, SectionFactory, StandardFactory


@pytest.fixture
def rows(db):
    doc = DocumentFactory()
    section = SectionFactory(document=doc, key="seals", heading="Seals <b>&</b>")
    a, b, c = StandardFactory(), StandardFactory(), StandardFactory()
    MappingFactory(section=section, standard=a, relation="implements", note='Note "<x>"')
    MappingFactory(section=section, standard=c, relation="integrate")
    node = document_tree(doc, with_mappings=True).nodes[0]
    by_standard = {m.standard_id: m for m in node.section.live_mappings}
    cells = [by_standard.get(s.id) for s in (a, b, c)]
    return [CoverageRow(node, cells, [0.85, 0.1, None])]


def test_rows_header_cells_shading_and_chips(rows):
    html = str(coverage_rows(rows, url_for=lambda k: f"/s/{k}/"))
    assert (
        '<th scope="row" class="matrix__section depth-0"><a href="/s/seals/"><span class="num">'
        "1</span> Seals &lt;b&gt;&amp;&lt;/b&gt;</a></th>"
    ) in html
    hidden = "Overlap with the standard's text: 85 %"
    assert (
        f'<td class="matrix__cell overlap-4" title="{hidden}"><span class="visually-hidden">'
        f'{hidden}</span><span class="chip chip--implements" '
        'title="implements: Note &quot;&lt;x&gt;&quot;">I</span></td>'
    ) in html
    # A score under the shading threshold: the title only; no score: a bare cell.
    assert '<td class="matrix__cell " title="Overlap with the standard\'s text: 10 %"></td>' in html
    assert '<td class="matrix__cell"><span class="chip chip--integrate" title="' in html
    assert ">T</span></td>" in html and html.count("<tr>") == 1


def test_rows_in_french(rows):
    with translation.override("fr"):
        html = str(coverage_rows(rows, url_for=lambda k: f"/s/{k}/"))
    assert "Recoupement avec le texte de la norme\u00a0: 85\u00a0%" in html
