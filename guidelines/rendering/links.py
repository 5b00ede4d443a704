"""Links to sections, built once per page instead of one `reverse()` per section."""

import re
from collections.abc import Callable
from html import escape, unescape

from django.urls import reverse

_PLACEHOLDER = "section-key-placeholder"


def section_url_builder(slug: str) -> Callable[[str], str]:
    """``url_for(key)`` for the sections of document ``slug`` (keys are slugs: safe in a path)."""
    base = reverse("guidelines:section_detail", kwargs={"slug": slug, "key": _PLACEHOLDER})
    head, tail = base.split(_PLACEHOLDER)
    return lambda key: f"{head}{key}{tail}"


_SITE_HREF = re.compile(r'href="(/[^"]*)"')
_SECTION_PATH = re.compile(r"^/documents/(?P<slug>[\w-]+)/sections/(?P<key>[\w-]+)/(?:#.*)?$")


def print_links(html: str, *, slug: str, site_url: str) -> str:
    """Links typed in the text as site paths (the editor's "Link to a section" makes
    ``/documents/<slug>/sections/<key>/``), made to work in a PDF: a section of this document
    that the PDF contains becomes a link to its place in the PDF (``#s-<key>``); any other
    site path becomes an address on ``site_url``. Without this they would point at the PDF's
    own base URL, which is no site at all."""
    anchors = set(re.findall(r'id="(s-[\w-]+)"', html))
    base = site_url.rstrip("/")

    def fix(match: re.Match) -> str:
        path = unescape(match[1])
        section = _SECTION_PATH.match(path)
        if section and section["slug"] == slug and f"s-{section['key']}" in anchors:
            return f'href="#s-{section["key"]}"'
        if path.startswith("//"):
            return match[0]  # another host: left as written
        return f'href="{escape(base + path)}"'

    return _SITE_HREF.sub(fix, html)
