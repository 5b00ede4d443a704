"""Open proposals shown in the section's text, as suggestions (what Word's Track Changes and
Google Docs' suggestion mode show): every amendment made on the current text, at once.

Each proposal is compared word by word with the current text; its edits are anchored in the
current text (characters it deletes, words it inserts at a place) and the edits of all proposals
are merged by position into one list of credited segments (``Segment.by``: the proposal's
index). Where two proposals change the same words, both are shown: the words deleted by either
are struck through once, credited to both, and each proposal's insertion follows at its own
place, credited to it. The segments are then cut into Markdown blocks at the blank lines the
current text keeps, and ``rendering.redline`` renders them (sanitised, every change followed by
the name of whoever suggested it).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .diff import (
    CHANGED,
    DELETE,
    EQUAL,
    INSERT,
    UNCHANGED,
    BlockChange,
    DiffStats,
    Segment,
    TextDiff,
    normalise,
)
from .redline import render_redline, render_words
from .words import word_ops

_BLANK_LINES = re.compile(r"\n[ \t]*\n+")
_MARKER = re.compile(r'<sup class="rl-by" data-by="([\d ]+)">(.*?)</sup>', re.S)


@dataclass(frozen=True)
class SuggestedText:
    """One open amendment to show inline: its place in the legend (``index``, also the colour
    slot) and the text it proposes."""

    index: int
    proposal_id: int
    label: str  # who: the delegation's name (with the proposal's number if it has several)
    heading: str
    body: str


@dataclass(frozen=True)
class InlineSuggestions:
    heading: SafeString | None  # None when no suggestion changes the heading
    body: SafeString
    suggested: tuple[SuggestedText, ...]


def merge_edits(current: str, proposed: Sequence[tuple[int, str]]) -> tuple[Segment, ...]:
    """``current`` with the edits of every (index, proposed text) merged by position: each
    character of ``current`` is unchanged or deleted (credited to every index that deletes it);
    insertions come at their place in ``current``, in the order of ``proposed``, after the
    deletions that end there."""
    current = normalise(current)
    deleted_by: list[list[int]] = [[] for _ in current]
    inserted_at: dict[int, list[tuple[int, str]]] = {}
    for index, text in proposed:
        text = normalise(text)
        for op in word_ops(current, text):
            if op.op == DELETE:
                for at in range(op.i1, op.i2):
                    deleted_by[at].append(index)
            elif op.op == INSERT:
                inserted_at.setdefault(op.i1, []).append((index, text[op.j1 : op.j2]))
    out: list[Segment] = []

    def add(op: str, text: str, by: tuple[int, ...]) -> None:
        last = out[-1] if out else None
        if last is not None and last.op == op and last.by == by:
            out[-1] = Segment(op, last.text + text, last.at, by)
        else:
            out.append(Segment(op, text, -1, by))

    for at in range(len(current) + 1):
        for index, text in inserted_at.get(at, ()):
            add(INSERT, text, (index,))
        if at < len(current):
            who = tuple(deleted_by[at])
            add(DELETE if who else EQUAL, current[at], who)
    return tuple(out)


def _block(segments: list[Segment]) -> BlockChange | None:
    old = "".join(s.text for s in segments if s.op != INSERT)
    new = "".join(s.text for s in segments if s.op != DELETE)
    if not old.strip() and not new.strip():
        return None
    if all(s.op == EQUAL for s in segments):
        return BlockChange(UNCHANGED, old, new)
    return BlockChange(CHANGED, old, new, tuple(segments))


def suggestion_diff(segments: Sequence[Segment]) -> TextDiff:
    """Merged segments cut into blocks at the blank lines that stay in every reading."""
    blocks: list[BlockChange] = []
    run: list[Segment] = []
    for segment in segments:
        if segment.op != EQUAL:
            run.append(segment)
            continue
        pieces = _BLANK_LINES.split(segment.text)
        for number, piece in enumerate(pieces):
            if number:
                block = _block(run)
                if block is not None:
                    blocks.append(block)
                run = []
            if piece:
                run.append(Segment(EQUAL, piece))
    block = _block(run)
    if block is not None:
        blocks.append(block)
    return TextDiff(tuple(blocks), DiffStats(0, 0, 0))


def _linked(html: str, suggested: Sequence[SuggestedText]) -> SafeString:
    """Each marker after a change names who suggested it, for everyone (not by colour alone),
    each name a link to that suggestion's panel (names escaped here, numbers are integers)."""
    by_index = {s.index: s for s in suggested}
    prefix = escape(_("Suggested by"))

    def link(match: re.Match) -> str:
        names = [
            f'<a href="#suggestion-{by_index[n].proposal_id}">{escape(by_index[n].label)}</a>'
            for n in map(int, match[1].split())
            if n in by_index
        ]
        if not names:
            return match[0]
        inner = ", ".join(names)
        return (
            f'<sup class="rl-by" data-by="{match[1]}">'
            f'<span class="visually-hidden">{prefix} </span>{inner}</sup>'
        )

    return mark_safe(_MARKER.sub(link, html))  # noqa: S308  (escaped parts and integers only)


def render_suggestions(
    *, heading: str, body: str, suggested: Sequence[SuggestedText], id_prefix: str = ""
) -> InlineSuggestions:
    """The current heading and text with every suggestion in ``suggested`` shown inline."""
    labels = {s.index: s.label for s in suggested}
    heading_html = None
    changed = [(s.index, s.heading) for s in suggested if s.heading != heading]
    if changed:
        heading_html = _linked(str(render_words(merge_edits(heading, changed), labels)), suggested)
    segments = merge_edits(body, [(s.index, s.body) for s in suggested])
    html = render_redline(suggestion_diff(segments), id_prefix=id_prefix, labels=labels)
    return InlineSuggestions(heading_html, _linked(str(html), suggested), tuple(suggested))
