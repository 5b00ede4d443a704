"""A member proposes a phase-two disposition from the section page; the facilitator accepts it;
the section's phase-two page, the outline and the phase-two draft show it."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e
DOC = "/documents/iscm-guidelines/"
SECTION = DOC + "sections/transit-procedures/"  # the demo decided nothing on it
SUMMARY = "Integrate into P1.S6 Advance Electronic Information, as technical specification"


def test_member_proposes_a_disposition_and_the_facilitator_accepts_it(page):
    sign_in(page, "member-au")
    page.goto(SECTION)
    page.get_by_role("link", name="Propose a phase-two disposition").click()
    page.get_by_label("Integrate into a SAFE standard").check()
    page.get_by_label("Integrate as").select_option("spec")
    standard = page.get_by_label("SAFE standard", exact=True)
    standard.select_option(label="P1.S6 Advance Electronic Information")
    page.get_by_label("Rationale").fill("Advance information belongs in Pillar 1.")
    page.get_by_role("button", name="Submit proposal").click()
    expect(page.locator(".message")).to_contain_text("submitted")
    expect(page.locator(".proposal-card")).to_contain_text(SUMMARY)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "facilitator")
    page.goto(SECTION + "phase-two/")
    page.locator(".proposal-card a").first.click()
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.locator(".message")).to_contain_text("Decision recorded")

    page.goto(SECTION + "phase-two/")
    expect(page.locator(".phase-two-current")).to_contain_text(SUMMARY)
    row = page.locator("table tbody tr").first
    expect(row).to_contain_text("Advance information belongs in Pillar 1.")
    expect(row).to_contain_text("Australia")

    page.goto(DOC)
    badge = page.locator(f'.outline .outline-count--phase-two[title="{SUMMARY}"]')
    expect(badge).to_have_text("Integrate: P1.S6")  # the demo's own decisions have their badges
    page.get_by_role("link", name="Phase-two draft").click()
    page.locator("summary", has_text="Transit procedures").first.click()
    transit = page.locator(".phase-two-section", has_text="Transit procedures")
    expect(transit.locator(".prose").first).to_be_visible()
