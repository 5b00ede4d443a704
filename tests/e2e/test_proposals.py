import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e
SECTION = "/documents/iscm-guidelines/sections/risk-assessment/"


def propose(page, user, old, new, rationale):
    sign_in(page, user)
    page.goto(SECTION)
    page.get_by_role("link", name="Propose change").click()
    text = page.get_by_label("Text", exact=True)
    text.fill(text.input_value().replace(old, new))
    page.get_by_label("Rationale").fill(rationale)
    page.get_by_role("button", name="Submit proposal").click()
    expect(page.locator(".message")).to_contain_text("submitted")
    page.get_by_role("button", name="Sign out").click()


def test_member_proposes_facilitator_accepts_and_the_other_becomes_stale(page):
    propose(
        page,
        "member-cn",
        "automated selectivity",
        "automated risk profiling",
        "Current practice is profiling.",
    )
    propose(
        page,
        "member-au",
        "fewest interventions",
        "least intervention",
        "Plain English for non-native readers.",
    )

    sign_in(page, "facilitator")
    page.goto(SECTION)
    card = page.locator(".proposal-card", has_text="Plain English for non-native readers.")
    expect(card).to_contain_text("Liam Walker (Australia)")
    expect(card.locator("del").first).to_have_text("fewest interventions")
    expect(card.locator("ins").first).to_have_text("least intervention")
    card.locator("a").first.click()
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.locator(".message")).to_contain_text("Decision recorded")

    page.goto(SECTION + "history/")
    first_row = page.locator("table.history tbody tr").first
    expect(first_row).to_contain_text("Anna de Vries")
    expect(first_row).to_contain_text("by Liam Walker (Australia)")
    expect(first_row).to_contain_text("Plain English for non-native readers.")

    page.goto(SECTION)
    stale = page.locator(".proposal-card", has_text="Current practice is profiling.")
    expect(stale).to_contain_text("based on older version 1")


def test_accepting_after_someone_saved_shows_the_conflict_and_accepts_the_merge(page):
    from guidelines.models import Section, User
    from guidelines.services.sections import section_update

    propose(page, "member-au", "fewest interventions", "least intervention", "Plain English.")
    sign_in(page, "facilitator")
    page.goto(SECTION)
    page.locator(".proposal-card", has_text="Plain English.").locator("a").first.click()
    expect(page.get_by_role("button", name="Accept", exact=True)).to_be_visible()

    section = Section.objects.get(key="risk-assessment")  # the secretariat saves meanwhile
    section_update(section=section, heading=section.heading,
                   body=section.body.replace("intelligence", "information"),
                   base_version=section.version, user=User.objects.get(username="secretariat"),
                   reason="Secretariat correction")  # fmt: skip

    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Not saved: someone else saved first")
    expect(page.locator(".compare-grid ins").first).to_have_text("information")
    text = page.get_by_label("Text", exact=True)
    expect(text).to_have_value(re.compile("least intervention"))
    expect(text).to_have_value(re.compile("information"))
    page.get_by_role("button", name="Accept with these changes").click()
    expect(page.locator(".message")).to_contain_text("Decision recorded")
    body = Section.objects.get(key="risk-assessment").body
    assert "least intervention" in body and "information" in body
