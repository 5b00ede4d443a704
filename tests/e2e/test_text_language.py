"""A comment written in French in the French interface keeps its language (lang="fr"); a reply
the author says is in English is marked so, with a tag on the French page."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e
SECTION = "/documents/iscm-guidelines/sections/seals/"
FRENCH = "Les scellés électroniques « RFID » sont-ils couverts ?"


def test_a_comment_written_in_french_is_shown_with_lang_fr(page):
    sign_in(page, "member-cn")
    page.goto(SECTION)
    page.locator(".lang-form button[value=fr]").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.locator("#comment-new > summary").click()
    expect(page.locator("#comment-new select[name=language]")).to_have_value("fr")
    page.locator("#comment-new textarea[name=body]").fill(FRENCH)
    page.locator("#comment-new button[type=submit]").click()
    thread = page.locator("article.thread", has_text="RFID")
    text = thread.locator(".comment .prose").first
    expect(text).to_have_attribute("lang", "fr")
    expect(text).to_contain_text("scellés électroniques")
    expect(thread.locator(".written-in")).to_have_count(0)  # French on a French page

    thread.locator("select[name=language]").select_option("en")
    thread.locator("textarea[name=body]").fill("Yes, if they meet ISO 17712.")
    thread.locator("form.thread__reply button[type=submit]").click()
    thread = page.locator("article.thread", has_text="RFID")
    reply = thread.locator(".comment--reply .prose")
    expect(reply).to_have_attribute("lang", "en")
    expect(thread.locator(".comment--reply .written-in")).to_have_count(1)

    page.locator(".lang-form button[value=en]").click()  # the same thread on an English page
    thread = page.locator("article.thread", has_text="RFID")
    expect(thread.locator("summary .written-in")).to_have_text("written in French")
    expect(thread.locator(".comment--reply .written-in")).to_have_count(0)
