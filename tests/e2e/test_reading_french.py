"""A member switches the interface to French and reads the Guidelines: a translated section, an
out-of-date one (the French beside the current English) and one never translated (the English
under a banner). Comments still quote the English: selecting in it offers a comment."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.test_comments import select_text

pytestmark = pytest.mark.e2e
DOC = "/documents/iscm-guidelines/"


def fr(msgid: str, **values) -> str:
    with translation.override("fr"):
        text = translation.gettext(msgid)
    return text % values if values else text


def test_a_member_reads_translated_out_of_date_and_missing_sections_in_french(page):
    sign_in(page, "member-au")
    page.goto(DOC)
    page.get_by_role("button", name="FR", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    # The document: French headings with the shared numbers, in the outline and the text.
    outline = page.get_by_role("navigation", name=fr("Outline"))
    expect(outline.get_by_role("link", name="3.5 Évaluation du risque")).to_be_visible()
    expect(outline.get_by_role("link", name="3.7 Seals")).to_be_visible()  # not translated
    expect(page.locator("#s-risk-assessment")).to_contain_text("Chaque administration évalue")
    expect(page.locator("#s-seals .reading-banner")).to_have_text(
        fr("No French translation yet: the English text is shown.")
    )
    expect(page.locator('#s-seals .prose[lang="en"]')).to_contain_text("Containers of high-risk")

    # A translated section: the French, and beside it the English that comments quote.
    outline.get_by_role("link", name="3.5 Évaluation du risque").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("3.5 Évaluation du risque")
    expect(page).to_have_title("3.5 Évaluation du risque · ISCM Tracker")
    french = page.locator(".section-reading .prose")
    english = page.locator("#section-text")
    expect(french).to_contain_text("Chaque administration évalue le risque")
    expect(english).to_have_attribute("lang", "en")
    expect(english.locator("mark.comment-mark")).to_contain_text("Low-risk consignments")
    french_box, english_box = french.bounding_box(), english.bounding_box()
    assert french_box["x"] + french_box["width"] <= english_box["x"]  # side by side
    select_text(page, "Each administration assesses risk")
    page.get_by_role("button", name=fr("Comment on selection")).click()
    expect(page.locator("#comment-quote")).to_have_text("Each administration assesses risk")

    # Out of date: the banner says since when; the French beside the current English.
    page.goto(DOC + "sections/import-procedures/")
    expect(page.locator(".reading-banner")).to_have_text(
        fr(
            "The French translation is out of date: it translates version %(old)s, the English "
            "is at version %(new)s.",
            old=1,
            new=2,
        )
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("3.3 Procédures à l’importation")
    expect(page.locator(".section-reading")).to_contain_text("L’administration d’importation")
    expect(page.locator("#section-text")).to_contain_text("Unique Consignment Reference")
    expect(page.get_by_role("link", name=fr("Update the translation"))).to_have_count(0)

    # Missing: the English under a banner; the English original on its own keeps French labels.
    page.get_by_role("link", name="3.7 Seals").first.click()
    expect(page.locator(".reading-banner")).to_contain_text(
        fr("No French translation yet: the English text is shown.")
    )
    expect(page.locator(".section-reading")).to_have_count(0)
    expect(page.locator("#section-text")).to_contain_text("Containers of high-risk")
    page.goto(DOC + "sections/risk-assessment/")
    page.get_by_role("link", name=fr("Read the English original")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("3.5 Risk assessment")
    expect(page.locator(".section-reading")).to_have_count(0)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("link", name=fr("Read the French text")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("3.5 Évaluation du risque")


def test_on_a_phone_the_french_and_english_stack(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    context.add_cookies([{"name": "django_language", "value": "fr", "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto("/accounts/login/")
        page.locator("input[name=username]").fill("member-au")
        page.locator("input[name=password]").fill(demo)
        page.locator("form button[type=submit]").last.click()
        page.wait_for_url("**/documents/")
        page.goto(DOC + "sections/import-procedures/")
        french = page.locator(".section-reading").bounding_box()
        english = page.locator("#section-text").bounding_box()
        assert french["y"] + french["height"] <= english["y"]  # the English below the French
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
