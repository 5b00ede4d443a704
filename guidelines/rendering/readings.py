"""What marked HTML reads as: its paragraphs' words without the deletions (the new text) or
without the insertions (the old). The redline checks its own output with it before showing
word-level marks, and falls back to whole blocks where Markdown took a change apart."""

import re
from html import unescape

from .markdown import render_markdown

_HTML_TAG = re.compile(r"<[^>]*>")
_DECORATION = re.compile(
    r'<sup class="rl-by"[^>]*>.*?</sup>|<span class="rl-gap"> </span>'
    r'|<span class="rl-label">.*?</span>',
    re.S,
)
_TEXT_OF = {"ins": re.compile(r"<ins\b[^>]*>.*?</ins>", re.S),
            "del": re.compile(r"<del\b[^>]*>.*?</del>", re.S)}  # fmt: skip
_PRE = re.compile(r"<pre\b[^>]*>")
_BLOCK_TAG = re.compile(r"</?(?:p|li|h[1-6]|td|th|pre|blockquote|tr|ul|ol|div|table)\b[^>]*>")


def paragraph_words(html: str, drop: str | None = None) -> list[str]:
    """The paragraphs an HTML fragment shows, as words (without the <ins> or <del> named by
    ``drop``); a paragraph left without words is gone."""
    html = _DECORATION.sub("", html)
    if drop:
        html = _TEXT_OF[drop].sub("", html)
    html = _PRE.sub("\x00\x01", html)  # code keeps its spaces: not the same as a paragraph
    html = _BLOCK_TAG.sub("\x00", html)
    paragraphs = unescape(_HTML_TAG.sub("", html)).split("\x00")
    return [words for words in (" ".join(p.split()) for p in paragraphs) if words]


def reads_as(html: str, old: str, new: str, id_prefix: str) -> bool:
    """Whether marks read, paragraph by paragraph, without the deletions as the new text and
    without the insertions as the old (Markdown can take a change apart: a deleted list bullet
    leaves the list, emphasis marks split by a change no longer pair up)."""

    def clean(text: str) -> list[str]:
        return paragraph_words(str(render_markdown(text, id_prefix=id_prefix)))

    return paragraph_words(html, "del") == clean(new) and paragraph_words(html, "ins") == clean(old)
