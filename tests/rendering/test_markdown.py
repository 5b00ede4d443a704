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
    assert '<h2 id="h-scope-key-scope">Scope</h2>' in html
    assert "<table>" in html and "<td>1</td>" in html
    assert "<li>one</li>" in html
    assert 'id="scope-key-fn:1"' in html and 'href="#scope-key-fn:1"' in html


def test_unicode_is_kept():
    text = "Données, Таможня, Hải quan, 海关"
    assert text in str(render_markdown(text))


def test_empty_body_renders_empty():
    assert str(render_markdown("")) == ""


def _ids(html: str) -> list[str]:
    parser = TagCollector()
    parser.feed(html)
    return [value for name, value in parser.attrs if name in {"id", "name"}]


def test_no_id_or_name_comes_from_the_users_text():
    text = (
        '<p id="comment-12">shadow</p> <a name="comment-13" id="fn:1">x</a>'
        '<h2 id="top">T</h2>\n\n## comment-14\n\nNote[^1]\n\n[^1]: Foot.'
    )
    ids = _ids(str(render_markdown(text)))
    assert ids and all(i.startswith(("h-", "fn:", "fnref:")) for i in ids)
    assert "comment-12" not in ids and "comment-13" not in ids and "top" not in ids
    assert "h-comment-14" in ids  # our heading anchor, prefixed


def test_footnotes_of_two_sections_do_not_clash():
    text = "Note[^1]\n\n[^1]: Foot."
    first = str(render_markdown(text, id_prefix="a"))
    second = str(render_markdown(text, id_prefix="b"))
    assert not set(_ids(first)) & set(_ids(second))
    assert 'href="#a-fn:1"' in first and 'id="a-fn:1"' in first and 'id="a-fnref:1"' in first


@pytest.mark.parametrize(
    "src",
    ["/static/img/logo.png", "data:image/png;base64,iVBORw0KGgo=", "data:image/jpeg;base64,AA"],
)
def test_images_from_our_static_files_or_data_are_kept(src):
    html = str(render_markdown(f"![logo]({src})"))
    assert f'src="{src}"' in html


@pytest.mark.parametrize(
    "src",
    ["https://tracker.example.org/pixel.png", "http://example.org/a.png", "//example.org/a.png"],
)
def test_external_images_become_links(src):
    html = str(render_markdown(f"![a <b> pixel]({src}) and <img src='{src}'>"))
    assert "<img" not in html
    if src.startswith("http"):
        assert f'<a href="{src}" rel="noopener noreferrer nofollow">a &lt;b&gt; pixel</a>' in html
        assert f'<a href="{src}" rel="noopener noreferrer nofollow">{src}</a>' in html


@pytest.mark.parametrize(
    "text",
    [
        "![x](data:image/svg+xml;base64,PHN2Zz4=)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        "![x](/static/../media/secret.png)",
    ],
)
def test_other_data_urls_and_paths_are_dropped(text):
    html = str(render_markdown(text))
    assert "data:" not in html and "<img" not in html and "secret" not in html
