import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e


def test_search_from_the_header_filter_and_follow_a_hit(page):
    sign_in(page, "observer")
    page.get_by_role("searchbox", name="Search the documents").fill("seals")
    page.get_by_role("search").first.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    results = page.locator(".search-results")
    expect(results.locator("mark").first).to_be_visible()
    expect(page.locator(".search-count")).to_contain_text("results")

    # Only proposals: every result is one.
    page.locator("summary", has_text="Filters").click()
    page.get_by_label("Proposal", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    badges = page.locator(".search-result .badge:not(.badge--muted)")
    expect(badges.first).to_have_text("Proposal")
    assert set(badges.all_text_contents()) == {"Proposal"}

    # The French translation is found by another form of a word.
    page.goto("/search/?q=contr%C3%B4les")
    expect(page.locator(".search-result [lang=fr] mark").first).to_be_visible()

    page.goto("/search/?q=seals&kind=section")
    page.locator(".search-result__title a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Seals")
