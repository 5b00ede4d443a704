"""Re-finding a quoted passage in a section's text after edits (a text-quote selector).

Texts are the whitespace-normalised plain text of the rendered section, what a reader selects.
Exact match first (context decides between repeats); then a fuzzy match: the passage's start and
end searched near where it was (Bitap, diff-match-patch), or the passage found between its
unchanged context. A candidate must still resemble the quote, or the anchor is lost and the
comment is shown as "passage changed" with its original quote.
"""

import html
import re
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from .diff import diff_words, similarity

EXACT, FUZZY, LOST = "exact", "fuzzy", "lost"
CONTEXT = 32
_BLOCK_TAG = re.compile(
    r"</?(?:p|li|ul|ol|h[1-6]|table|thead|tbody|tfoot|tr|td|th|div|blockquote|pre|br|hr|section)"
    r"\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Anchor:
    status: str  # EXACT | FUZZY | LOST
    start: int = 0
    end: int = 0
    text: str = ""  # the passage as it reads now


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def plain_text(rendered_html: str) -> str:
    """What a reader sees of rendered HTML, whitespace-normalised: block elements separate
    words, inline ones do not (as in the browser's text of a selection; static/js/comments.js
    builds the same text)."""
    return normalise(html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", rendered_html))))


def context_at(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    before, after = context_at(text, start, end)
    score = 0
    for a, b in zip(reversed(before), reversed(prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(after, suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def _exact(text: str, quote: str, prefix: str, suffix: str, hint: int | None) -> Anchor | None:
    starts, at = [], text.find(quote)
    while at != -1:
        starts.append(at)
        at = text.find(quote, at + 1)
    if not starts:
        return None
    best = max(
        starts,
        key=lambda s: (
            _context_score(text, s, s + len(quote), prefix, suffix),
            -abs(s - (hint or 0)),
        ),
    )
    return Anchor(EXACT, best, best + len(quote), quote)


def _resembles(quote: str, candidate: str, threshold: float = 0.5) -> bool:
    if not candidate or not 0.3 <= len(candidate) / max(1, len(quote)) <= 3:
        return False
    return similarity(diff_words(quote, candidate)) >= threshold


def _by_bitap(text: str, quote: str, hint: int) -> Anchor | None:
    engine = diff_match_patch()
    engine.Match_Threshold, engine.Match_Distance = 0.35, 2000
    head, tail = quote[:CONTEXT], quote[-CONTEXT:]
    start = engine.match_main(text, head, min(max(0, hint), len(text)))
    if start == -1:
        return None
    end_at = engine.match_main(text, tail, min(len(text), start + len(quote) - len(tail)))
    if end_at == -1 or end_at + len(tail) <= start:
        return None
    candidate = text[start : end_at + len(tail)]
    return (
        Anchor(FUZZY, start, end_at + len(tail), candidate)
        if _resembles(quote, candidate)
        else None
    )


def _by_context(text: str, quote: str, prefix: str, suffix: str) -> Anchor | None:
    """The passage between its unchanged context. An empty prefix or suffix means the quote
    began or ended the text (and still does)."""
    if len(prefix) < 8 and len(suffix) < 8:
        return None
    if prefix:
        before = text.find(prefix)
        if before == -1:
            return None
        start = before + len(prefix)
    else:
        start = 0
    end = text.find(suffix, start) if suffix else len(text)
    if end == -1:
        return None
    candidate = text[start:end].strip()
    if not _resembles(quote, candidate, threshold=0.3):
        return None
    offset = text.index(candidate, start) if candidate else start
    return Anchor(FUZZY, offset, offset + len(candidate), candidate)


def anchor(
    text: str, quote: str, *, prefix: str = "", suffix: str = "", hint: int | None = None
) -> Anchor:
    """Where ``quote`` is in ``text`` now (both whitespace-normalised)."""
    if not quote:
        return Anchor(LOST)
    found = _exact(text, quote, prefix, suffix, hint)
    if found is None:
        found = _by_context(text, quote, prefix, suffix) or _by_bitap(text, quote, hint or 0)
    return found or Anchor(LOST)
