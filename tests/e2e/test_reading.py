import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e


def test_member_reads_document_follows_outline_and_sees_mappings(page):
    sign_in(page, "member-au")
    title = "Customs Guidelines on Integrated Supply Chain Management"
    page.get_by_role("link", name=title).first.click()
    outline = page.get_by_role("navigation", name="Outline")
    expect(outline.get_by_role("link", name="3.5 Risk assessment")).to_be_visible()

    # The outline is collapsible.
    page.get_by_role("button", name="Collapse all").click()
    expect(outline.get_by_role("link", name="3.5 Risk assessment")).to_be_hidden()
    page.get_by_role("button", name="Expand all").click()

    outline.get_by_role("link", name="3.5 Risk assessment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Risk assessment")
    mappings = page.locator(".mappings")
    expect(mappings).to_contain_text("Risk-Management Systems")
    expect(mappings).to_contain_text("implements")
    expect(mappings).to_contain_text("Targeting and Communication")
    page.get_by_role("link", name="History").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("History of")


def test_coverage_filter_swaps_the_table_with_htmx(page):
    sign_in(page, "observer")
    page.goto("/documents/iscm-guidelines/coverage/")
    expect(page.locator(".matrix")).to_contain_text("P1.S4")
    page.get_by_label("Pillar").select_option("2")
    expect(page.locator(".matrix")).not_to_contain_text("P1.S4")
    expect(page.locator(".matrix")).to_contain_text("P2.S3")
    assert page.url.endswith("?pillar=2")


def test_coverage_matrix_scrolls_in_its_box_not_the_page(page):
    """On a laptop screen the wide matrix scrolls inside its own box; the page (header, legend)
    stays as wide as the screen, overlap shading and its hidden text included."""
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, "facilitator")
    page.goto("/documents/iscm-guidelines/coverage/")
    expect(page.locator(".matrix td[class*='overlap-']").first).to_be_attached()
    wide = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " document.querySelector('.matrix-wrap').scrollWidth,"
        " document.querySelector('.matrix-wrap').clientWidth]"
    )
    page_width, screen, matrix_width, box = wide
    assert matrix_width > box  # the matrix is wider than its box: it scrolls there
    assert page_width <= screen
