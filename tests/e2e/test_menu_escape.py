"""Escape closes the phone menu only where the menu is: pressed in a comment box while the menu
stays open, it neither closes the menu nor moves the focus (or the page) away."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def test_escape_outside_the_menu_leaves_focus_and_menu_alone(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, "member-au")
        page.goto("/documents/iscm-guidelines/sections/seals/")
        menu = page.get_by_role("button", name="Menu")
        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "true")
        page.locator("#comment-new summary").click()
        box = page.locator("#id_body")
        box.click()
        box.type("Draft")
        scrolled = page.evaluate("window.scrollY")
        page.keyboard.press("Escape")
        expect(box).to_be_focused()
        expect(menu).to_have_attribute("aria-expanded", "true")
        assert page.evaluate("window.scrollY") == scrolled
        # In the menu, Escape still closes it and hands the focus back to its button.
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Inbox").focus()
        page.keyboard.press("Escape")
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(menu).to_be_focused()
    finally:
        context.close()
