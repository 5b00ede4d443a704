from html.parser import HTMLParser

from guidelines.rendering.diff import diff_text, diff_words
from guidelines.rendering.redline import render_redline, render_side_by_side, render_words


class Balance(HTMLParser):
    VOID = {"br", "hr", "img"}

    def __init__(self):
        super().__init__()
        self.stack, self.ok = [], True

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.ok = False


def well_formed(html):
    parser = Balance()
    parser.feed(html)
    return parser.ok and not parser.stack


def test_one_changed_word_is_marked_inside_the_paragraph():
    html = str(render_redline(diff_text("The seal is **checked** at export.",
                                        "The seal is **checked** at import.")))  # fmt: skip
    assert (
        '<del data-by="">export</del><span class="rl-gap"> </span><ins data-by="">import</ins>'
        in html
    )
    assert "<strong>checked</strong>" in html
    assert well_formed(html)


def test_changes_across_formatting_stay_well_formed():
    html = str(
        render_redline(diff_text("Plain a **b c** d.", "Plain x **y c** z [link](https://x.org)."))
    )
    assert well_formed(html)
    assert "<ins " in html and "<del " in html


def test_list_and_table_structure_survive():
    old = "- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    new = "- one\n- two\n- three\n\n| a | b |\n|---|---|\n| 1 | 3 |"
    html = str(render_redline(diff_text(old, new)))
    assert '<li><ins data-by="">three</ins></li>' in html
    assert (
        '<td><del data-by="">2</del><span class="rl-gap"> </span><ins data-by="">3</ins></td>'
        in html
    )
    assert well_formed(html)


def test_inserted_markup_is_still_sanitised():
    html = str(
        render_redline(
            diff_text("Safe.", 'Safe. <img src=x onerror="alert(1)"><script>x()</script>')
        )
    )
    assert "onerror" not in html and "<script" not in html


def test_side_by_side_shows_each_side_only():
    left, right = render_side_by_side(diff_text("Keep old words.", "Keep new words."))
    assert 'Keep <del data-by="">old</del>' in str(left) and "<ins" not in str(left)
    assert 'Keep <ins data-by="">new</ins> words.' in str(right) and "<del" not in str(right)


def test_text_is_escaped_once():
    html = str(render_redline(diff_text("R&D <b> at the border.", "R&D <b> at every border.")))
    assert "R&amp;D" in html and "&amp;amp;" not in html
    heading = str(render_words(diff_words("Risk & Compliance", "Risk & Compliance rules")))
    assert heading.startswith("Risk &amp; Compliance") and "&amp;amp;" not in heading
    french = str(render_redline(diff_text("Contrôle\u00a0: ancien.", "Contrôle\u00a0: nouveau.")))
    assert '<del data-by="">ancien</del>' in french  # still word by word, not replaced whole


def test_a_change_cannot_assemble_a_dangerous_link():
    old, new = "Click [here](:alert(1)) now.", "Click [here](javascript:alert(1)) now."
    inline = str(render_redline(diff_text(old, new)))
    left, right = render_side_by_side(diff_text(old, new))
    for html in (inline, str(left), str(right)):
        assert "javascript:" not in html and "here" in html
