"""Cross-references resolved: each ``[[key]]`` placeholder of rendered Markdown (see
``rendering.xref_syntax``) becomes the section's CURRENT number and heading with a link.

The Markdown step leaves a placeholder independent of numbering, so its output stays cached;
this second pass is a regular expression over that output with a resolver built once per page
from the tree the page already has (no query per reference). A key that is not in the live
tree (a deleted section, a typo) becomes a flagged "broken reference", in words, not colour.
"""

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .numbering import shown_label

# A placeholder; in a redline its text is wrapped in the change (``<a …><ins …>[[k]]</ins></a>``),
# which the resolved reference then carries around it whole.
_PLACEHOLDER = (
    r'<a class="xref" data-xref="([A-Za-z0-9_-]{1,80})"[^>]*>'
    r"(<(ins|del)\b[^>]*>)?\[\[\1\]\](?(2)</\3>)</a>"
)


@dataclass(frozen=True)
class XrefTarget:
    """Where a key points now: its number ("3.2", "Annex II", "" for front matter), its heading
    in the page's language, and the link (a page address, or ``#s-<key>`` in a PDF)."""

    label: str
    heading: str
    url: str
    lang: str = ""  # the heading's language where it may differ from the text's ("en", "fr")


@dataclass(frozen=True)
class XrefResolver:
    """The live sections of a document by key. ``print_pages``: in a PDF, each reference also
    gets its page number (``data-page-label`` for print.css's ``target-counter``)."""

    targets: Mapping[str, XrefTarget] = field(default_factory=dict)
    print_pages: bool = False

    def get(self, key: str) -> XrefTarget | None:
        return self.targets.get(key)

    def items(self) -> list[tuple[str, XrefTarget]]:
        """(key, target) in reading order: the editor's list of keys to copy."""
        return list(self.targets.items())


class LazyXrefResolver:
    """A resolver built only when a page's text has a reference (``load`` reads the tree):
    pages that do not have the tree at hand pay the query only when it is needed."""

    print_pages = False

    def __init__(self, load: Callable[[], XrefResolver]) -> None:
        self._load = load
        self._resolver: XrefResolver | None = None

    def __bool__(self) -> bool:
        """There is a resolver (``{% if xref %}``): true without reading the tree."""
        return True

    def _loaded(self) -> XrefResolver:
        if self._resolver is None:
            self._resolver = self._load()
        return self._resolver

    def get(self, key: str) -> XrefTarget | None:
        return self._loaded().get(key)

    def items(self) -> list[tuple[str, XrefTarget]]:
        return self._loaded().items()


def xref_resolver(
    nodes: Iterable,
    url_for: Callable[[str], str],
    *,
    headings: Mapping[int, tuple[str, str]] | None = None,
    print_pages: bool = False,
) -> XrefResolver:
    """A resolver from tree nodes (``.key``, ``.label``, ``.section``). ``headings``: (heading,
    its language) by section id, as a page read in a translation shows them; English otherwise
    (an English text on a French page, or a French one, may then name a heading in the other)."""
    return XrefResolver(_NodeTargets(nodes, url_for, headings or {}), print_pages=print_pages)


class _NodeTargets(Mapping):
    """The targets by key, each built when first asked for: a page of 3,000 sections resolves the
    few its texts name, not a link for every section (which took ~10 ms on every page view)."""

    def __init__(self, nodes: Iterable, url_for, headings: Mapping) -> None:
        self._nodes = {node.key: node for node in nodes}
        self._url_for = url_for
        self._headings = headings
        self._built: dict[str, XrefTarget] = {}

    def __getitem__(self, key: str) -> XrefTarget:
        target = self._built.get(key)
        if target is None:
            node = self._nodes[key]
            heading, lang = self._headings.get(node.section.pk) or (node.section.heading, "")
            target = self._built[key] = XrefTarget(node.label, heading, self._url_for(key), lang)
        return target

    def __iter__(self):
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)


def xref_html(key: str, target: XrefTarget | None, *, print_pages: bool = False) -> SafeString:
    """One reference: "3.2 Transit procedures" linked, or the broken-reference flag."""
    if target is None:
        return format_html(
            '<span class="xref xref-broken" data-xref="{}">[[{}]] <strong>({})</strong></span>',
            key,
            key,
            _("broken reference: no such section"),
        )
    number = shown_label(target.label)
    heading = format_html('<span lang="{}">{}</span>', target.lang, target.heading)
    text = format_html("{} {}", number, heading) if number else heading
    if not target.lang:
        text = " ".join(p for p in (number, target.heading) if p)
    if print_pages:
        return format_html(
            '<a class="xref" href="{}" data-page-label="{}">{}</a>',
            target.url,
            pgettext("in a cross-reference: see 3.2 Transit, page 14", "page"),
            text,
        )
    return format_html('<a class="xref" href="{}">{}</a>', target.url, text)


def resolve_xrefs(html: str, resolver) -> SafeString:
    """``html`` (sanitised, from ``render_markdown``) with every placeholder resolved. Without
    a resolver the placeholders stay (they read ``[[key]]``)."""
    if resolver is None or resolver == "" or 'class="xref"' not in html:
        return mark_safe(html)  # noqa: S308  (already sanitised; only our placeholders change)

    def replace(match: re.Match) -> str:
        key = match[1]
        reference = xref_html(key, resolver.get(key), print_pages=resolver.print_pages)
        return f"{match[2]}{reference}</{match[3]}>" if match[2] else reference

    return mark_safe(re.sub(_PLACEHOLDER, replace, html))  # noqa: S308  (format_html escapes)


def xref_keys(html: str) -> list[str]:
    """The keys referred to in rendered ``html``, in order."""
    return [m[1] for m in re.finditer(_PLACEHOLDER, html)]
