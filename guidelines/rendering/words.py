"""Word-level comparison of two strings, as typed values (no HTML here).

The engine is diff-match-patch run over *tokens* (words, single CJK characters, whitespace runs,
punctuation), each token encoded as one character, with semantic clean-up: changing one word in
a long paragraph marks that word, not the paragraph. Long texts are aligned on anchors first
(``rendering.token_diff``), so the time stays near linear whatever the words' frequencies.

Every result is exact: the unchanged and deleted pieces rebuild the old text and the unchanged
and inserted pieces rebuild the new one, whitespace included, up to the kind of whitespace (a
line wrap against a space is not a change; a space that appears or disappears is). That is what
lets an office suite's "Accept all" and "Reject all" on a redline give back the two texts.
"""

import re
from dataclasses import dataclass, field

from diff_match_patch import diff_match_patch

from .token_diff import diff_codes

EQUAL, INSERT, DELETE = "equal", "insert", "delete"

_CJK = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]"
# A token is a word (or one CJK character, or a run of Markdown emphasis marks such as "**", or
# one other character) with the whitespace after it: half as many tokens as counting whitespace
# apart, and whitespace never matches on its own. A cross-reference "[[key]]" is one token: a
# changed reference is deleted and inserted whole, never marked inside its brackets.
_XREF = r"\[\[[A-Za-z0-9_-]{1,80}\]\]"
TOKEN = re.compile(
    rf"(?:{_XREF}|{_CJK}|[^\W_]+(?:['’][^\W_]+)*|\*+|_+|`+|~+|\S)\s*|\s+", re.UNICODE
)
_CODE_BASE = 0x20000  # tokens are encoded as characters from here on (never surrogates)


