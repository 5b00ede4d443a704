"""Suggestions in the text: the facilitator accepts China's suggestion from the section page;
a member sees their change as a redline while typing."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e
SECTION = "/documents/iscm-guidelines/sections/seals/"


def test_an_inline_suggestion_accepted(page):
    sign_in(page, "facilitator")
    page.goto(SECTION)
    text = page.locator("#section-text")
    expect(text.locator("ins")).to_have_count(0)
    page.get_by_role("link", name="Show suggestions").click()
    china_ins = text.locator("ins", has_text="ISO 17712")
    expect(china_ins).to_be_visible()
    marker = china_ins.locator("xpath=following-sibling::sup[1]")
    expect(marker).to_contain_text("China")
    marker.get_by_role("link", name="China").click()  # opens China's panel
    panel = page.locator("details.suggestion", has_text="Name the standard")
    expect(panel).to_have_attribute("open", "")
    panel.get_by_role("button", name="Accept", exact=True).click()

    expect(page.locator(".message")).to_contain_text("Decision recorded")
    expect(page).to_have_url(re.compile(re.escape(SECTION + "?suggestions=1#suggestions") + "$"))
    expect(text).to_contain_text("ISO 17712")
    expect(text.locator("ins")).to_have_count(0)  # the other suggestion is now stale
    expect(page.locator("#suggestions")).to_contain_text("1 suggestion made on an older version")
    page.get_by_role("link", name="Hide suggestions").click()
    expect(page.locator("#section-text")).to_contain_text("meet ISO 17712")

    page.goto("/documents/iscm-guidelines/proposals/?status=accepted")
    expect(page.locator("main")).to_contain_text("Name the standard")


def test_the_member_sees_a_live_redline_while_proposing(page):
    sign_in(page, "member-au")
    page.goto(SECTION)
    page.get_by_role("link", name="Propose change").click()
    preview = page.locator("#preview")
    expect(preview.locator("ins")).to_have_count(0)
    text = page.get_by_label("Text", exact=True)
    text.fill(text.input_value().replace("high-security mechanical seals", "tamper-evident seals"))
    expect(preview.locator("ins", has_text="tamper-evident")).to_be_visible()
    expect(preview.locator("del", has_text="high-security mechanical")).to_be_visible()
    page.get_by_label("Heading").fill("Seals and locks")
    expect(preview.locator(".redline-heading ins")).to_have_text("and locks")
