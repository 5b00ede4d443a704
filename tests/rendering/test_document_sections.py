import pytest
from django.utils import translation

from guidelines.rendering.document_sections import render_document_sections
from guidelines.selectors.documents import document_tree
from guidelines.selectors.readings import _reading
from tests.factories import (
    DocumentFactory,
    MappingFactory,
    PillarFactory,
    SectionFactory,
    StandardFactory,
)


@pytest.fixture
def tree(db):
    doc = DocumentFactory()
    chapter = SectionFactory(
        document=doc, kind="chapter", key="scope", heading='Scope <script>"x"</script>',
        body="Text with **bold** and <script>alert(1)</script>.",
    )  # fmt: skip
    child = SectionFactory(document=doc, parent=chapter, key="seals", heading="Seals")
    SectionFactory(document=doc, kind="annex", key="forms", heading="Forms", position=1)
    standard = StandardFactory(pillar=PillarFactory(number=1), number=6, title='AEO "plus" <i>')
    MappingFactory(section=child, standard=standard, relation="implements")
    return document_tree(doc, with_mappings=True)


def _render(tree, **kwargs) -> str:
    return str(render_document_sections(tree.nodes, url_for=lambda k: f"/s/{k}/?a&b", **kwargs))


def test_sections_headings_links_chips_and_text_escaped(tree):
    html = _render(tree)
    assert '<section class="doc-section depth-0" id="s-scope">' in html
    assert (
        '<div class="section-heading h2" role="heading" aria-level="2">\n'
        '        <a href="/s/scope/?a&amp;b"><span class="num">1</span> '
        "Scope &lt;script&gt;&quot;x&quot;&lt;/script&gt;</a>"
    ) in html
    assert 'role="heading" aria-level="3">\n        <a href="/s/seals/?a&amp;b">' in html
    assert '<span class="num">1.1</span> Seals</a>' in html
    assert "<script>" not in html and "<strong>bold</strong>" in html
    assert (
        '<p class="mapping-chips" aria-label="SAFE standards">\n        <span class="chip '
        'chip--implements" title="AEO &quot;plus&quot; &lt;i&gt; (implements)">P1.S6</span>'
    ) in html
    assert html.count("mapping-chips") == 1  # only the mapped section has chips
    assert '<div class="prose">' in html and 'lang="en"' not in html


def test_in_french_numbers_chips_and_english_text_are_marked(tree):
    with translation.override("fr"):
        html = _render(tree, english_lang="en")
    assert '<span class="num">Annexe I</span>' in html
    assert 'aria-label="normes SAFE"' in html
    assert '<span lang="en">Seals</span>' in html and '<div class="prose" lang="en">' in html


def test_a_section_read_in_a_translation_takes_its_text_from_the_callback(tree):
    scope = tree.by_key["scope"].section
    reading = _reading(scope, "fr", ("Champ <d'application>", "Texte.", 1, 1))
    html = _render(tree, readings={scope.pk: reading}, reading_html=lambda s, r: f"[{r.body}]")
    assert "\n      [Texte.]\n    </section>" in html and html.count("[Texte.]") == 1
    assert '<span class="num">1</span> Champ &lt;d&#x27;application&gt;</a>' in html