@dataclass(frozen=True)
class Segment:
    """A run of text that is unchanged, inserted or deleted.

    ``at`` is where ``text`` starts: in the new text for EQUAL and INSERT, in the old text for
    DELETE (-1 when unknown). ``by`` names who made the change (indexes into a list of
    contributors, see ``rendering.attribution``); neither takes part in equality.
    """

    op: str  # EQUAL | INSERT | DELETE
    text: str
    at: int = field(default=-1, compare=False)
    by: tuple[int, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Op:
    """One step of an edit script in character offsets: old[i1:i2] -> new[j1:j2]."""

    op: str
    i1: int
    i2: int
    j1: int
    j2: int


def tokenize(text: str) -> list[str]:
    return TOKEN.findall(text)


_WORD_START = re.compile(r"\w")


def is_word(token: str) -> bool:
    return _WORD_START.match(token) is not None


def count_words(text: str) -> int:
    return len(list(filter(_WORD_START.match, tokenize(text))))


def _encode(a: list[str], b: list[str]) -> tuple[str, str]:
    """One character per token; a word matches itself whatever whitespace follows it."""
    codes: dict[str, str] = {}
    table: dict[str, str] = {}  # token as written -> code
    for token in dict.fromkeys(a + b):  # each distinct token once, in order of appearance
        key = token.rstrip() or " "
        code = codes.get(key)
        if code is None:
            code = codes[key] = chr(_CODE_BASE + len(codes))
        table[token] = code
    return "".join(map(table.__getitem__, a)), "".join(map(table.__getitem__, b))


class _Script:
    """Collects ops, merging neighbours of the same kind."""

    def __init__(self) -> None:
        self.ops: list[Op] = []

    def add(self, op: str, i1: int, i2: int, j1: int, j2: int) -> None:
        if i1 == i2 and j1 == j2:
            return
        last = self.ops[-1] if self.ops else None
        if last is not None and last.op == op and last.i2 == i1 and last.j2 == j1:
            self.ops[-1] = Op(op, last.i1, i2, last.j1, j2)
        else:
            self.ops.append(Op(op, i1, i2, j1, j2))


def word_ops(old: str, new: str, *, timeout: float = 2.0) -> list[Op]:
    """The edit script turning ``old`` into ``new``, word by word, in character offsets."""
    if old == new:
        return [Op(EQUAL, 0, len(old), 0, len(new))] if old else []
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    a, b = _encode(old_tokens, new_tokens)
    engine = diff_match_patch()
    engine.Diff_Timeout = timeout
    diffs = diff_codes(engine, a, b, fold=True)
    engine.diff_cleanupSemantic(diffs)
    script = _Script()
    i = j = 0  # token positions
    oi = oj = 0  # character positions
    for op, chars in diffs:
        n = len(chars)
        if op == 0 and old_tokens[i : i + n] == new_tokens[j : j + n]:  # the same, as written
            size = sum(map(len, old_tokens[i : i + n]))
            script.add(EQUAL, oi, oi + size, oj, oj + size)
            oi, oj, i, j = oi + size, oj + size, i + n, j + n
        elif op == 0:
            for _ in range(n):
                ta, tb = old_tokens[i], new_tokens[j]
                wa, wb = ta.rstrip() or ta, tb.rstrip() or tb
                if (len(wa) < len(ta)) == (len(wb) < len(tb)):  # whitespace after both or neither
                    script.add(EQUAL, oi, oi + len(ta), oj, oj + len(tb))
                else:  # the same word, but a space appeared or disappeared after it
                    script.add(EQUAL, oi, oi + len(wa), oj, oj + len(wb))
                    script.add(DELETE, oi + len(wa), oi + len(ta), oj + len(wb), oj + len(wb))
                    script.add(INSERT, oi + len(ta), oi + len(ta), oj + len(wb), oj + len(tb))
                oi, oj, i, j = oi + len(ta), oj + len(tb), i + 1, j + 1
        elif op == 1:
            size = sum(map(len, new_tokens[j : j + n]))
            script.add(INSERT, oi, oi, oj, oj + size)
            oj, j = oj + size, j + n
        else:
            size = sum(map(len, old_tokens[i : i + n]))
            script.add(DELETE, oi, oi + size, oj, oj)
            oi, i = oi + size, i + n
    return _share_trailing_space(script.ops, old, new)


def _share_trailing_space(ops: list[Op], old: str, new: str) -> list[Op]:
    """A word replaced by another ("old " -> "new "): the space after both is kept unchanged,
    once, after the replacement, rather than deleted and inserted again."""
    script = _Script()
    index = 0
    while index < len(ops):
        o = ops[index]
        following = ops[index + 1] if index + 1 < len(ops) else None
        if o.op == DELETE and following is not None and following.op == INSERT:
            deleted, inserted = old[o.i1 : o.i2], new[following.j1 : following.j2]
            a = len(deleted) - len(deleted.rstrip())
            b = len(inserted) - len(inserted.rstrip())
            if a and b and deleted.strip() and inserted.strip():
                script.add(DELETE, o.i1, o.i2 - a, o.j1, o.j1)
                script.add(INSERT, o.i2 - a, o.i2 - a, following.j1, following.j2 - b)
                script.add(EQUAL, o.i2 - a, o.i2, following.j2 - b, following.j2)
                index += 2
                continue
        script.add(o.op, o.i1, o.i2, o.j1, o.j2)
        index += 1
    return script.ops


def ops_to_segments(ops: list[Op], old: str, new: str) -> list[Segment]:
    """Segments of an edit script: unchanged runs as they stand in ``new``."""
    segments: list[Segment] = []
    for o in ops:
        if o.op == DELETE:
            segment = Segment(DELETE, old[o.i1 : o.i2], o.i1)
        else:
            segment = Segment(o.op, new[o.j1 : o.j2], o.j1)
        last = segments[-1] if segments else None
        if last is not None and last.op == segment.op:
            segments[-1] = Segment(last.op, last.text + segment.text, last.at)
        elif segment.text:
            segments.append(segment)
    return segments


def diff_words(old: str, new: str, *, timeout: float = 2.0) -> list[Segment]:
    """Word-level segments turning ``old`` into ``new`` (adjacent segments of one op merged).

    Unchanged runs are given as they stand in ``new``.
    """
    return ops_to_segments(word_ops(old, new, timeout=timeout), old, new)


def shift(segments, old_base: int, new_base: int) -> tuple[Segment, ...]:
    """The same segments with offsets into a larger text (the block starts at the bases)."""
    return tuple(
        Segment(s.op, s.text, s.at + (old_base if s.op == DELETE else new_base), s.by)
        for s in segments
    )


def similarity(segments: list[Segment]) -> float:
    """Share of words kept: 2 × unchanged / (old words + new words)."""
    kept = sum(count_words(s.text) for s in segments if s.op == EQUAL)
    old = kept + sum(count_words(s.text) for s in segments if s.op == DELETE)
    new = kept + sum(count_words(s.text) for s in segments if s.op == INSERT)
    return 1.0 if old + new == 0 else 2 * kept / (old + new)
