"""Printing a section or the whole document: the text only, without the site's navigation."""

import subprocess

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.exports.conftest import require

pytestmark = pytest.mark.e2e


def test_print_shows_the_text_without_navigation_toolbars_or_forms(page, live_server):
    sign_in(page, "facilitator")
    page.goto(f"{live_server.url}/documents/iscm-guidelines/sections/seals/")
    nav = page.locator(".site-header")
    expect(nav).to_be_visible()
    expect(page.locator(".toolbar")).to_be_visible()
    page.emulate_media(media="print")
    for hidden in (".site-header", ".sidebar", ".toolbar", ".skip-link", "main form"):
        for element in page.locator(hidden).all():
            expect(element).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_contain_text("3.7 Seals")
    expect(page.locator(".prose").first).to_contain_text("high-security mechanical seals")
    # Black on white: the text and the inserted words of a redline.
    colour = page.evaluate("getComputedStyle(document.querySelector('h1')).color")
    assert colour == "rgb(0, 0, 0)"

    page.goto(f"{live_server.url}/documents/iscm-guidelines/")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".doc-header .actions")).to_be_hidden()
    require("pdftotext", "poppler-utils")
    pdf = page.pdf(format="A4")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Management Summary" in text and "Risk assessment" in text
    assert "Sign out" not in text and "Compare drafts" not in text and "Skip to content" not in text
