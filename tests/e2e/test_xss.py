"""A hostile section body is shown as harmless markup: no script runs in a real browser."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e

HOSTILE = """Hostile text.

<script>window.__xss = (window.__xss || 0) + 1; alert("script")</script>

<img src="/static/none.png" onerror="window.__xss = (window.__xss || 0) + 1; alert('onerror')">

[Click here](javascript:window.__xss=(window.__xss||0)+1;alert('link'))

A paragraph with attributes {: onclick="window.__xss = (window.__xss || 0) + 1" }

<svg onload="window.__xss = 1"></svg>
"""


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
