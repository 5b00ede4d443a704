import pytest

from guidelines.rendering.outline import render_outline
from guidelines.selectors.documents import document_tree
from tests.factories import DocumentFactory, SectionFactory


@pytest.mark.django_db
def test_outline_is_nested_numbered_escaped_and_marks_current():
    doc = DocumentFactory()
    chapter = SectionFactory(document=doc, heading="Chapter <b>one</b>", kind="chapter", position=0)
    child = SectionFactory(document=doc, parent=chapter, heading="Child", position=0)
    html = str(
        render_outline(
            document_tree(doc).nodes,
            url_for=lambda k: f"/s/{k}/",
            current_key=child.key,
            counts={child.pk: 2},
            comments={child.pk: 3},
        )
    )
    # Badges say what they count, outside the link; no link inside a <summary>.
    assert '</a> <span class="outline-count">2 proposals</span>' in html
    assert '<span class="outline-count outline-count--comments">3 comments</span>' in html
    assert "<summary><a" not in html
    assert '<summary><span class="visually-hidden">Subsections of 1 Chapter &lt;b&gt;' in html
    assert "Chapter &lt;b&gt;one&lt;/b&gt;" in html
    assert "<details open>" in html
    assert f'href="/s/{child.key}/" aria-current="page"' in html
    assert '<span class="num">1.1</span>' in html
