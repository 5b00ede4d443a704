"""Keyboard only: Tab to "Edit" through the skip link, change the text and save; then quote a
passage with Shift+arrows and comment on it. Only keyboard presses drive the page after sign-in
(``page.goto`` opens the section, as typing its address would)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e
SECTION = "/documents/iscm-guidelines/sections/seals/"
ADDED = "Seals are checked at export. "
QUOTE = "the advance data (see 3.4 Advance electronic declarations)."  # the reference as it reads


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName, id: el.id, name: el.getAttribute('name') || '',
                    text: (el.textContent || '').trim().replace(/\\s+/g, ' ')};
        }"""
    )


def tab_to(page, matches, limit: int = 40) -> int:
    """Press Tab until the focused element matches; how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if matches(focused(page)):
            return presses
    raise AssertionError(f"not reached in {limit} Tab presses; focus is on {focused(page)}")


def test_edit_and_comment_on_a_passage_with_the_keyboard_only(page):
    sign_in(page, "facilitator")
    page.goto(SECTION)

    # Skip links first: "Skip to content", then "Skip to section actions"; Enter; Tab is "Edit".
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to content"
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to section actions"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert (focused(page)["tag"], focused(page)["text"]) == ("A", "Edit")  # 3 Tabs and an Enter

    page.keyboard.press("Enter")
    page.wait_for_url("**/seals/edit/")
    tab_to(page, lambda f: f["tag"] == "TEXTAREA" and f["name"] == "body")
    page.keyboard.press("Control+Home")
    page.keyboard.type(ADDED)
    tab_to(page, lambda f: f["tag"] == "INPUT" and f["name"] == "reason")
    page.keyboard.type("Say when seals are checked.")
    tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Save")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sections/seals/")
    expect(page.locator("#section-text")).to_contain_text(ADDED + "Containers")

    # Quote the last sentence: the section's text in a read-only box, selected with Shift+arrows.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # to the section's actions
    tab_to(page, lambda f: f["tag"] == "SUMMARY" and "Quote a passage" in f["text"])
    page.keyboard.press("Enter")
    tab_to(page, lambda f: f["id"] == "quote-source", limit=3)
    page.keyboard.type("typing changes nothing")
    page.keyboard.press("Control+End")
    for _ in QUOTE:
        page.keyboard.press("Shift+ArrowLeft")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_body"  # the comment box, with the quote above it
    expect(page.locator("#comment-quote")).to_have_text(QUOTE)
    expect(page.locator("#quote-hint")).to_contain_text(QUOTE)
    assert "typing changes nothing" not in page.locator("#quote-source").input_value()
    page.keyboard.type("Which data set carries it?")
    tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Post comment", limit=5)
    page.keyboard.press("Enter")

    thread = page.locator(f'.thread[data-quote="{QUOTE}"]')
    expect(thread).to_contain_text("Which data set carries it?")
    expect(thread.locator(".thread__quote")).to_have_text(QUOTE)
    marks = page.locator("mark.comment-mark")  # highlighted in the text, the reference too
    expect(marks).to_have_count(3)
    assert "".join(marks.all_text_contents()) == QUOTE
