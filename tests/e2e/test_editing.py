import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e


def test_facilitator_edits_previews_saves_and_compares(page):
    sign_in(page, "facilitator")
    page.goto("/documents/iscm-guidelines/sections/seals/")
    page.get_by_role("link", name="Edit", exact=True).click()

    text = page.get_by_label("Text")
    body = text.input_value()
    assert "high-security" in body
    text.fill(body.replace("high-security", "tamper-evident") + "\n\nSeal numbers are **checked**.")
    # The live preview is rendered by the server through the same safe pipeline.
    preview = page.locator("#preview")
    expect(preview.locator("strong")).to_have_text("checked")
    expect(preview).to_contain_text("tamper-evident")

    page.get_by_label("Reason for change").fill("Align with ISO 17712 wording")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".message")).to_contain_text("Saved as version 2")
    expect(page.locator("#section-text")).to_contain_text("tamper-evident")

    page.get_by_role("link", name="History").click()
    expect(page.locator("table.history")).to_contain_text("Align with ISO 17712 wording")
    expect(page.locator("table.history")).to_contain_text("Anna de Vries")
    page.get_by_role("button", name="Compare selected versions").click()
    redline = page.locator(".redline")
    expect(redline.locator("del").first).to_have_text("high-security")
    expect(redline.locator("ins").first).to_have_text("tamper-evident")
    page.get_by_role("tab", name="Side by side").click()
    expect(page.locator(".compare-grid del").first).to_have_text("high-security")


def test_member_sees_no_edit_control(page):
    sign_in(page, "member-au")
    page.goto("/documents/iscm-guidelines/sections/seals/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Seals")
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
