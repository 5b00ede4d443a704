"""Screen order, DOM order and Tab order agree: the decision buttons, the phone header."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e


def open_amendment_url():
    from guidelines.models import Proposal

    proposal = Proposal.objects.filter(status="open", kind="amend").order_by("pk").first()
    return reverse("guidelines:proposal_detail", args=[proposal.section.document.slug, proposal.pk])


def test_decision_buttons_stay_put_and_tab_goes_into_the_opened_form(page, live_server):
    url = open_amendment_url()
    sign_in(page, "facilitator")
    page.set_viewport_size({"width": 1366, "height": 850})
    page.goto(live_server.url + url)
    decide = page.locator(".decide")
    names = ["Accept", "Accept with changes", "Reject"]
    buttons = [decide.get_by_role("button", name="Accept", exact=True)] + [
        decide.locator("summary", has_text=n) for n in names[1:]
    ]
    before = [b.bounding_box() for b in buttons]
    # One row of equal buttons, in DOM order from left to right.
    assert len({round(b["y"]) for b in before}) == 1
    assert len({round(b["width"]) for b in before}) == 1
    assert before[0]["x"] < before[1]["x"] < before[2]["x"]
    buttons[1].click()
    form = decide.locator("#accept-with-changes > form")
    expect(form).to_be_visible()
    after = [b.bounding_box() for b in buttons]
    assert [(round(b["x"]), round(b["y"])) for b in after] == [
        (round(b["x"]), round(b["y"])) for b in before
    ]
    assert form.bounding_box()["y"] > after[2]["y"] + after[2]["height"]  # under the row
    buttons[1].focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#accept-with-changes > form') !== null")


def test_the_phone_header_tabs_in_the_order_it_is_drawn(page, live_server):
    sign_in(page, "facilitator")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/documents/")
    brand = page.locator(".brand")
    bell = page.get_by_role("link", name="Notifications", exact=False)
    menu = page.get_by_role("button", name="Menu")
    expect(bell).to_have_count(1)  # the desktop's bell is not there on a phone
    xs = [brand.bounding_box()["x"], bell.bounding_box()["x"], menu.bounding_box()["x"]]
    assert xs == sorted(xs)
    brand.focus()
    page.keyboard.press("Tab")
    expect(bell).to_be_focused()
    page.keyboard.press("Tab")
    expect(menu).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Documents")).to_be_focused()
    # On a desktop, one bell again, after the menu as before.
    page.set_viewport_size({"width": 1366, "height": 850})
    expect(bell).to_have_count(1)
    assert (
        bell.bounding_box()["x"] > page.get_by_role("button", name="Sign out").bounding_box()["x"]
    )


def test_the_outline_toggle_comes_before_its_link_and_is_a_24px_target(page, live_server):
    sign_in(page, "facilitator")
    page.set_viewport_size({"width": 1366, "height": 850})
    page.goto(live_server.url + "/documents/iscm-guidelines/sections/seals/")
    page.get_by_text("Full outline", exact=True).click()  # loaded with htmx
    branch = (
        page.locator("#outline .outline-list li.branch")
        .filter(has=page.get_by_role("link", name="Integrated Customs control procedures"))
        .first
    )
    toggle = branch.locator("> details > summary")
    link = branch.locator("> a")
    box, number = toggle.bounding_box(), link.locator(".num").bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    assert box["x"] < number["x"]
    toggle.focus()
    ring = page.evaluate(
        "parseFloat(getComputedStyle(document.activeElement).outlineWidth)"
        " + parseFloat(getComputedStyle(document.activeElement).outlineOffset)"
    )
    assert ring >= 3  # the ring is drawn (keyboard focus)
    assert box["x"] + box["width"] + ring < number["x"]  # the focus ring clears the number
    page.keyboard.press("Tab")
    expect(link).to_be_focused()
    page.keyboard.press("Tab")
    expect(branch.get_by_role("link", name="Export procedures")).to_be_focused()
    # Closing the toggle hides the subsections; opening shows them again.
    toggle.click()
    expect(branch.get_by_role("link", name="Export procedures")).to_be_hidden()
    toggle.press("Enter")
    expect(branch.get_by_role("link", name="Export procedures")).to_be_visible()
