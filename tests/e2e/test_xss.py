"""A hostile section body is shown as harmless markup: no script runs in a real browser."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.xss_corpus import HOSTILE, HOSTILE_LINES

pytestmark = pytest.mark.e2e


DANGEROUS_NODES = """
[...document.querySelectorAll('.prose, .prose *')].filter(el =>
  ['SCRIPT', 'svg', 'IFRAME'].includes(el.tagName) ||
  [...el.attributes].some(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value))
).map(el => el.outerHTML)
"""


def test_hostile_markdown_runs_no_script(page):
    from guidelines.models import Document
    from guidelines.services.documents import section_create

    doc = Document.objects.get(slug="iscm-guidelines")
    section_create(document=doc, heading="Hostile section", body=HOSTILE, user=None,
                   reason="XSS test")  # fmt: skip
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_in(page, "member-cn")
    for url in ("/documents/iscm-guidelines/sections/hostile-section/",
                "/documents/iscm-guidelines/"):  # fmt: skip
        page.goto(url)
        page.wait_for_load_state("networkidle")
        expect(page.get_by_text("Hostile text.").first).to_be_visible()
        page.get_by_text("A paragraph with attributes").first.click()
        page.get_by_text("Click here").first.click()
        page.wait_for_timeout(200)
        assert page.evaluate("window.__xss") is None
        # Not only blocked by the Content-Security-Policy: the markup itself is clean.
        assert page.evaluate(DANGEROUS_NODES) == []
    assert dialogs == []
    # The attribute syntax is shown as text, not applied.
    expect(page.get_by_text("{: onclick=").first).to_be_visible()


ACTIVE_ANYWHERE = """
[...document.querySelectorAll('*')].filter(el =>
  (['SCRIPT', 'STYLE'].includes(el.tagName) && /__xss|alert|javascript:/.test(el.textContent)) ||
  ['IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName) ||
  [...el.attributes].some(a => a.name.startsWith('on') ||
    (a.name !== 'value' && /^\\s*(javascript|data:text):/i.test(a.value)))
).map(el => el.outerHTML.slice(0, 200))
"""


def _hostile_reference_data():
    """What the secretariat can type in the admin, hostile in every text field (written here
    directly, except the delegation's name, which the test types into the admin's form)."""
    from guidelines.models import (
        Document,
        Mapping,
        Pillar,
        Section,
        Standard,
        User,
        WorkingDocument,
    )
    from guidelines.services.comments import comment_create

    mapping = Mapping.objects.select_related("section", "standard").order_by("id").first()
    Mapping.objects.filter(pk=mapping.pk).update(note=HOSTILE)
    Standard.objects.filter(pk=mapping.standard_id).update(title=HOSTILE_LINES[1])
    Pillar.objects.filter(pk=mapping.standard.pillar_id).update(title=HOSTILE_LINES[2])
    User.objects.filter(username="member-au").update(
        first_name=HOSTILE_LINES[3], last_name=HOSTILE_LINES[4]
    )
    Document.objects.filter(slug="iscm-guidelines").update(title=HOSTILE_LINES[5])
    WorkingDocument.objects.filter(document__slug="iscm-guidelines").update(
        title=HOSTILE_LINES[0], subtitle=HOSTILE_LINES[2], agenda_item=HOSTILE_LINES[3][:100]
    )
    section = Section.objects.get(pk=mapping.section_id)
    author = User.objects.get(username="member-au")
    comment_create(user=author, section=section, body=HOSTILE)
    return mapping, section


def test_hostile_admin_text_runs_no_script_in_the_admin_or_the_app(page):
    from guidelines.models import Delegation, Document, User, WorkingDocument

    mapping, section = _hostile_reference_data()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_in(page, "secretariat")
    delegation = Delegation.objects.get(code="au")
    page.goto(f"/admin/guidelines/delegation/{delegation.pk}/change/")
    page.locator("#id_name").fill(HOSTILE_LINES[0])
    page.locator("#id_reason_for_change").fill(HOSTILE_LINES[1])  # shown in the history
    page.locator("input[name=_save]").click()
    page.wait_for_url("**/admin/guidelines/delegation/")
    delegation.refresh_from_db()
    assert delegation.name == HOSTILE_LINES[0]

    document = Document.objects.get(slug="iscm-guidelines")
    author = User.objects.get(username="member-au")
    admin = "/admin/guidelines"
    app = "/documents/iscm-guidelines"
    urls = [
        "/admin/",
        f"{admin}/delegation/",
        f"{admin}/delegation/{delegation.pk}/change/",
        f"{admin}/delegation/{delegation.pk}/history/",
        f"{admin}/standard/",
        f"{admin}/standard/{mapping.standard_id}/change/",
        f"{admin}/pillar/",
        f"{admin}/mapping/",
        f"{admin}/mapping/{mapping.pk}/change/",
        f"{admin}/user/",
        f"{admin}/user/{author.pk}/change/",
        f"{admin}/document/",
        f"{admin}/document/{document.pk}/change/",
        "/documents/",
        f"{app}/",
        f"{app}/sections/{section.key}/",
        f"{app}/coverage/",
        f"{app}/activity/",
        f"{app}/proposals/",
        f"{app}/ptc/",
        f"{app}/ptc/{WorkingDocument.objects.filter(document=document).first().pk}/",
        "/safe/",
        "/inbox/",
    ]
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        assert "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()}
        page.wait_for_timeout(50)
        assert page.evaluate("window.__xss") is None, url
        assert page.evaluate(ACTIVE_ANYWHERE) == [], url
    assert dialogs == []
    # The names are shown as text, not markup.
    page.goto(f"{admin}/delegation/")
    expect(page.get_by_text("<script>", exact=False).first).to_be_visible()
