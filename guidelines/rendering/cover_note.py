"""The cover note of a PTC working document: parts numbered I, II, III and paragraphs numbered
1, 2, 3 … continuously across the parts, as in the WCO's documents. Lists stay with the
paragraph before them (they are its indents, not paragraphs of their own)."""

import re
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from .diff import split_blocks
from .markdown import render_markdown
from .numbering import to_roman

_PART = re.compile(r"^#{1,3}\s+(.+?)\s*#*\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_NUMBER_PREFIX = re.compile(r"^\s*(?:[IVXLC]+\.|\d+\.)\s+")


@dataclass(frozen=True)
class Paragraph:
    number: int
    html: SafeString


@dataclass
class Part:
    number: str  # I, II, III …
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)


def cover_note_parts(text: str) -> list[Part]:
    parts: list[Part] = []
    pending: list[str] = []  # the current paragraph and the lists attached to it
    counter = 0

    def flush() -> None:
        nonlocal counter
        if not pending:
            return
        if not parts:
            parts.append(Part("", ""))
        counter += 1
        html = render_markdown("\n\n".join(pending), id_prefix=f"cn{counter}")
        parts[-1].paragraphs.append(Paragraph(counter, html))
        pending.clear()

    for block in split_blocks(text):
        first = block.splitlines()[0]
        heading = _PART.match(first)
        if heading and len(block.splitlines()) == 1:
            flush()
            title = _NUMBER_PREFIX.sub("", heading[1])  # "I. Background" typed by hand: keep ours
            parts.append(Part(to_roman(sum(1 for p in parts if p.number) + 1), title))
            continue
        if _LIST.match(first) and pending:
            pending.append(block)
            continue
        flush()
        pending.append(_NUMBER_PREFIX.sub("", block, count=1) if not _LIST.match(first) else block)
    flush()
    return parts


def agenda_line(agenda_item: str, *, title: str = "", subtitle: str = "") -> str:
    """The cover's "(Item XV on the Agenda)" line, printed once: brackets the user typed are not
    doubled, and nothing is printed when the title or subtitle already names the item."""
    item = (agenda_item or "").strip()
    while item.startswith("(") and item.endswith(")"):
        item = item[1:-1].strip()
    if not item:
        return ""
    # The item as whole words ("Item X" is not named by "Item XV"), whatever the case.
    if re.search(rf"(?<!\w){re.escape(item)}(?!\w)", f"{title}\n{subtitle}", re.IGNORECASE):
        return ""
    return f"({item})"
