"""axe-core on every main page, in English and in French: no serious or critical violation.

One browser context per language keeps this fast (the demo is seeded once per language); every
page is checked and a failure lists every page with its violations, so one run shows them all.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import axe_source, describe, serious_violations
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e
DOC = "/documents/iscm-guidelines/"
SECTION = DOC + "sections/seals/"  # two open proposals; a thread is added below


def _api_tokens(username: str) -> None:
    """A live token and a revoked one, so the tokens page shows its table."""
    from guidelines.models import User
    from guidelines.services.api_tokens import api_token_create, api_token_revoke

    user = User.objects.get(username=username)
    api_token_create(user=user, name="Dashboard", by=user)
    api_token_revoke(token=api_token_create(user=user, name="Old script", by=user)[0], by=user)


def main_pages() -> list[tuple[str, str]]:
    from guidelines.models import Proposal
    from tests.word_import_samples import sample_word_import

    proposal = Proposal.objects.filter(section__key="seals").order_by("pk").first()
    word_import = sample_word_import("facilitator")
    _api_tokens("facilitator")
    return [
        ("document", DOC),
        ("section", SECTION),
        ("section with suggestions", SECTION + "?suggestions=1"),
        # In French: translated, out of date (French beside English), the English original alone.
        ("section (translated)", DOC + "sections/risk-assessment/"),
        ("section (translation out of date)", DOC + "sections/import-procedures/"),
        ("section (English original)", DOC + "sections/risk-assessment/?text=en"),
        ("edit section", SECTION + "edit/"),
        ("propose", SECTION + "propose/?kind=amend"),
        ("proposal", f"{DOC}proposals/{proposal.pk}/"),
        ("proposals", DOC + "proposals/"),
        ("section history", SECTION + "history/"),
        ("compare versions", DOC + "sections/management-summary/compare/"),
        ("compare drafts", DOC + "compare/"),
        ("milestones", DOC + "milestones/"),
        ("working documents", DOC + "ptc/"),
        ("coverage", DOC + "coverage/"),
        ("section overlaps", DOC + "sections/authorized-supply-chain/overlaps/"),
        ("redundant pairs", DOC + "overlaps/?threshold=20"),
        ("redundant pairs, bad threshold", DOC + "overlaps/?threshold=150"),
        ("references", DOC + "references/"),
        ("inbox", "/inbox/"),
        ("work queue", "/todo/"),
        ("notifications", "/notifications/"),
        ("documents", "/documents/"),
        ("add section", SECTION + "add/?where=after"),
        ("activity", DOC + "activity/"),
        ("disposition", DOC + "disposition/"),
        ("rounds", DOC + "rounds/"),
        ("new round", DOC + "rounds/new/"),
        ("exports", DOC + "exports/"),
        ("SAFE Framework", "/safe/"),
        ("SAFE Framework text history", framework_text_history()),
        ("search", "/search/"),
        ("search results", "/search/?q=seal&past=on"),
        ("e-mail settings", "/account/notifications/"),
        ("two-factor sign-in", "/accounts/two-factor/"),
        ("API tokens", "/account/tokens/"),
        ("translations", DOC + "translations/"),
        ("phase-two draft", DOC + "phase-two/"),
        ("section phase two", SECTION + "phase-two/"),
        ("propose a disposition", SECTION + "phase-two/propose/"),
        ("translate (out of date)", DOC + "sections/import-procedures/translate/fr/"),
        ("translate (missing)", SECTION + "translate/fr/"),
        ("import from Word", DOC + "imports/"),
        ("Word import preview", f"{DOC}imports/{word_import.pk}/"),
    ]


def framework_text_history() -> str:
    from guidelines.models import FrameworkText

    return f"/safe/texts/{FrameworkText.objects.order_by('pk').first().pk}/history/"


def add_quoted_thread():
    """The seed's quoted thread is on another section: give the checked section one too."""
    from guidelines.models import Section, User
    from guidelines.services.comments import comment_create, comment_reply

    section = Section.objects.live().get(key="seals")
    quote = "The seal number is part of the advance data"
    assert quote in section.body.replace("\n", " ")
    thread = comment_create(
        user=User.objects.get(username="member-au"),
        section=section,
        body="Does this cover *electronic* seals?",
        quote=quote,
    )
    comment_reply(user=User.objects.get(username="facilitator"), parent=thread, body="Yes.")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_serious_axe_violation_on_any_main_page(browser, live_server, demo, language):
    source = axe_source()
    add_quoted_thread()
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    failures = []
    try:
        page.goto("/accounts/login/")
        assert page.locator("html").get_attribute("lang") == language
        failures.append(describe("login (signed out)", serious_violations(page, source)))
        page.locator("input[name=username]").fill("facilitator")
        page.locator("input[name=password]").fill("e2e-password")
        page.locator("form button[type=submit]").last.click()
        page.wait_for_url("**/documents/")
        for name, url in main_pages():
            response = page.goto(url)
            if not response.ok:
                failures.append(f"{name} ({url}): answered {response.status}, not checked")
                continue
            assert page.locator("html").get_attribute("lang") == language
            failures.append(describe(f"{name} ({url})", serious_violations(page, source)))
    finally:
        context.close()
    report = "\n".join(f for f in failures if f)
    assert not report, f"serious or critical axe-core violations ({language}):\n{report}"


