import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e
SECTION = "/documents/iscm-guidelines/sections/seals/"
TEXT = "China asks how seal numbers are checked at export."


def test_a_comment_on_an_unfollowed_section_reaches_the_facilitators_queue_and_bell(page):
    # The facilitator has caught up with the demo: nothing to do, nothing unread.
    sign_in(page, "facilitator")
    page.get_by_role("link", name=re.compile(r"^To do \(\d+\)$")).click()  # the demo's
    page.get_by_role("button", name="Mark all as seen").click()
    expect(page.get_by_role("link", name="To do (0)")).to_be_visible()
    page.get_by_role("link", name="unread").click()
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_role("link", name="Notifications, 0 unread")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    # member-cn comments on a section nobody follows.
    sign_in(page, "member-cn")
    page.goto(SECTION)
    expect(page.get_by_role("button", name="Unfollow")).to_have_count(0)
    page.locator("summary", has_text="Comment").click()
    page.get_by_label("Comment", exact=True).fill(TEXT)
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".thread", has_text=TEXT)).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "facilitator")
    expect(page.get_by_role("link", name="To do (1)")).to_be_visible()
    expect(page.get_by_role("link", name="Notifications, 1 unread")).to_be_visible()
    page.get_by_role("link", name="To do (1)").click()
    item = page.locator(".todo-item", has_text=TEXT)
    expect(item).to_contain_text("New thread")
    expect(item).to_contain_text("Seals")

    # Clicking the notification opens the thread and marks it read.
    page.get_by_role("link", name="Notifications, 1 unread").click()
    page.get_by_role("button", name="New comment on “Seals”").click()
    page.wait_for_url("**/sections/seals/*")
    expect(page.locator(".thread", has_text=TEXT)).to_be_visible()
    expect(page.get_by_role("link", name="Notifications, 0 unread")).to_be_visible()

    # "Mark as seen" takes it off the queue and the count drops.
    page.get_by_role("link", name="To do (1)").click()
    page.locator(".todo-item", has_text=TEXT).get_by_role("button", name="Mark as seen").click()
    expect(page.get_by_role("link", name="To do (0)")).to_be_visible()
    expect(page.locator(".todo-item", has_text=TEXT)).to_have_count(0)
