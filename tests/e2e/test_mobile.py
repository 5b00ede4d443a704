"""On a phone (390×844) no main page scrolls sideways, and the header folds into a "Menu" button.

One browser context per person walks all of their main pages (seeding the demo once per person keeps
this fast); every page that overflows is reported with the elements sticking out past the screen.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 850}
D = "/documents/iscm-guidelines/"
SEALS = D + "sections/seals/"
KINDS = ("amend", "insert", "move", "map_add", "map_remove", "delete")

# The page's width against the screen's, and what sticks out (outside any box that scrolls itself).
MEASURE = """() => {
  const width = window.innerWidth;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  const offenders = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 0.5 && !clipped(el)) {
      const cls = typeof el.className === "string" && el.className.trim()
        ? "." + el.className.trim().split(/\\s+/).join(".") : "";
      const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40);
      offenders.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls} `
        + `(right ${Math.round(box.right)}px) "${text}"`);
    }
  }
  const header = document.querySelector(".site-header").getBoundingClientRect().height;
  return {scrollWidth: document.documentElement.scrollWidth, width, header, offenders};
}"""


def _framework_text_history() -> str:
    from guidelines.models import FrameworkText

    return f"/safe/texts/{FrameworkText.objects.order_by('pk').first().pk}/history/"


def _pages(username):
    """(name, url, link to follow first or None) for every main page this person uses."""
    from guidelines.models import Comment, ConsultationRound, Proposal, WorkingDocument

    open_proposal = Proposal.objects.filter(status="open").order_by("pk").first()
    decided = Proposal.objects.exclude(status="open").order_by("pk").first()
    round_ = ConsultationRound.objects.order_by("pk").first()
    if username == "secretariat":
        working_document = WorkingDocument.objects.order_by("pk").first()
        comment = Comment.objects.order_by("pk").first()
        return [
            ("comment history", f"{D}comments/{comment.pk}/history/", None),
            ("outbox", "/outbox/", None),
            ("SAFE Framework text import", "/safe/import/", None),
            ("audit trail", "/audit/", None),
            ("new working document", D + "ptc/new/", None),
            ("working document form", f"{D}ptc/{working_document.pk}/", None),
            ("working documents", D + "ptc/", None),
            ("translations", D + "translations/", None),
            ("translate (out of date)", D + "sections/import-procedures/translate/fr/", None),
            ("translate (missing)", SEALS + "translate/fr/", None),
        ]
    if username == "member-au":
        from tests.word_import_samples import sample_word_import

        word_import = sample_word_import("member-au")
        from tests.e2e.test_accessibility import _api_tokens

        _api_tokens("member-au")
        return [
            ("import from Word", D + "imports/", None),
            ("Word import preview", f"{D}imports/{word_import.pk}/", None),
            ("document", D, None),
            ("section", SEALS, None),
            ("propose", SEALS + "propose/", None),
            ("proposal", f"{D}proposals/{open_proposal.pk}/", None),
            ("round", f"{D}rounds/{round_.pk}/", None),
            ("to do", "/todo/", None),
            ("notification settings", "/account/notifications/", None),
            ("API tokens", "/account/tokens/", None),
        ]
    comment = Comment.objects.filter(proposal__isnull=True).order_by("pk").first()
    return [
        ("document list", "/documents/", None),
        ("document", D, None),
        ("section", SEALS, None),
        ("section with suggestions", SEALS + "?suggestions=1", None),
        ("section (translated)", D + "sections/risk-assessment/", None),
        ("section (translation out of date)", D + "sections/import-procedures/", None),
        ("section with comments", f"{D}sections/{comment.section.key}/", None),
        ("edit section", SEALS + "edit/", None),
        ("add section", SEALS + "add/", None),
        *[(f"propose ({kind})", f"{SEALS}propose/?kind={kind}", None) for kind in KINDS],
        ("proposal list", D + "proposals/", None),
        ("open proposal", f"{D}proposals/{open_proposal.pk}/", None),
        ("decided proposal", f"{D}proposals/{decided.pk}/", None),
        ("disposition table", D + "disposition/", None),
        ("section history", D + "sections/management-summary/history/", None),
        ("compare versions", D + "sections/management-summary/compare/", None),
        ("compare side by side", D + "sections/management-summary/compare/", "Side by side"),
        ("milestones", D + "milestones/", None),
        ("compare drafts", D + "milestones/", "Compare with current text"),
        ("working documents", D + "ptc/", None),
        ("exports", D + "exports/", None),
        ("coverage", D + "coverage/", None),
        ("section overlaps", D + "sections/authorized-supply-chain/overlaps/", None),
        ("redundant pairs", D + "overlaps/?threshold=20", None),
        ("phase-two draft", D + "phase-two/", None),
        ("section phase two", SEALS + "phase-two/", None),
        ("propose a disposition", SEALS + "phase-two/propose/", None),
        ("references", D + "references/", None),
        ("SAFE Framework", "/safe/", None),
        ("SAFE Framework text history", _framework_text_history(), None),
        ("search", "/search/", None),
        ("search results", "/search/?q=seal&kind=proposal&kind=comment", None),
        ("inbox", "/inbox/", None),
        ("to do", "/todo/", None),
        ("notifications", "/notifications/", None),
        ("notification settings", "/account/notifications/", None),
        ("rounds", D + "rounds/", None),
        ("round", f"{D}rounds/{round_.pk}/", None),
        ("new round", D + "rounds/new/", None),
        ("activity", D + "activity/", None),
    ]


def _check(page, name, problems):
    seen = page.evaluate(MEASURE)
    if seen["scrollWidth"] > seen["width"]:
        problems.append(
            f"{name} ({page.url}) is {seen['scrollWidth']}px wide on a {seen['width']}px screen; "
            "sticking out: " + "; ".join(seen["offenders"][:8])
        )
    if seen["header"] >= 0.2 * PHONE["height"]:
        problems.append(f"{name}: the closed header is {seen['header']:.0f}px high")


@pytest.mark.parametrize("username", ["facilitator", "secretariat", "member-au"])
def test_no_main_page_scrolls_sideways_on_a_phone(browser, live_server, demo, username):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []
    try:
        page.goto("/accounts/login/")
        _check(page, "sign-in page", problems)
        expect(page.get_by_role("button", name="FR")).to_be_visible()  # no menu when signed out
        sign_in(page, username)
        pages = _pages(username)
        for name, url, follow in pages:
            response = page.goto(url)
            assert response.status == 200, f"{name} ({url}): HTTP {response.status}"
            if follow:
                page.locator("a", has_text=follow).first.click()
                page.wait_for_load_state()
            _check(page, name, problems)
    finally:
        context.close()
    assert not problems, "\n".join(problems)
    assert len(pages) >= 5


def test_no_facilitator_page_scrolls_sideways_in_french(browser, live_server, demo):
    """French words are longer: the facilitator's pages, with the header menu open too."""
    from django.utils import translation

    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    context.add_cookies([{"name": "django_language", "value": "fr", "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []
    try:
        page.goto("/accounts/login/")
        assert page.locator("html").get_attribute("lang") == "fr"
        _check(page, "sign-in page (fr)", problems)
        page.locator("input[name=username]").fill("facilitator")
        page.locator("input[name=password]").fill("e2e-password")
        page.locator("form button[type=submit]").last.click()
        page.wait_for_url("**/documents/")
        pages = _pages("facilitator")
        for name, url, follow in pages:
            response = page.goto(url)
            assert response.status == 200, f"{name} ({url}): HTTP {response.status}"
            assert page.locator("html").get_attribute("lang") == "fr"
            if follow:
                with translation.override("fr"):
                    follow = translation.gettext(follow)
                page.locator("a", has_text=follow).first.click()
                page.wait_for_load_state()
            _check(page, f"{name} (fr)", problems)
        page.goto(D)
        page.locator(".menu-toggle").click()
        expect(page.get_by_role("navigation").first).to_be_visible()
        seen = page.evaluate(MEASURE)  # the open menu is tall, but never wider than the screen
        if seen["scrollWidth"] > seen["width"]:
            problems.append("document, menu open (fr): " + "; ".join(seen["offenders"][:8]))
    finally:
        context.close()
    assert not problems, "\n".join(problems)
    assert len(pages) >= 5


def test_the_header_folds_into_a_menu_button_on_a_phone(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, "facilitator")
        page.goto(D)
        header = page.locator(".site-header")
        assert header.bounding_box()["height"] < 0.2 * PHONE["height"]
        menu = page.get_by_role("button", name="Menu")
        nav = page.get_by_role("navigation", name="Main")
        sign_out = page.get_by_role("button", name="Sign out")
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(nav).to_be_hidden()
        expect(sign_out).to_be_hidden()
        expect(page.get_by_role("link", name="Notifications")).to_be_visible()

        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "true")
        expect(nav.get_by_role("link", name="Inbox")).to_be_visible()
        expect(nav.get_by_role("link", name="To do")).to_be_visible()
        expect(sign_out).to_be_visible()
        expect(page.get_by_role("button", name="FR")).to_be_visible()
        menu.click()
        expect(nav).to_be_hidden()

        # Keyboard: Enter opens, Tab goes into the menu, Escape closes and refocuses the button.
        menu.focus()
        page.keyboard.press("Enter")
        expect(nav.get_by_role("link", name="Documents")).to_be_visible()
        page.keyboard.press("Tab")
        expect(nav.get_by_role("link", name="Documents")).to_be_focused()
        page.keyboard.press("Escape")
        expect(nav).to_be_hidden()
        expect(menu).to_be_focused()
        expect(menu).to_have_attribute("aria-expanded", "false")
        page.keyboard.press("Enter")
        expect(nav).to_be_visible()
        page.keyboard.press("Escape")

        # The menu's links lead somewhere.
        menu.click()
        nav.get_by_role("link", name="Inbox").click()
        page.wait_for_url("**/inbox/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()

        # On a wide screen there is no button: the navigation stays in the header.
        page.set_viewport_size(DESKTOP)
        expect(menu).to_be_hidden()
        expect(nav.get_by_role("link", name="Inbox")).to_be_visible()
        expect(sign_out).to_be_visible()
    finally:
        context.close()


def test_without_javascript_the_menu_stays_open_on_a_phone(browser, live_server, demo):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, "member-au")
        expect(page.get_by_role("button", name="Menu")).to_be_hidden()
        nav = page.get_by_role("navigation", name="Main")
        expect(nav.get_by_role("link", name="Inbox")).to_be_visible()
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_a_wide_table_in_a_text_scrolls_in_its_own_box_on_a_phone(browser, live_server, demo):
    from guidelines.models import Section

    heads = " | ".join(f"Heading {n}" for n in range(8))
    cells = " | ".join("WCO-SAFE-FoS-2021-Annex" for _ in range(8))
    wide = f"Eight columns.\n\n| {heads} |\n|{'---|' * 8}\n| {cells} |\n"
    Section.objects.filter(key="definitions").update(body=wide)

    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, "member-au")
        page.goto(D + "sections/definitions/")
        table = page.locator(".prose table").first
        expect(table).to_contain_text("Heading 7")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert table.evaluate("t => t.scrollWidth > t.clientWidth")
        # The box scrolls from the keyboard: it takes the focus.
        expect(table).to_have_attribute("tabindex", "0")
        table.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('.prose table').scrollLeft > 0")
    finally:
        context.close()
