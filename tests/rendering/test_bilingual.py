from types import SimpleNamespace

from guidelines.rendering.bilingual import section_heading, section_heading_text


def section(heading="Seals <b>", pk=7):
    return SimpleNamespace(pk=pk, heading=heading)


def reading(heading, translated=True):
    return SimpleNamespace(heading=heading, heading_translated=translated)


def test_an_english_page_shows_the_english_heading_escaped():
    assert str(section_heading(section())) == "Seals &lt;b&gt;"
    assert str(section_heading(section(), {})) == "Seals &lt;b&gt;"
    assert section_heading_text(section(), {}) == "Seals <b>"


def test_a_translated_heading_is_shown_escaped_and_an_english_one_is_marked():
    translated = {7: reading("Scellés & <i>")}
    assert str(section_heading(section(), translated)) == "Scellés &amp; &lt;i&gt;"
    missing = {7: reading("Seals <b>", translated=False)}
    assert str(section_heading(section(), missing)) == '<span lang="en">Seals &lt;b&gt;</span>'
    assert section_heading_text(section(), {7: reading("Scellés")}) == "Scellés"


def test_the_english_original_on_a_french_page_is_marked():
    assert str(section_heading(section(), {}, english_lang="en")) == (
        '<span lang="en">Seals &lt;b&gt;</span>'
    )
