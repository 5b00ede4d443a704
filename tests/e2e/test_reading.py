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


def test_section_page_loads_the_full_outline_with_htmx_when_opened(page):
    """A section page shows the outline around the section; "Full outline" loads the whole
    one (with its badges) with htmx, and stays open on the next section page."""
    sign_in(page, "member-au")
    page.goto("/documents/iscm-guidelines/sections/seals/")
    local = page.get_by_role("navigation", name="Outline around this section")
    expect(local.get_by_role("link", name="3.7 Seals")).to_have_attribute("aria-current", "page")
    chapter = "3 Integrated Customs control procedures"
    expect(local.get_by_role("link", name=chapter)).to_be_visible()
    full = page.get_by_role("navigation", name="Outline", exact=True)
    expect(full).to_have_count(0)  # not loaded until asked for

    page.get_by_text("Full outline", exact=True).click()
    expect(full.get_by_role("link", name="3.7 Seals")).to_have_attribute("aria-current", "page")
    expect(full.get_by_role("link", name="1 Management Summary")).to_be_visible()
    expect(full.locator(".outline-count").first).to_be_visible()  # the badges come with it

    full.get_by_role("link", name="3.5 Risk assessment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Risk assessment")
    again = page.get_by_role("navigation", name="Outline", exact=True)
    expect(again.get_by_role("link", name="3.5 Risk assessment")).to_have_attribute(
        "aria-current", "page"
    )
