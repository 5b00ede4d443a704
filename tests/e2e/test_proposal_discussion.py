"""A proposal's discussion in the browser: a member of another delegation starts a thread on a
proposal, its author is notified with a link to it, and the writer corrects the comment."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e
SECTION = "/documents/iscm-guidelines/sections/risk-assessment/"


def test_a_member_discusses_another_delegations_proposal(page):
    from guidelines.models import Comment, Notification, Proposal

    sign_in(page, "member-cn")
    page.goto(SECTION)
    page.get_by_role("link", name="Propose change").click()
    text = page.get_by_label("Text", exact=True)
    text.fill(text.input_value().replace("automated selectivity", "automated risk profiling"))
    page.get_by_label("Rationale").fill("Current practice is profiling.")
    page.get_by_role("button", name="Submit proposal").click()
    expect(page.locator(".message")).to_contain_text("submitted")
    proposal_path = re.sub(r"^https?://[^/]+", "", page.url)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "member-au")
    page.goto(proposal_path)
    discussion = page.locator("#discussion")
    expect(discussion).to_contain_text("No comments yet.")
    discussion.get_by_label("Comment").fill("Does *profiling* cover the data pipeline?")
    discussion.get_by_role("button", name="Start a thread").click()
    expect(page.locator(".message")).to_contain_text("Comment posted.")
    thread = page.locator("#discussion article.thread")
    expect(thread).to_have_count(1)
    expect(thread.locator("em")).to_have_text("profiling")
    assert re.search(r"/proposals/\d+/#comment-\d+$", page.url)

    proposal = Proposal.objects.get(rationale="Current practice is profiling.")
    comment = Comment.objects.get(proposal=proposal)
    notice = Notification.objects.get(recipient__username="member-cn", comment=comment)
    assert notice.url == f"{proposal_path}#comment-{comment.pk}"

    thread.get_by_role("link", name="Edit comment").click()
    page.get_by_label("Comment").fill("Does profiling also cover the data pipeline?")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#discussion article.thread")).to_contain_text(
        "Does profiling also cover the data pipeline?"
    )
    expect(page.locator("#discussion article.thread")).to_contain_text("edited")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "member-cn")
    page.goto(notice.url)
    thread = page.locator(f"#comment-{comment.pk}").first
    thread.get_by_placeholder("Reply…").fill("Yes: see paragraph 3.")
    thread.get_by_role("button", name="Reply").click()
    expect(page.locator("#discussion")).to_contain_text("Yes: see paragraph 3.")
    page.goto(SECTION)
    expect(page.locator("aside.comments")).not_to_contain_text("data pipeline?")
