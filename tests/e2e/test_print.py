"""Printing a section or the whole document: the text only, without the site's navigation."""

import subprocess

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.exports.conftest import require

pytestmark = pytest.mark.e2e


def test_print_shows_the_text_without_navigation_toolbars_or_forms(page, live_server):
    sign_in(page, "facilitator")
    page.goto(f"{live_server.url}/documents/iscm-guidelines/sections/seals/")
    nav = page.locator(".site-header")
    expect(nav).to_be_visible()
    expect(page.locator(".toolbar")).to_be_visible()
    page.emulate_media(media="print")
    for hidden in (".site-header", ".sidebar", ".toolbar", ".skip-link", "main form"):
        for element in page.locator(hidden).all():
            expect(element).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_contain_text("3.7 Seals")
    expect(page.locator(".prose").first).to_contain_text("high-security mechanical seals")
    # Black on white: the text and the inserted words of a redline.
    colour = page.evaluate("getComputedStyle(document.querySelector('h1')).color")
    assert colour == "rgb(0, 0, 0)"

    page.goto(f"{live_server.url}/documents/iscm-guidelines/")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".doc-header .actions")).to_be_hidden()
    require("pdftotext", "poppler-utils")
    pdf = page.pdf(format="A4")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Management Summary" in text and "Risk assessment" in text
    assert "Sign out" not in text and "Compare drafts" not in text and "Skip to content" not in text


WIDE_TABLE = "\n".join(
    [
        "| " + " | ".join(f"Column{n}" for n in range(1, 9)) + " |",
        "|" + "---|" * 8,
        "| " + " | ".join(f"cell{n}" for n in range(1, 9)) + " |",
    ]
)


def add_threads_and_a_wide_table():
    """On "Seals": an 8-column table in the text, a resolved thread and an open one."""
    from guidelines.models import Section, User
    from guidelines.services.comments import comment_create, comment_resolve
    from guidelines.services.sections import section_update

    facilitator = User.objects.get(username="facilitator")
    section = Section.objects.live().get(key="seals")
    section_update(
        section=section,
        heading=section.heading,
        body=section.body + "\n\n" + WIDE_TABLE + "\n",
        base_version=section.version,
        user=facilitator,
        reason="A wide table to print",
    )
    resolved = comment_create(
        user=User.objects.get(username="member-cn"), section=section, body="Settled point."
    )
    comment_resolve(user=facilitator, thread=resolved)
    comment_create(
        user=User.objects.get(username="member-au"), section=section, body="Still open point."
    )


def test_print_keeps_comment_authors_and_wide_tables_and_drops_the_controls(page, live_server):
    require("pdftotext", "poppler-utils")
    add_threads_and_a_wide_table()
    sign_in(page, "member-au")  # the author of the open thread: Edit and Delete on screen
    page.goto(f"{live_server.url}/documents/iscm-guidelines/sections/seals/")
    expect(page.get_by_role("link", name="Edit comment")).to_be_visible()
    page.locator("#quote-picker").evaluate("d => { d.hidden = false; d.open = true; }")
    expect(page.locator("#quote-source")).to_be_visible()
    page.set_viewport_size({"width": 794, "height": 1123})  # an A4 page's width in CSS pixels
    page.emulate_media(media="print")
    # Both threads print open with their authors; the controls around them do not.
    for author, body in (("Wei Zhang", "Settled point."), ("Liam Walker", "Still open point.")):
        thread = page.locator(".thread", has_text=body)
        expect(thread.locator("summary")).to_be_visible()
        expect(thread.locator("summary")).to_contain_text(author)
        expect(thread.get_by_text(body)).to_be_visible()
    for hidden in (".quote-picker", ".comment__tools", ".comment-new", ".outline-toggle"):
        for element in page.locator(hidden).all():
            expect(element).to_be_hidden()
    table = page.locator(".prose table").first
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    assert table.evaluate(
        "t => t.getBoundingClientRect().right <= t.parentElement.getBoundingClientRect().right + 1"
    )
    pdf = page.pdf(format="A4")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    for n in range(1, 9):
        assert f"Column{n}" in text and f"cell{n}" in text
    assert "Liam Walker" in text and "Wei Zhang" in text
    assert "Settled point." in text and "Still open point." in text
    assert "Quote a passage" not in text and "Edit" not in text.replace("Edited", "")
