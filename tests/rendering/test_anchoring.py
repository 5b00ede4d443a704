import pytest

from guidelines.rendering.anchoring import EXACT, FUZZY, LOST, anchor, context_at, plain_text

TEXT = (
    "Each administration assesses risk with automated selectivity and with the intelligence "
    "that partners share. Low-risk consignments of Authorized Economic Operators should receive "
    "the fewest interventions. Seals are checked at every border crossing."
)
QUOTE = (
    "Low-risk consignments of Authorized Economic Operators should receive the fewest "
    "interventions."
)


def made_on(text, quote):
    start = text.index(quote)
    prefix, suffix = context_at(text, start, start + len(quote))
    return {"prefix": prefix, "suffix": suffix, "hint": start}


def test_exact_on_the_same_text():
    a = anchor(TEXT, QUOTE, **made_on(TEXT, QUOTE))
    assert (a.status, a.text) == (EXACT, QUOTE)


def test_text_inserted_before_the_passage():
    new = "A new opening paragraph about pilots and lessons learned. " * 20 + TEXT
    a = anchor(new, QUOTE, **made_on(TEXT, QUOTE))
    assert a.status == EXACT and new[a.start : a.end] == QUOTE


def test_passage_lightly_edited():
    edited = TEXT.replace("the fewest interventions", "the least intervention")
    a = anchor(edited, QUOTE, **made_on(TEXT, QUOTE))
    assert a.status == FUZZY
    assert a.text.startswith("Low-risk consignments") and a.text.endswith("least intervention.")


def test_passage_edited_and_moved_far_away():
    edited = ("Intro sentence that is new. " * 60) + TEXT.replace("should receive", "must receive")
    a = anchor(edited, QUOTE, **made_on(TEXT, QUOTE))
    assert a.status == FUZZY and "must receive" in a.text


def test_passage_deleted_is_lost_not_dropped():
    deleted = TEXT.replace(QUOTE + " ", "")
    assert anchor(deleted, QUOTE, **made_on(TEXT, QUOTE)).status == LOST
    rewritten = TEXT.replace(QUOTE, "Completely different wording about ports and vessels.")
    assert anchor(rewritten, QUOTE, **made_on(TEXT, QUOTE)).status == LOST


def test_repeated_passage_is_told_apart_by_context():
    text = "Seals are checked. First context here. Seals are checked. Second context here."
    quote = "Seals are checked."
    second = text.index(quote, 5)
    prefix, suffix = context_at(text, second, second + len(quote))
    a = anchor(text, quote, prefix=prefix, suffix=suffix, hint=0)
    assert a.start == second


def test_plain_text_of_rendered_html():
    html = "<p>One <strong>bold</strong>\n word &amp; more.</p>\n<ul><li>item</li></ul>"
    assert plain_text(html) == "One bold word & more. item"


def test_inline_markup_inside_a_word_does_not_split_it():
    html = "<p>bo<em>ld</em> and <a href='#'>link</a></p><p>next</p>"
    assert plain_text(html) == "bold and link next"


@pytest.mark.django_db
def test_quoting_box_holds_the_text_comment_offsets_count_in():
    """The keyboard's quoting box (template filter ``plain_text``) is the text in which a
    comment's quote_start is an offset, so a selection there anchors exactly."""
    from guidelines.services.comments import section_plain_text
    from guidelines.templatetags.guidelines_tags import plain_text as box_text
    from tests.factories import SectionFactory

    section = SectionFactory(
        body="A *first* para.\n\n- one\n- two & three\n\n| a | b |\n|---|---|\n| c | d |"
    )
    text = box_text(section.body, section.key)
    assert text == section_plain_text(section)
    assert "first para. one two & three" in text
