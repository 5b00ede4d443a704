"""French typography for the French edition: a narrow no-break space (U+202F) before ; : ! ? and »
and after «, in place of an ordinary space there (never doubled). Addresses (https://…, www.…,
e-mail), times and ratios (12:30, 1:2) are left alone, and in HTML only text is touched: not
tags, attributes, entities' insides, code, or anything marked with a language other than French.
"""

import html
import re

NNBSP = "\u202f"
_BEFORE = ";:!?»"
_SPACES = " \u00a0\u202f\u2009\t"
# After these, punctuation gets no space: "?!", "(?)", "« ?", a new line.
_NO_SPACE_AFTER = _BEFORE + "«([{/\n\r"
_PROTECTED = re.compile(
    r"(?:https?|ftp|mailto|file|tel):\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\d+:\d+"
    r"|\b[\w-]+(?:\.[\w-]+)+/\S*|\b[A-Za-z]:\\\S*",  # bare domains with a path, C:\dir
    re.IGNORECASE,
)


def _spaced(text: str, prev: str) -> str:
    """``text`` with the spaces set; ``prev``: the character before it ("" at a start)."""
    out: list[str] = []
    open_quote, dropped = prev == "«", False  # just after «; spaces dropped there
    for ch in text:
        if open_quote:
            if ch in _SPACES:
                dropped = True
                continue  # one narrow space replaces them, before the next character
            open_quote, dropped = False, False
            if ch not in "»\n":
                out.append(NNBSP)
        last = out[-1] if out else prev
        if ch in _BEFORE:
            if last and last in _SPACES:
                while out and out[-1] in _SPACES:
                    out.pop()
                out.append(NNBSP)
            elif last and last not in _NO_SPACE_AFTER and not last.isspace():
                out.append(NNBSP)
        out.append(ch)
        open_quote = open_quote or ch == "«"
    if open_quote and dropped:
        out.append(NNBSP)  # "« " at the end: the quotation goes on in the next node
    return "".join(out)


def french_spacing(text: str, prev: str = "") -> str:
    """Plain text with French spacing (see the module docstring); ``prev``: the character
    before the text, if it continues some."""
    pieces, start = [], 0
    for found in _PROTECTED.finditer(text):
        pieces.append(_spaced(text[start : found.start()], prev))
        pieces.append(found[0])
        prev, start = found[0][-1], found.end()
    pieces.append(_spaced(text[start:], prev))
    return "".join(pieces)


_TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z][\w:-]*)([^>]*?)(/)?\s*>", re.DOTALL)
_LANG = re.compile(r"""\slang\s*=\s*["']?([\w-]*)""", re.IGNORECASE)
_VOID = {"br", "img", "hr", "input", "meta", "link", "col", "wbr", "source", "area", "base"}
_RAW = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "math", "svg"}
_INLINE = {
    "a", "abbr", "b", "cite", "del", "em", "i", "ins", "mark", "q", "s", "small", "span",
    "strong", "sub", "sup", "u", "time", "bdi", "bdo", "dfn", "var",
}  # fmt: skip


def french_typography_html(markup: str) -> str:
    """HTML with French spacing in its text nodes (not in tags, attributes, code, or under an
    element whose ``lang`` is not French)."""
    tokens = _TOKEN.split(str(markup))
    stack: list[tuple[str, bool]] = []  # (tag, skipped) of the open elements
    prev = ""  # the last character of text in the current block
    last_text = None  # index of the previous text token in the same block
    plain: dict[int, str] = {}  # the text tokens, unescaped
    for index, token in enumerate(tokens):
        if not token:
            continue
        if token.startswith("<"):
            tag = _TAG.match(token)
            if tag is None:
                continue
            closing, name = tag[1], tag[2].lower()
            if name not in _INLINE:
                prev, last_text = "", None
            if closing:
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == name:
                        del stack[depth:]
                        break
            elif name not in _VOID and not tag[4]:
                lang = _LANG.search(tag[3])
                skipped = stack[-1][1] if stack else False
                if name in _RAW:
                    skipped = True
                elif lang is not None:
                    skipped = not lang[1].lower().startswith("fr")
                stack.append((name, skipped))
            continue
        if stack and stack[-1][1]:
            prev, last_text = (html.unescape(token)[-1:] or prev), None
            continue
        text = html.unescape(token)
        stripped = text.lstrip(_SPACES)
        if stripped[:1] in tuple(_BEFORE) and last_text is not None:
            # "<b>Note</b> : …" is fine; "Note <b>:</b>" moves the space into this node.
            previous = plain[last_text]
            if previous and previous[-1] in _SPACES:
                plain[last_text] = previous.rstrip(_SPACES)
                tokens[last_text] = html.escape(plain[last_text], quote=False)
                prev = plain[last_text][-1:] or " "
        spaced = french_spacing(text, prev)
        plain[index], tokens[index] = spaced, html.escape(spaced, quote=False)
        prev, last_text = (spaced[-1:] or prev), index
    return "".join(tokens)
