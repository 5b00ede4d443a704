"""``[[section-key]]`` in a text: a cross-reference to another section of the document.

The Markdown step turns it into a placeholder independent of numbering,
``<a class="xref" data-xref="key">[[key]]</a>``, so rendered Markdown stays cacheable;
:func:`guidelines.rendering.xrefs.resolve_xrefs` later gives it the section's current number,
heading and link. Inside code (`` `[[key]]` ``) it stays as typed. Where nothing resolves it
(a comment, an import's reading) it reads as typed: ``[[key]]``.
"""

import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

# Section keys are Django slugs (models.Section.key): ASCII letters, digits, "-" and "_".
XREF_PATTERN = r"\[\[([A-Za-z0-9_-]{1,80})\]\]"


class _XrefProcessor(InlineProcessor):
    def handleMatch(self, m, data):  # noqa: N802  (python-markdown's name)
        element = etree.Element("a")
        element.set("class", "xref")
        element.set("data-xref", m.group(1))
        element.text = AtomicString(f"[[{m.group(1)}]]")
        return element, m.start(0), m.end(0)


class CrossReferences(Extension):
    def extendMarkdown(self, md):  # noqa: N802
        # Before links (160) and references (170): "[[key]]" is not a link "[key]" in brackets.
        md.inlinePatterns.register(_XrefProcessor(XREF_PATTERN, md), "xref", 180)
