"""Open amendments merged into the current text: each change where it applies, credited to its
proposal, overlapping changes all shown, everything through the safe pipeline."""

import re

from guidelines.rendering.diff import DELETE, EQUAL, INSERT, UNCHANGED
from guidelines.rendering.suggestions import (
    SuggestedText,
    merge_edits,
    render_suggestions,
    suggestion_diff,
)
from tests.xss_corpus import HOSTILE, HOSTILE_LINES

TEXT = "The quick brown fox jumps over the dog.\n\nA second paragraph stays.\n\n- one\n- two"


def reading(segments, without):
    return "".join(s.text for s in segments if s.op != without)


def suggestion(index, body, heading="Seals", label=None):
    return SuggestedText(index, 100 + index, label or f"Delegation {index}", heading, body)


def test_one_proposal_merged_reads_as_its_text_and_as_the_current_one():
    new = TEXT.replace("quick brown", "slow")
    segments = merge_edits(TEXT, [(0, new)])
    assert reading(segments, DELETE) == new
    assert reading(segments, INSERT) == TEXT
    assert all(s.by == (0,) for s in segments if s.op != EQUAL)


def test_two_proposals_on_different_words_are_both_shown_each_credited():
    a = TEXT.replace("quick", "slow")
    b = TEXT.replace("- two", "- two\n- three")
    segments = merge_edits(TEXT, [(0, a), (1, b)])
    assert reading(segments, INSERT) == TEXT  # the current text is all there
    inserted = {s.text.strip(): s.by for s in segments if s.op == INSERT}
    deleted = {s.text.strip(): s.by for s in segments if s.op == DELETE}
    assert inserted == {"slow": (0,), "- three": (1,)}
    assert deleted == {"quick": (0,)}


def test_overlapping_changes_show_both_proposals_at_that_place():
    a = TEXT.replace("quick brown fox", "slow fox")  # deletes "quick brown"
    b = TEXT.replace("brown fox jumps", "red cat jumps")  # deletes "brown fox"
    segments = merge_edits(TEXT, [(0, a), (1, b)])
    assert reading(segments, INSERT) == TEXT
    by_word = {}
    for s in segments:
        if s.op == DELETE:
            for word in s.text.split():
                by_word[word] = s.by
    assert by_word["quick"] == (0,) and by_word["brown"] == (0, 1) and by_word["fox"] == (1,)
    insertions = [(s.text.strip(), s.by) for s in segments if s.op == INSERT]
    assert ("slow", (0,)) in insertions and ("red cat", (1,)) in insertions
    html = str(
        render_suggestions(
            heading="Seals", body=TEXT, suggested=[suggestion(0, a), suggestion(1, b)]
        ).body
    )
    assert re.search(r'<ins data-by="0">slow ?</ins>', html)
    assert re.search(r'<ins data-by="1">red cat ?</ins>', html)
    assert '<del data-by="0 1">brown' in html
    assert "Delegation 0" in html and "Delegation 1" in html


def test_blocks_are_cut_at_the_blank_lines_the_text_keeps():
    new = TEXT.replace("quick", "slow")
    diff = suggestion_diff(merge_edits(TEXT, [(0, new)]))
    assert [b.kind for b in diff.blocks] == ["changed", UNCHANGED, UNCHANGED]
    assert diff.blocks[1].new == "A second paragraph stays."


def test_each_change_names_its_delegation_in_text_and_links_to_its_panel():
    result = render_suggestions(
        heading="Seals",
        body=TEXT,
        suggested=[suggestion(0, TEXT.replace("dog", "cat"), label="China")],
    )
    html = str(result.body)
    assert '<ins data-by="0">cat</ins>' in html and '<del data-by="0">dog</del>' in html
    marker = re.search(r'<sup class="rl-by" data-by="0">(.*?)</sup>', html)[1]
    assert '<span class="visually-hidden">Suggested by </span>' in marker
    assert '<a href="#suggestion-100">China</a>' in marker
    assert result.heading is None  # nobody changed the heading


def test_a_heading_change_is_shown_with_its_delegation():
    result = render_suggestions(
        heading="Seals",
        body=TEXT,
        suggested=[
            suggestion(0, TEXT, heading="Electronic seals", label="Australia"),
            suggestion(1, TEXT, heading="Seals and locks", label="China"),
        ],
    )
    heading = str(result.heading)
    assert '<ins data-by="0">Electronic ' in heading and "Australia" in heading
    assert "and locks</ins>" in heading and "China" in heading


def test_no_suggestion_renders_the_text_as_it_is():
    html = str(render_suggestions(heading="Seals", body=TEXT, suggested=[]).body)
    assert "<ins" not in html and "<del" not in html and "A second paragraph stays." in html


def test_hostile_proposals_and_names_are_escaped():
    label = HOSTILE_LINES[0]
    result = render_suggestions(
        heading="Seals",
        body=TEXT,
        suggested=[
            suggestion(0, TEXT + "\n\n" + HOSTILE, heading=HOSTILE_LINES[3], label=label),
            suggestion(1, TEXT.replace("dog", "[dog](javascript:alert(1))"), label=label),
        ],
    )
    for html in (str(result.body), str(result.heading)):
        tags = " ".join(re.findall(r"<[^>]*>", html)).lower()
        for bad in ("<script", "<svg", "<iframe", "<style", "<object", "javascript:", "data:"):
            assert bad not in tags
        assert not re.search(r"\son\w+=", tags) and "style=" not in tags
        assert "&lt;script&gt;window.__xss=1" in html  # the name, escaped
    assert "Hostile text." in str(result.body)
