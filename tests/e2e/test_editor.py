"""The Markdown editor in a real browser: toolbar, shortcuts, section picker by keyboard,
preview, and what is saved (plain Markdown, rendered on the page)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e
RISK_URL = "/documents/iscm-guidelines/sections/risk-assessment/"


def test_facilitator_formats_links_and_saves_with_the_toolbar(page):
    sign_in(page, "facilitator")
    page.goto("/documents/iscm-guidelines/sections/seals/edit/")
    text = page.get_by_label("Text", exact=True)
    toolbar = page.get_by_role("toolbar", name="Formatting")
    expect(toolbar).to_have_attribute("aria-label", "Formatting")
    expect(toolbar.get_by_role("button", name="Bold")).to_have_attribute("aria-controls", "id_body")
    # The demo text is one line per paragraph, and the textarea wraps it softly.
    assert "\n" not in text.input_value()
    assert text.evaluate("t => getComputedStyle(t).whiteSpace") == "pre-wrap"
    assert text.evaluate("t => t.scrollWidth <= t.clientWidth")

    text.fill("Seals are checked")
    text.press("End")
    text.press("Control+Shift+ArrowLeft")  # selects "checked"
    toolbar.get_by_role("button", name="Bold").click()
    expect(text).to_have_value("Seals are **checked**")
    text.press("Control+z")  # the browser's own undo takes it back
    expect(text).to_have_value("Seals are checked")
    text.press("End")
    text.press("Control+Shift+ArrowLeft")
    toolbar.get_by_role("button", name="Bold").click()
    expect(text).to_have_value("Seals are **checked**")

    text.press("Control+End")
    text.type(" and sealed")
    text.press("Control+Shift+ArrowLeft")
    text.press("Control+i")
    expect(text).to_have_value("Seals are **checked** and *sealed*")

    text.press("Control+End")
    text.type("\n\nfirst\nsecond")
    text.press("Shift+ArrowUp")
    text.press("Shift+Home")
    toolbar.get_by_role("button", name="Bulleted list").click()
    expect(text).to_have_value("Seals are **checked** and *sealed*\n\n- first\n- second")

    # "Table" with the caret in the middle of a line: the line stays whole, the table goes
    # on lines of its own after it.
    text.press("Control+End")
    text.type("\n\nSeals are numbered")
    for _ in range(len(" numbered")):
        text.press("ArrowLeft")
    toolbar.get_by_role("button", name="Table").click()
    value = text.input_value()
    assert "\n\nSeals are numbered\n\n| " in value, value
    assert value.endswith("|\n") or value.endswith("|"), value

    # Link to a section with the keyboard only: Shift+Tab to the toolbar, End to its last
    # button, Enter; type to filter, ArrowDown, Enter; focus is back in the text.
    text.press("Control+End")
    text.press("Enter")
    text.type("See")  # no space: the link gets one, it doesn't stick to the word
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("End")
    expect(toolbar.get_by_role("button", name="Link to a section")).to_be_focused()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Link to a section")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Find a section by number or heading")).to_be_focused()
    expect(dialog.get_by_role("button", name=re.compile("Seals"))).to_be_visible()
    page.keyboard.type("risk assess")
    expect(dialog.get_by_role("button", name=re.compile("Seals"))).to_be_hidden()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(text).to_be_focused()
    # A [[key]] reference: the page shows the number it has then, never a stale one.
    assert text.input_value().endswith("See [[risk-assessment]]")
    assert "[3.5" not in text.input_value()
    page.keyboard.type(".")  # typing goes on after the link

    # Escape closes the picker without inserting, and gives the focus back.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(text).to_be_focused()

    preview = page.locator("#preview")
    expect(preview.locator("strong")).to_have_text("checked")
    expect(preview.locator("em")).to_have_text("sealed")
    expect(preview.locator("li")).to_have_text(["first", "second"])
    expect(preview.locator("table")).to_have_count(1)
    expect(preview.locator(f'a.xref[href="{RISK_URL}"]')).to_have_text(
        re.compile(r"^\d+(\.\d+)* Risk assessment$")
    )

    page.get_by_label("Reason for change").fill("Formatting with the toolbar")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".message")).to_contain_text("Saved as version 2")
    saved = page.locator("#section-text")
    expect(saved.locator("strong")).to_have_text("checked")
    expect(saved.locator("em")).to_have_text("sealed")
    expect(saved.locator("table")).to_have_count(1)
    saved.get_by_role("link", name=re.compile(r"^\d+(\.\d+)* Risk assessment$")).click()
    expect(page).to_have_url(re.compile(re.escape(RISK_URL) + "$"))


def test_member_comments_with_the_toolbar_and_preview(page):
    sign_in(page, "member-au")
    page.goto("/documents/iscm-guidelines/sections/seals/")
    page.locator("#comment-new summary").click()
    body = page.locator("#comment-new textarea")
    body.fill("Please name ")
    body.press("Control+End")
    body.press("Control+b")  # nothing selected: a placeholder, selected, to type over
    page.keyboard.type("ISO 17712")
    expect(body).to_have_value("Please name **ISO 17712**")
    toolbar = page.locator("#comment-new").get_by_role("toolbar", name="Formatting")
    preview_button = toolbar.get_by_role("button", name="Preview")
    preview_button.click()
    expect(preview_button).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#comment-new .md-preview strong")).to_have_text("ISO 17712")
    page.keyboard.press("End")
    body.press("Control+End")
    page.keyboard.type(" please")  # the preview follows the text
    expect(page.locator("#comment-new .md-preview")).to_contain_text("ISO 17712 please")
    page.locator("#comment-new").get_by_role("button", name="Post comment").click()
    thread = page.locator(".thread").filter(has_text="ISO 17712")
    expect(thread.locator(".prose strong")).to_have_text("ISO 17712")


def test_without_javascript_the_fields_are_plain_textareas(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, "facilitator")
    page.goto("/documents/iscm-guidelines/sections/seals/edit/")
    expect(page.get_by_role("toolbar")).to_have_count(0)
    text = page.get_by_label("Text", exact=True)
    text.fill("Plain **Markdown** still works.")
    page.get_by_label("Reason for change").fill("No script")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#section-text strong")).to_have_text("Markdown")
    context.close()


WIDE_TABLE = (
    "| " + " | ".join(f"Heading {n}" for n in range(8)) + " |\n|" + "---|" * 8 + "\n| "
    + " | ".join("WCO-SAFE-FoS-2021-Annex" for _ in range(8)) + " |"
)  # fmt: skip


def _preview_a_wide_table_on_a_phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, "member-au")
    page.goto("/documents/iscm-guidelines/sections/seals/")
    page.evaluate(
        """() => { window.swapped = [];
        document.addEventListener("iscm:content-swapped",
          (e) => window.swapped.push(e.target.className)); }"""
    )
    page.locator("#comment-new summary").click()
    page.locator("#comment-new textarea").fill(WIDE_TABLE)
    page.locator("#comment-new").get_by_role("button", name="Preview").click()
    table = page.locator("#comment-new .md-preview table")
    expect(table).to_contain_text("Heading 7")
    return context, page, table


def test_the_comment_preview_announces_new_content(browser, live_server, demo):
    """The preview is filled by fetch, not htmx: it says so with a bubbling event, which
    mobile.js listens to (wide tables become keyboard-scrollable boxes)."""
    context, page, table = _preview_a_wide_table_on_a_phone(browser, live_server)
    try:
        page.wait_for_function("() => window.swapped.length > 0")
        assert "md-preview__body" in page.evaluate("window.swapped")[0]
    finally:
        context.close()


def test_a_wide_table_in_the_comment_preview_scrolls_from_the_keyboard(browser, live_server, demo):
    context, page, table = _preview_a_wide_table_on_a_phone(browser, live_server)
    try:
        assert table.evaluate("t => t.scrollWidth > t.clientWidth")
        expect(table).to_have_attribute("tabindex", "0", timeout=3000)
    finally:
        context.close()
