from html.parser import HTMLParser

import pytest

from guidelines.rendering.markdown import render_markdown

ATTACKS = [
    "<script>window.__xss = 1</script>",
    '<img src="x" onerror="window.__xss = 1">',
    "[click me](javascript:window.__xss=1)",
    'A paragraph {: onclick="window.__xss = 1" }',
    '<div markdown="1" onmouseover="window.__xss=1">*x*</div>',
    '<a href="jAvAsCrIpT:alert(1)">x</a>',
    '<iframe src="https://example.org"></iframe>',
    "<svg><script>alert(1)</script></svg>",
]


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


@pytest.mark.parametrize("attack", ATTACKS)
def test_dangerous_markup_is_neutralised(attack):
    parser = TagCollector()
    parser.feed(str(render_markdown(attack)))
    assert not {"script", "iframe", "svg", "object", "embed"} & set(parser.tags)
    assert not [name for name, _ in parser.attrs if name.startswith("on")]
    assert not [v for _, v in parser.attrs if v and "javascript:" in v.lower().replace(" ", "")]


def test_attr_list_is_not_enabled_so_braces_stay_text():
    html = str(render_markdown('Text {: onclick="x()" }'))
    assert "<p>Text {: onclick=" in html  # shown as text, not an attribute


def test_tables_footnotes_lists_and_anchors_render():
    text = "## Scope\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n\nNote[^1]\n\n[^1]: Foot."
    html = str(render_markdown(text, id_prefix="scope-key"))
    assert '<h2 id="scope-key-scope">Scope</h2>' in html
    assert "<table>" in html and "<td>1</td>" in html
    assert "<li>one</li>" in html
    assert 'id="scope-key-fn:1"' in html and 'href="#scope-key-fn:1"' in html


def test_unicode_is_kept():
    text = "Données, Таможня, Hải quan, 海关"
    assert text in str(render_markdown(text))


def test_empty_body_renders_empty():
    assert str(render_markdown("")) == ""
