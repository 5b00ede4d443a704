"""Markdown to safe HTML: python-markdown with a deliberate extension set, then nh3.

python-markdown passes raw HTML through and does not sanitise, so every page and PDF gets its
HTML from :func:`render_markdown`, never from python-markdown directly. ``attr_list`` and
``md_in_html`` are deliberately not enabled: they let attributes and raw HTML through.
"""

import re
from functools import lru_cache

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions.toc import slugify_unicode

EXTENSIONS = ["tables", "footnotes", "sane_lists", "toc"]

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "del", "div", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "ol", "p", "pre", "s", "section",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title"},
    "a": {"href", "class"},
    "abbr": {"title"},
    "div": {"class"},
    "img": {"src", "alt"},
    "li": {"id"},
    "ol": {"start"},
    "sup": {"id"},
    "td": {"align", "colspan", "rowspan", "style"},
    "th": {"align", "colspan", "rowspan", "style"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_FOOTNOTE_ID = re.compile(r'(id=|href=)"(#?)(fn(?:ref)?:)')


def _clean(html: str, *, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES) -> str:
    return nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        filter_style_properties={"text-align"},
        strip_comments=True,
    )


REDLINE_TAGS = ALLOWED_TAGS | {"span"}
REDLINE_ATTRIBUTES = {
    **ALLOWED_ATTRIBUTES,
    "ins": {"data-by"},
    "del": {"data-by"},
    "sup": {"id", "class", "data-by"},
    "span": {"class"},
    "tr": {"class"},
}


def clean_redline(html: str) -> str:
    """A redline's HTML sanitised again once its marks are tags: the same rules, plus the marks
    (``ins``/``del`` with ``data-by``, the marker ``sup``, the gap ``span``, row classes)."""
    return _clean(html, tags=REDLINE_TAGS, attributes=REDLINE_ATTRIBUTES)


@lru_cache(maxsize=4096)
def _render(text: str, id_prefix: str) -> str:
    def slugify(value: str, separator: str) -> str:
        slug = slugify_unicode(value, separator)
        return f"{id_prefix}{separator}{slug}" if id_prefix else slug

    md = markdown.Markdown(
        extensions=EXTENSIONS,
        extension_configs={
            "toc": {"slugify": slugify},
        },
        output_format="html",
    )
    html = md.convert(text)
    if id_prefix:  # footnote ids (fn:1, fnref:1) must not clash between sections on one page
        html = _FOOTNOTE_ID.sub(lambda m: f'{m[1]}"{m[2]}{id_prefix}-{m[3]}', html)
    return _clean(html)


def render_markdown(text: str, *, id_prefix: str = "") -> SafeString:
    """Render ``text`` as sanitised HTML. ``id_prefix`` keeps heading ids unique on a page
    that shows many sections (the document page)."""
    return mark_safe(_render(text or "", id_prefix))  # noqa: S308  (sanitised by nh3 above)
