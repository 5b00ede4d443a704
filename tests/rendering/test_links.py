from guidelines.rendering.links import print_links, section_url_builder

HTML = (
    '<section id="s-seals"></section>'
    '<a href="/documents/iscm-guidelines/sections/seals/">3.7 Seals</a>'
    '<a href="/documents/iscm-guidelines/sections/gone/">gone</a>'
    '<a href="/documents/other/sections/seals/">other document</a>'
    '<a href="/documents/iscm-guidelines/proposals/?a=1&amp;b=2">list</a>'
    '<a href="#s-seals">toc</a><a href="https://example.com/x">out</a>'
    '<a href="//example.com/y">protocol-relative</a>'
)


def test_print_links_point_inside_the_pdf_or_to_the_site():
    out = print_links(HTML, slug="iscm-guidelines", site_url="https://iscm.example.org/")
    assert '<a href="#s-seals">3.7 Seals</a>' in out
    assert 'href="https://iscm.example.org/documents/iscm-guidelines/sections/gone/"' in out
    assert 'href="https://iscm.example.org/documents/other/sections/seals/"' in out
    assert 'href="https://iscm.example.org/documents/iscm-guidelines/proposals/?a=1&amp;b=2"' in out
    assert '<a href="#s-seals">toc</a>' in out and 'href="https://example.com/x"' in out
    assert 'href="//example.com/y"' in out


def test_section_url_builder_matches_the_editor_links():
    url_for = section_url_builder("iscm-guidelines")
    assert url_for("seals") == "/documents/iscm-guidelines/sections/seals/"
