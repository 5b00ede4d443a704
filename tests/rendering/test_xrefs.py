"""[[key]] cross-references: the Markdown placeholder and its resolution (rendering.xrefs)."""

from types import SimpleNamespace

from django.utils import translation

from guidelines.rendering.markdown import render_markdown
from guidelines.rendering.xrefs import XrefResolver, XrefTarget, resolve_xrefs, xref_resolver


def node(key, label, heading, pk=1):
    return SimpleNamespace(key=key, label=label, section=SimpleNamespace(pk=pk, heading=heading))


def resolver(*nodes, **kwargs):
    return xref_resolver(nodes, lambda key: f"/s/{key}/", **kwargs)


def test_the_placeholder_does_not_depend_on_numbering():
    html = str(render_markdown("See [[transit]]."))
    assert '<a class="xref" data-xref="transit"' in html and "[[transit]]</a>" in html
    assert "href" not in html  # the link comes only when resolved


def test_a_reference_shows_the_current_number_heading_and_link():
    html = render_markdown("See [[transit]].")
    out = str(resolve_xrefs(str(html), resolver(node("transit", "3.2", "Transit procedures"))))
    assert out == '<p>See <a class="xref" href="/s/transit/">3.2 Transit procedures</a>.</p>'
    # Renumbered (a section inserted before it): the same cached Markdown, the new number.
    out = str(resolve_xrefs(str(html), resolver(node("transit", "3.3", "Transit procedures"))))
    assert ">3.3 Transit procedures</a>" in out


def test_headings_in_the_pages_language_and_annex_labels_translated():
    html = str(render_markdown("Voir [[annex]]."))
    with translation.override("fr"):
        out = str(resolve_xrefs(html, resolver(node("annex", "Annex II", "Glossary", pk=7),
                                               headings={7: ("Glossaire", "fr")})))  # fmt: skip
    assert '>Annexe II <span lang="fr">Glossaire</span></a>' in out


def test_front_matter_has_no_number():
    out = str(
        resolve_xrefs(
            str(render_markdown("[[foreword]]")), resolver(node("foreword", "", "Foreword"))
        )
    )
    assert '">Foreword</a>' in out


def test_a_reference_to_no_live_section_is_flagged_in_words():
    out = str(resolve_xrefs(str(render_markdown("See [[deleted-one]].")), resolver()))
    assert '<span class="xref xref-broken" data-xref="deleted-one">' in out
    assert "[[deleted-one]] <strong>(broken reference: no such section)</strong>" in out
    assert "href" not in out


def test_code_keeps_the_syntax_as_typed():
    out = str(
        resolve_xrefs(str(render_markdown("`[[transit]]`")), resolver(node("transit", "1", "T")))
    )
    assert out == "<p><code>[[transit]]</code></p>"


def test_without_a_resolver_the_reference_reads_as_typed():
    html = str(render_markdown("See [[transit]]."))
    assert ">[[transit]]</a>" in str(resolve_xrefs(html, None))
    assert ">[[transit]]</a>" in str(resolve_xrefs(html, ""))


def test_a_heading_with_a_script_is_escaped():
    evil = node("evil", "2", '<script>alert(1)</script> & "quotes"')
    out = str(resolve_xrefs(str(render_markdown("[[evil]]")), resolver(evil)))
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;" in out


def test_a_key_with_odd_characters_is_no_reference_and_cannot_break_out():
    for text in ['[[a"><script>x</script>]]', "[[a b]]", "[[a/../b]]", "[[]]"]:
        html = str(render_markdown(text))
        assert 'class="xref"' not in html and "<script>" not in html, text
    # Raw HTML imitating a placeholder: its key is escaped, it resolves as broken at worst.
    html = str(render_markdown('<a class="xref" data-xref="x&quot;&gt;&lt;script&gt;">y</a>'))
    out = str(resolve_xrefs(html, resolver()))
    assert "<script>" not in out and "href" not in out  # not ours: left inert


def test_in_print_the_link_is_to_the_anchor_with_the_page_label():
    target = XrefTarget("3.2", "Transit procedures", "#s-transit")
    out = str(resolve_xrefs(str(render_markdown("[[transit]]")),
                            XrefResolver({"transit": target}, print_pages=True)))  # fmt: skip
    assert (
        '<a class="xref" href="#s-transit" data-page-label="page">3.2 Transit procedures</a>' in out
    )


