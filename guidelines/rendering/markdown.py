"""Markdown to safe HTML: python-markdown with a deliberate extension set, then nh3.

python-markdown passes raw HTML through and does not sanitise, so every page and PDF gets its
HTML from :func:`render_markdown`, never from python-markdown directly. ``attr_list`` and
``md_in_html`` are deliberately not enabled: they let attributes and raw HTML through.

No ``id`` or ``name`` comes from the user's text: an ``id`` survives only if we generated it
(heading anchors ``h-<prefix>-<slug>``, footnotes ``<prefix>-fn:1``), so a body cannot shadow
another anchor such as ``#comment-12``. Images come only from our own static files or ``data:``
(PNG, JPEG, GIF, WebP); any other image becomes a plain link to its address.

Rendered HTML is kept at two levels: the last ``IN_PROCESS_ENTRIES`` texts in this process, and
the cache every process shares (render_cache.py). A page that shows many texts (the document
page, the exports) calls :func:`warm` with them first: one ``get_many`` for those this process
does not hold, the others rendered and stored with one ``set_many``. :func:`render_markdown`
alone looks only in this process (a text it renders is kept here), so a page never makes one
cache round trip per text: previews, comments and a redline's pieces stay out of the shared
cache.
"""

import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterable
from html import escape, unescape

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.toc import slugify_unicode

from . import render_cache
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


def _pipeline(text: str, id_prefix: str) -> str:
    """Markdown to sanitised HTML, uncached (counted: see :func:`rendered_count`)."""
    global _rendered
    _rendered += 1

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


class _Recent:
    """The HTML of the texts this process used last, by address: bounded, the least recently
    used dropped first; safe to share between a worker's threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, address: str) -> str | None:
        with self._lock:
            html = self._items.get(address)
            if html is not None:
                self._items.move_to_end(address)
            return html

    def put(self, address: str, html: str) -> None:
        with self._lock:
            self._items[address] = html
            self._items.move_to_end(address)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)

    def cache_clear(self) -> None:
        with self._lock:
            self._items.clear()


# Enough for every text of a 3,000-section document read in two languages: a page that shows
# more than this renders the excess again (correct, slower).
IN_PROCESS_ENTRIES = 8192
_recent = _Recent(IN_PROCESS_ENTRIES)
_rendered = 0


def rendered_count() -> int:
    """How many texts this process has put through Markdown (not found in a cache)."""
    return _rendered


def forget_in_process() -> None:
    """Empty this process's level, as in a worker that just started (tests, ``make bench``)."""
    _recent.cache_clear()


def _render(text: str, id_prefix: str, keep: bool = True) -> str:
    if not text:
        return ""  # a chapter without text of its own
    address = render_cache.digest(text, id_prefix)
    html = _recent.get(address)
    if html is None:
        html = _pipeline(text, id_prefix)
        if keep:
            _recent.put(address, html)
    return html


def warm(pairs: Iterable[tuple[str | None, str]], *, share: bool = False) -> int:
    """Make ``(text, id_prefix)`` pairs that a page is about to render ready in this process:
    those it does not hold are read from the shared cache in one ``get_many``; those missing
    there are rendered and stored in one ``set_many``. ``share``: make sure the shared cache
    has them all, also those this process holds (the task run after a save). Returns how many
    texts were rendered."""
    wanted: dict[str, tuple[str, str]] = {}
    held: dict[str, str] = {}
    for text, id_prefix in pairs:
        if text:
            address = render_cache.digest(text, id_prefix)
            if address in wanted or address in held:
                continue
            html = _recent.get(address)
            if html is None or share:
                wanted[address] = (text, id_prefix)
            if html is not None:
                held[address] = html
    if not wanted:
        return 0
    found = render_cache.fetch(wanted)
    fresh = {a: held.get(a) or _pipeline(*pair) for a, pair in wanted.items() if a not in found}
    render_cache.store(fresh)
    for address, html in (found | fresh).items():
        _recent.put(address, html)
    return sum(1 for a in fresh if a not in held)


def render_markdown(text: str, *, id_prefix: str = "", keep: bool = True) -> SafeString:
    """Render ``text`` as sanitised HTML. ``id_prefix`` keeps heading and footnote ids unique
    on a page that shows many sections (the document page). ``keep=False``: a text shown once
    (the editor's live preview, re-rendered at every pause in typing) is not kept in this
    process's cache, so that typing cannot push the sections' texts out of it."""
    return mark_safe(_render(text or "", id_prefix, keep))  # noqa: S308  (sanitised by nh3)