def test_axe_reports_a_serious_violation(page):
    """The check can fail: an image without alternative text is a critical violation."""
    source = axe_source()
    sign_in(page, "facilitator")
    page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
    found = serious_violations(page, source)
    assert "image-alt" in describe("documents", found)


def sign_in_any_language(page, username):
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill("e2e-password")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/documents/")


PHONE_PAGES = ["document", "section", "proposals", "inbox", "propose", "coverage"]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_serious_axe_violation_on_a_phone_with_the_menu_open(
    browser, live_server, demo, language
):
    """The 390 px layout (stacked tables, folded header) with the header's menu opened, and the
    editor's "Link to a section" dialog open on the edit page."""
    source = axe_source()
    add_quoted_thread()
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    failures = []
    try:
        sign_in_any_language(page, "facilitator")
        pages = dict(main_pages())
        for name in PHONE_PAGES:
            response = page.goto(pages[name])
            assert response.ok, (name, response.status)
            assert page.locator("html").get_attribute("lang") == language
            menu = page.locator(".menu-toggle")
            expect(menu).to_be_visible()
            menu.click()
            expect(menu).to_have_attribute("aria-expanded", "true")
            failures.append(
                describe(f"{name} (390 px, menu open)", serious_violations(page, source))
            )

        page.goto(pages["edit section"])
        page.locator(".md-toolbar [data-md=link]").first.click()
        dialog = page.locator("dialog.md-picker")
        expect(dialog).to_be_visible()
        expect(dialog.locator(".md-picker__item").first).to_be_visible()
        found = serious_violations(page, source, open_details=False)
        failures.append(describe("edit section (390 px, section picker open)", found))
    finally:
        context.close()
    report = "\n".join(f for f in failures if f)
    assert not report, f"serious or critical axe-core violations ({language}, 390 px):\n{report}"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_serious_axe_violation_on_the_framework_import(browser, live_server, demo, language):
    """The secretariat's import of the SAFE Framework's text, empty and with a refused file."""
    source = axe_source()
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    try:
        sign_in_any_language(page, "secretariat")
        page.goto("/safe/import/")
        failures = [describe("framework import", serious_violations(page, source))]
        page.set_input_files(
            "input[name=file]",
            files=[
                {"name": "f.md", "mimeType": "text/markdown", "buffer": b"Intro\n## P1.S6\nx\n"}
            ],
        )
        page.locator("form[enctype] button[type=submit]").click()
        expect(page.locator(".form-errors")).to_contain_text("1")
        failures.append(describe("framework import (refused)", serious_violations(page, source)))
    finally:
        context.close()
    report = "\n".join(f for f in failures if f)
    assert not report, f"serious or critical axe-core violations ({language}):\n{report}"
