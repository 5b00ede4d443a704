"""The duplication finder's passages side by side: each passage escaped, with the words the
two passages share (compared as stems, so "seals" and "sealed" match) in ``<mark>``."""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..selectors.search_query import stem
from ..services.overlaps_engine import shared_stems

_WORD = re.compile(r"[^\W_]+")


def highlight(text: str, shared: set[str], language: str) -> SafeString:
    out, last = [], 0
    for match in _WORD.finditer(text):
        out.append(escape(text[last : match.start()]))
        word = match.group(0)
        if stem(word.lower(), language) in shared:
            out.append(f"<mark>{escape(word)}</mark>")
        else:
            out.append(escape(word))
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped; only <mark> added


@dataclass(frozen=True)
class SideBySide:
    mine: SafeString
    theirs: SafeString
    percent: int


def side_by_side(passages: list[dict], language: str) -> list[SideBySide]:
    """The stored passage pairs (``Overlap.passages``) ready for the page."""
    rows = []
    for pair in passages:
        mine, theirs = str(pair.get("mine", "")), str(pair.get("theirs", ""))
        shared = shared_stems(mine, theirs, language)
        rows.append(
            SideBySide(
                highlight(mine, shared, language),
                highlight(theirs, shared, language),
                round(float(pair.get("score", 0)) * 100),
            )
        )
    return rows


def shade(score: float | None) -> str:
    """The coverage cell's shade class for a score: 0 (none) to 4 (near identical)."""
    if score is None or score < 0.2:
        return ""
    return f"overlap-{min(4, int(score * 5))}"