def test_a_reference_is_one_word_for_the_word_diff():
    from guidelines.rendering.words import DELETE, INSERT, diff_words

    segments = diff_words("See [[transit]] now.", "See [[seals]] now.")
    assert [(s.op, s.text.strip()) for s in segments if s.op != "equal"] == [
        (DELETE, "[[transit]]"),
        (INSERT, "[[seals]]"),
    ]


def test_a_redline_resolves_references_inserted_deleted_and_replaced():
    from guidelines.rendering.diff import diff_text
    from guidelines.rendering.redline import render_redline, render_side_by_side

    r = resolver(node("transit", "3.2", "Transit", 1), node("seals", "4", "Seals", 2))
    for old, new in [
        ("See [[transit]] now.", "See [[seals]] now."),
        ("See now.", "See [[seals]] now."),
        ("See [[transit]] now.", "See now."),
    ]:
        changes = diff_text(old, new)
        inline = str(resolve_xrefs(str(render_redline(changes)), r))
        left, right = (str(resolve_xrefs(str(side), r)) for side in render_side_by_side(changes))
        for html in (inline, left, right):
            assert "[[" not in html, html
        if "seals" in new:
            assert '<ins data-by=""><a class="xref" href="/s/seals/">4 Seals</a></ins>' in inline
            assert '<a class="xref" href="/s/seals/">4 Seals</a></ins>' in right
        if "transit" in old:
            assert (
                '<del data-by=""><a class="xref" href="/s/transit/">3.2 Transit</a></del>' in inline
            )
            assert '<a class="xref" href="/s/transit/">3.2 Transit</a></del>' in left


def test_only_our_placeholders_carry_the_xref_class_and_key():
    r = resolver(node("transit", "3.2", "Transit", 1), node("seals", "4", "Seals", 2))
    own = str(render_markdown('Read <a class="xref" href="https://example.org">the guide</a>.'))
    assert "xref" not in own and ">the guide</a>" in own
    forged = str(render_markdown('<a class="xref note" data-xref="seals" href="/x">here</a>'))
    assert "data-xref" not in forged and 'class="note"' in forged
    assert "xref" not in str(render_markdown('<p class="xref" data-xref="seals">z</p>'))
    out = str(resolve_xrefs(str(render_markdown("See [[transit]].")), r))
    assert out == '<p>See <a class="xref" href="/s/transit/">3.2 Transit</a>.</p>'


def test_raw_html_code_and_attributes_keep_the_syntax_as_typed():
    r = resolver(node("transit", "3.2", "Transit", 1))
    for text, kept in [
        ("<code>[[transit]]</code>", "<code>[[transit]]</code>"),
        (
            '<a href="https://example.org/[[transit]]">y</a>',
            'href="https://example.org/[[transit]]"',
        ),
        ("<https://example.org/[[transit]]>", ">https://example.org/[[transit]]</a>"),
        ('<abbr title="[[transit]]">T</abbr>', 'title="[[transit]]"'),
    ]:
        out = str(resolve_xrefs(str(render_markdown(text)), r))
        assert kept in out and "3.2 Transit" not in out, out
    assert "3.2 Transit" in str(resolve_xrefs(str(render_markdown("a < b [[transit]] > c")), r))


def test_a_lazy_resolver_reads_the_tree_only_for_a_reference():
    from guidelines.rendering.xrefs import LazyXrefResolver

    loads = []

    def load():
        loads.append(1)
        return resolver(node("transit", "3.2", "Transit", 1))

    lazy = LazyXrefResolver(load)
    assert lazy and not loads  # {% if xref %} in the editor
    assert str(resolve_xrefs(str(render_markdown("No reference.")), lazy)) == "<p>No reference.</p>"
    assert not loads
    assert "3.2 Transit" in str(resolve_xrefs(str(render_markdown("[[transit]]")), lazy))
    assert "3.2 Transit" in str(resolve_xrefs(str(render_markdown("[[transit]] again")), lazy))
    assert loads == [1]
