import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e
SECTION = "/documents/iscm-guidelines/sections/seals/"
SENTENCE = "The seal number is part of the advance data"


def select_text(page, text):
    page.evaluate(
        """(text) => {
            const root = document.getElementById('section-text');
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const at = walker.currentNode.data.indexOf(text);
                if (at !== -1) {
                    const range = document.createRange();
                    range.setStart(walker.currentNode, at);
                    range.setEnd(walker.currentNode, at + text.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
            throw new Error('text not found: ' + text);
        }""",
        text,
    )


def test_comment_on_a_passage_survives_an_edit_and_is_resolved(page):
    sign_in(page, "member-cn")
    page.goto(SECTION)
    select_text(page, SENTENCE)
    page.get_by_role("button", name="Comment on selection").click()
    expect(page.locator("#comment-quote")).to_have_text(SENTENCE)
    page.get_by_label("Comment", exact=True).fill("Which data set: the WCO Data Model?")
    page.get_by_role("button", name="Post comment").click()
    thread = page.locator(".thread", has_text="Which data set")
    expect(thread.locator(".thread__quote")).to_contain_text(SENTENCE)
    expect(page.locator("mark.comment-mark")).to_have_text(SENTENCE)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "facilitator")
    page.goto(SECTION)
    thread = page.locator(".thread", has_text="Which data set")
    thread.get_by_label("Reply").fill("Yes, the WCO Data Model; I will say so.")
    thread.get_by_role("button", name="Reply").click()
    expect(page.locator(".thread", has_text="Which data set")).to_contain_text("I will say so.")

    page.get_by_role("link", name="Edit", exact=True).click()
    text = page.get_by_label("Text")
    text.fill(
        text.input_value().replace(
            "part of the advance data", "part of the data set defined by the WCO Data Model"
        )
    )
    page.get_by_label("Reason for change").fill("Answer China's comment")
    page.get_by_role("button", name="Save").click()

    thread = page.locator(".thread", has_text="Which data set")
    expect(thread.locator(".thread__quote")).to_contain_text("defined by the WCO Data Model")
    expect(page.locator("mark.comment-mark")).to_contain_text("WCO Data Model")
    thread.get_by_role("button", name="Resolve").click()
    thread = page.locator(".thread", has_text="Which data set")
    expect(thread).to_contain_text("Resolved by Anna de Vries")
    expect(thread.locator("button", has_text="Reopen")).to_have_count(1)  # folded away
