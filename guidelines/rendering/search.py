"""A search hit made safe to show: everything escaped, then the hit marks put in by the
database or the highlighter (private-use characters that indexed text never contains) turned
into <mark>. The text itself is never trusted."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..selectors.search_query import HIT_END, HIT_START


def highlighted(text: str) -> SafeString:
    escaped = str(escape(text or ""))
    opened = 0
    out = []
    for ch in escaped:
        if ch == HIT_START:
            if not opened:
                out.append("<mark>")
            opened += 1
        elif ch == HIT_END:
            if opened == 1:
                out.append("</mark>")
            opened = max(0, opened - 1)
        else:
            out.append(ch)
    if opened:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - escaped above; only our own tags added
