"""Markdown to safe HTML: python-markdown with a deliberate extension set, then nh3.

python-markdown passes raw HTML through and does not sanitise, so every page and PDF gets its
HTML from :func:`render_markdown`, never from python-markdown directly. ``attr_list`` and
``md_in_html`` are deliberately not enabled: they let attributes and raw HTML through.

No ``id`` or ``name`` comes from the user's text: an ``id`` survives only if we generated it
(heading anchors ``h-<prefix>-<slug>``, footnotes ``<prefix>-fn:1``), so a body cannot shadow
another anchor such as ``#comment-12``. Images come only from our own static files or ``data:``
(PNG, JPEG, GIF, WebP); any other image becomes a plain link to its address.
"""

import re
import secrets
from functools import lru_cache
from html import escape, unescape

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.toc import slugify_unicode

from .xref_syntax import CrossReferences

# Put before the ids we generate while rendering, removed after sanitising: an id without it
# came from the user's text and is dropped. Random per process, so a text cannot forge it.
_OURS = f"x{secrets.token_hex(8)}x"

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "del", "div", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "ol", "p", "pre", "s", "section",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title"},
    "a": {"href", "class", "data-xref"},
    "abbr": {"title"},
    "div": {"class"},
    "img": {"src", "alt"},
    "li": {"id"},
    "ol": {"start"},
    "sup": {"id"},
    "td": {"align", "colspan", "rowspan", "style"},
    "th": {"align", "colspan", "rowspan", "style"},
}
URL_SCHEMES = {"http", "https", "mailto", "data"}  # data: only for images, see _keep
LINK_REL = "noopener noreferrer nofollow"
_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.IGNORECASE)
_IMG = re.compile(r'<img((?:\s+[\w-]+(?:="[^"]*")?)*)\s*/?>')
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')


def image_allowed(src: str) -> bool:
    """Our own static files or an inline raster image; never another site, never SVG."""
    src = src.strip()
    return bool(_DATA_IMAGE.match(src)) or (src.startswith("/static/") and ".." not in src)


def _keep(ours_only: bool):
    def keep(tag: str, attr: str, value: str) -> str | None:
        if attr in {"id", "data-xref"} and ours_only:
            return value if value.startswith(_OURS) else None
        if attr == "class" and ours_only and "xref" in value.split():  # an author's: not ours
            return " ".join(c for c in value.split() if c != "xref") or None
        if attr in {"href", "src"} and value.strip().lower().startswith("data:"):
            return value if tag == "img" and attr == "src" else None
        return value

    return keep


def _image_as_link(match: re.Match) -> str:
    attrs = {name: unescape(value) for name, value in _ATTR.findall(match[1])}
    src = attrs.get("src", "")
    if image_allowed(src):
        return match[0]
    text = escape(attrs.get("alt") or src)
    if not src.lower().startswith(("http://", "https://")):
        return text
    return f'<a href="{escape(src)}" rel="{LINK_REL}">{text}</a>'


def _clean(
    html: str, *, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, ours_only: bool = True
) -> str:
    html = nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        filter_style_properties={"text-align"},
        strip_comments=True,
        attribute_filter=_keep(ours_only),
    )
    return _IMG.sub(_image_as_link, html).replace(_OURS, "")


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
    return _clean(html, tags=REDLINE_TAGS, attributes=REDLINE_ATTRIBUTES, ours_only=False)


class _Footnotes(FootnoteExtension):
    """Footnote ids marked as ours and prefixed, so two sections on one page do not clash."""

    def __init__(self, id_prefix: str) -> None:
        super().__init__()
        self.id_prefix = f"{id_prefix}-" if id_prefix else ""

    def makeFootnoteId(self, id: str) -> str:  # noqa: N802  (python-markdown's name)
        return _OURS + self.id_prefix + super().makeFootnoteId(id)

    def makeFootnoteRefId(self, id: str, found: bool = False) -> str:  # noqa: N802
        return _OURS + self.id_prefix + super().makeFootnoteRefId(id, found)


@lru_cache(maxsize=4096)
def _render(text: str, id_prefix: str) -> str:
    def slugify(value: str, separator: str) -> str:
        slug = slugify_unicode(value, separator)
        return separator.join([f"{_OURS}h", *([id_prefix] if id_prefix else []), slug])

    md = markdown.Markdown(
        extensions=["tables", _Footnotes(id_prefix), "sane_lists", "toc", CrossReferences(_OURS)],
        extension_configs={"toc": {"slugify": slugify}},
        output_format="html",
    )
    return _literal_in_code(_clean(md.convert(text)))


_CODE = re.compile(r"<code>.*?</code>", re.S)
_PLACEHOLDER_IN_CODE = re.compile(r'<a class="xref" data-xref="[^"]*"[^>]*>(\[\[[^<]*\]\])</a>')


def _literal_in_code(html: str) -> str:
    """``[[key]]`` in raw HTML ``<code>`` (which python-markdown renders inside) stays as typed,
    as in a Markdown code span."""
    if 'class="xref"' not in html or "<code>" not in html:
        return html
    return _CODE.sub(lambda m: _PLACEHOLDER_IN_CODE.sub(r"\1", m[0]), html)


def render_markdown(text: str, *, id_prefix: str = "") -> SafeString:
    """Render ``text`` as sanitised HTML. ``id_prefix`` keeps heading and footnote ids unique
    on a page that shows many sections (the document page)."""
    return mark_safe(_render(text or "", id_prefix))  # noqa: S308  (sanitised by nh3 above)
