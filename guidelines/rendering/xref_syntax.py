"""``[[section-key]]`` in a text: a cross-reference to another section of the document.

The Markdown step turns it into a placeholder independent of numbering,
``<a class="xref" data-xref="key">[[key]]</a>``, so rendered Markdown stays cacheable;
:func:`guidelines.rendering.xrefs.resolve_xrefs` later gives it the section's current number,
heading and link. Inside code (`` `[[key]]` ``) it stays as typed. Where nothing resolves it
(a comment, an import's reading) it reads as typed: ``[[key]]``.
"""

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

# Section keys are Django slugs (models.Section.key): ASCII letters, digits, "-" and "_".
XREF_PATTERN = r"\[\[([A-Za-z0-9_-]{1,80})\]\]"


_TAG_START = re.compile(r"<[A-Za-z/!]")


def _in_a_tag(data: str, at: int) -> bool:
    """Offset ``at`` of ``data`` is inside a raw HTML tag (or an autolink ``<https://…>``):
    after a "<" that opens one and before its ">"."""
    opened = data.rfind("<", 0, at)
    return opened != -1 and data.rfind(">", 0, at) < opened and bool(_TAG_START.match(data, opened))


class _XrefProcessor(InlineProcessor):
    def __init__(self, pattern: str, md, marker: str) -> None:
        super().__init__(pattern, md)
        self.marker = marker

    def handleMatch(self, m, data):  # noqa: N802  (python-markdown's name)
        if _in_a_tag(data, m.start(0)):  # <span title="[[key]]">: raw HTML, kept as typed
            return None, None, None
        element = etree.Element("a")
        element.set("class", f"{self.marker}xref")
        element.set("data-xref", f"{self.marker}{m.group(1)}")
        element.text = AtomicString(f"[[{m.group(1)}]]")
        return element, m.start(0), m.end(0)


class CrossReferences(Extension):
    """``marker``: put before the placeholder's class and key, which the sanitiser keeps only
    with it (and then removes), so that an author's own ``class="xref"`` or ``data-xref`` in
    raw HTML is dropped and only our placeholders carry them."""

    def __init__(self, marker: str = "") -> None:
        super().__init__()
        self.marker = marker

    def extendMarkdown(self, md):  # noqa: N802
        # Before links (160) and references (170): "[[key]]" is not a link "[key]" in brackets.
        md.inlinePatterns.register(_XrefProcessor(XREF_PATTERN, md, self.marker), "xref", 180)
