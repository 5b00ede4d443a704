"""PDF export with WeasyPrint, from the print templates in templates/print/.

Resources are fetched by ``StaticOnlyFetcher``: our own static files and ``data:`` images, and
nothing else: no ``file://``, no network, so a hostile section body cannot read a local file,
reach an internal address or embed an attachment.
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from ..rendering.links import print_links
from ..rendering.markdown import warm
from ..rendering.typography import french_typography_html
from .context import BILINGUAL, ExportContent

STATIC_BASE = "https://iscm-tracker.invalid/static/"
TEMPLATE_VERSION = "exports-8"  # bump when templates/print, print.css or the Word export change
PDF_VARIANT = "pdf/ua-1"  # tagged (structure tree, reading order, language): PDF/UA-1
_FRENCH = ' lang="fr"'  # French text in an English edition (a proposal written in French)
_WEASYPRINT_CACHE: dict = {}  # shared between renders (images, fonts)


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves ``data:`` URLs and files under ``STATIC_BASE`` from our static folders."""

        def __init__(self) -> None:
            super().__init__(timeout=2, allowed_protocols={"data", "https"}, allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith(STATIC_BASE):
                relative = url[len(STATIC_BASE) :].split("?")[0].split("#")[0]
                found = finders.find(relative) if ".." not in Path(relative).parts else None
                if found:
                    body = Path(found).read_bytes()
                    kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": kind})
            self.refused.append(url)
            raise ValueError(f"ISCM Tracker does not fetch {url!r} when making a PDF")

    return StaticOnlyFetcher


class PdfExporter:
    """``PdfExporter(content).render()`` -> PDF bytes. ``html()`` is the HTML it lays out."""

    template = "print/document.html"

    def __init__(self, content: ExportContent, *, language: str = "en") -> None:
        self.content = content
        if content.variant == BILINGUAL:
            self.template = "print/bilingual.html"
        self.language = language
        self.fetcher = None

    def html(self) -> str:
        warm(self.content.texts())  # the sections' HTML in one cache query
        with translation.override(self.language):
            html = render_to_string(self.template, {"c": self.content, "static": STATIC_BASE})
        if self.language == "fr" or self.content.variant == BILINGUAL or _FRENCH in html:
            html = french_typography_html(html)  # on text whose language is French
        return print_links(html, slug=self.content.document.slug, site_url=settings.SITE_URL)

    def render(self, html: str | None = None, *, tagged: bool = True, progress=None) -> bytes:
        """``tagged=False`` only to measure what tagging costs (``make bench``);
        ``progress(stage, percent)`` is told when the pages are laid out."""
        from weasyprint import HTML

        self.fetcher = _fetcher_class()()
        source = HTML(string=html or self.html(), base_url=STATIC_BASE, url_fetcher=self.fetcher)
        options = {
            "cache": _WEASYPRINT_CACHE,
            "attachments": [],
            "uncompressed_pdf": False,
            "pdf_variant": PDF_VARIANT if tagged else None,
        }
        laid_out = source.render(**options)
        if progress is not None:
            progress("writing", 80)
        return laid_out.write_pdf(**options)


def render_html_to_pdf(html: str) -> bytes:
    """WeasyPrint alone on given HTML (the benchmark's floor), with the same fetcher."""
    from weasyprint import HTML

    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=_fetcher_class()()).write_pdf(
        cache=_WEASYPRINT_CACHE, pdf_variant=PDF_VARIANT
    )
