"""imports/markdown.py: readings of tracked paragraphs, canonical Markdown, the patch that keeps
the section's own Markdown where the reviewer did not edit."""

import pytest

from guidelines.imports.markdown import patch, reading, split_heading, to_markdown
from guidelines.imports.types import DEL, INS, ORIGINAL, PROPOSED, Cell, Paragraph, Run


def p(index, *runs, **kw):
    runs = tuple(Run(r) if isinstance(r, str) else r for r in runs)
    return Paragraph(index=index, runs=runs, **kw)


def test_readings_filter_runs_and_join_paragraphs_whose_mark_is_removed():
    paragraphs = [
        p(0, "Keep ", Run("old", change=DEL), Run("new", change=INS), " words."),
        p(1, "First half", Run(" and", change=INS), mark=DEL),
        p(2, "second half."),
        p(3, Run("Inserted whole.", change=INS), mark=INS),
    ]
    original = [x.reading_text(ORIGINAL) for x in reading(paragraphs, ORIGINAL)]
    proposed = [x.reading_text(PROPOSED) for x in reading(paragraphs, PROPOSED)]
    assert original == ["Keep old words.", "First half", "second half."]
    assert proposed == ["Keep new words.", "First half andsecond half.", "Inserted whole."]


def test_readings_drop_tracked_table_rows():
    paragraphs = [
        p(0, "A", cell=Cell(0, 0, 0)),
        p(1, "old row", cell=Cell(0, 1, 0, row_change=DEL)),
        p(2, "new row", cell=Cell(0, 2, 0, row_change=INS)),
    ]
    assert [x.text for x in reading(paragraphs, ORIGINAL)] == ["A", "old row"]
    assert [x.text for x in reading(paragraphs, PROPOSED)] == ["A", "new row"]


def test_canonical_markdown():
    paragraphs = [
        p(0, "Plain ", Run("bold", bold=True), " and ", Run("it", italic=True), "."),
        p(1, Run("code", code=True), " then ", Run("a link", link="https://example.org")),
        p(2, "Sub", heading_level=3),
        p(3, "one", list_kind="bullet"),
        p(4, "nested", list_kind="number", list_level=1),
        p(5, "two", list_kind="bullet"),
        p(6, Run("H1", bold=True), cell=Cell(0, 0, 0, header=True)),
        p(7, Run("H2", bold=True), cell=Cell(0, 0, 1, header=True)),
        p(8, "a|b", cell=Cell(0, 1, 0)),
        p(9, "c", cell=Cell(0, 1, 1)),
        p(10, "line\nbreak * star"),
    ]
    assert to_markdown(paragraphs, level=2) == (
        "Plain **bold** and *it*.\n\n"
        "`code` then [a link](https://example.org)\n\n"
        "# Sub\n\n"
        "- one\n    1. nested\n- two\n\n"
        "| H1 | H2 |\n| --- | --- |\n| a\\|b | c |\n\n"
        "line  \nbreak \\* star"
    )


def test_split_heading():
    assert split_heading("3.2\tRisk management", "3.2") == ("3.2", "Risk management")
    assert split_heading("3.2 Risk  management", "3.2") == ("3.2", "Risk management")
    assert split_heading("Risk management", "3.2") == ("", "Risk management")


BASES = [
    "Some __bold__ and _italic_ words, a <https://example.org> link and\na wrapped line.",
    "* one\n* two\n\n1) first\n",
    "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
    "## A heading\n\nText under [a link][x].\n\n[x]: https://example.org\n",
]
CANONICAL = [
    "Some **bold** and *italic* words, a [https://example.org](https://example.org) link and "
    "a wrapped line.",
    "- one\n- two\n\n1. first",
    "| a | b |\n| --- | --- |\n| 1 | 2 |",
    "# A heading\n\nText under [a link](https://example.org).",
]


@pytest.mark.parametrize(("base", "canonical"), list(zip(BASES, CANONICAL, strict=True)))
def test_patch_without_edits_returns_the_base(base, canonical):
    assert patch(base, canonical, canonical) == base


def test_patch_keeps_markdown_where_the_reviewer_did_not_edit():
    base = "Some __bold__ and _italic_ words, then\na wrapped line to the end."
    canonical = "Some **bold** and *italic* words, then a wrapped line to the end."
    proposed = "Some **bold** and *italic* words, then a wrapped sentence to the end."
    assert patch(base, canonical, proposed) == (
        "Some __bold__ and _italic_ words, then\na wrapped sentence to the end."
    )


def test_patch_overlap_takes_the_reviewers_text():
    base = "Keep __this__ here."
    canonical = "Keep **this** here."
    proposed = "Keep **that** here."
    assert patch(base, canonical, proposed) == "Keep __that__ here."
    proposed = "Keep that here."
    assert patch(base, canonical, proposed) == "Keep that here."


def test_patch_in_a_table_and_a_list():
    base = "* one\n* two\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n"
    canonical = "- one\n- two\n\n| a | b |\n| --- | --- |\n| 1 | 2 |"
    proposed = "- one\n- three\n\n| a | b |\n| --- | --- |\n| 1 | 5 |"
    assert patch(base, canonical, proposed) == "* one\n* three\n\n| a | b |\n|:--|--:|\n| 1 | 5 |\n"


@pytest.mark.django_db
def test_patch_never_proposes_text_the_reviewer_did_not_see():
    """Reference links are aligned wrongly with their canonical (inline) form: the merged text
    would read differently from the file, so the file's text is proposed as it reads."""
    from guidelines.imports.markdown import pristine

    base = "See [SAFE][s] and [WCO][w] now.\n\n[s]: https://x.org\n[w]: https://w.org"
    canonical = to_markdown(pristine(base, level=1), level=1)
    proposed = canonical.replace(" and ", " or ")
    result = patch(base, canonical, proposed)
    assert result == proposed
    assert "[s]:" not in result and ")" not in result.split("now.")[-1]


def test_text_that_looks_like_html_is_kept_as_typed():
    from guidelines.rendering.anchoring import plain_text
    from guidelines.rendering.markdown import render_markdown

    markdown = to_markdown([p(0, "Press the <Enter> key; A&amp;B, 3 < 4 & 5.")])
    shown = plain_text(str(render_markdown(markdown)))
    assert shown == "Press the <Enter> key; A&amp;B, 3 < 4 & 5."
