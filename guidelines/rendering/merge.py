"""Three-way merge at word level: apply a proposal's edits to a text that changed meanwhile.

Both texts are compared with their common base (the version the proposal was made on). Each
side's changes are edits of ranges of base tokens; if no edit of one side overlaps an edit of the
other, all edits apply and the merge is clean. Otherwise the overlapping places are reported as
conflicts and nothing is merged automatically.
"""

from bisect import bisect_left
from dataclasses import dataclass
from itertools import chain

from diff_match_patch import diff_match_patch

from .diff import tokenize
from .token_diff import diff_codes

_CODE_BASE = 0x20000


@dataclass(frozen=True)
class Edit:
    start: int  # range of base tokens replaced: [start, end)
    end: int
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    base: str
    ours: str  # what the current text has there
    theirs: str  # what the proposal has there


@dataclass(frozen=True)
class MergeResult:
    text: str | None  # None when there are conflicts
    conflicts: tuple[Conflict, ...]

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _encode(*texts: list[str]) -> list[str]:
    """One character per distinct token (as written, whitespace included), for each text."""
    table: dict[str, str] = {}
    for token in dict.fromkeys(chain.from_iterable(texts)):
        table[token] = chr(_CODE_BASE + len(table))
    return ["".join(map(table.__getitem__, tokens)) for tokens in texts]


def edits(base: list[str], other: list[str]) -> list[Edit]:
    """The edits turning the ``base`` tokens into the ``other`` tokens, in order (the Word
    import's patch of a section's own Markdown uses them)."""
    a, b = _encode(base, other)
    return _edits(a, b, other)


def _edits(a: str, b: str, other: list[str]) -> list[Edit]:
    """The edits turning the base (encoded ``a``) into ``other`` (encoded ``b``), in order."""
    engine = diff_match_patch()
    engine.Diff_Timeout = 2.0
    diffs = diff_codes(engine, a, b)
    edits: list[Edit] = []
    i = j = 0
    pending: list[int | list[str]] | None = None  # [start, end, tokens]
    for op, chars in diffs:
        n = len(chars)
        if op == 0:
            if pending:
                edits.append(Edit(pending[0], pending[1], tuple(pending[2])))
                pending = None
            i, j = i + n, j + n
            continue
        if pending is None:
            pending = [i, i, []]
        if op == -1:
            i += n
            pending[1] = i
        else:
            pending[2].extend(other[j : j + n])
            j += n
    if pending:
        edits.append(Edit(pending[0], pending[1], tuple(pending[2])))
    return edits


def _overlap(x: Edit, y: Edit) -> bool:
    """Edits that overlap or touch conflict: two changes to neighbouring words are one change
    to a phrase, and merging them blindly could produce wording nobody wrote."""
    if x.start == x.end and y.start == y.end:  # two insertions
        return x.start == y.start
    if x.start == x.end:
        return y.start <= x.start <= y.end
    if y.start == y.end:
        return x.start <= y.start <= x.end
    return x.start <= y.end and y.start <= x.end


def _conflicts(base: list[str], ours: list[Edit], theirs: list[Edit]) -> list[Conflict]:
    """Each of their edits against each of ours that it overlaps or touches, in order. The
    edits of one side are in order and apart, so only a few of ours can meet one of theirs."""
    conflicts = []
    ends = [e.end for e in ours]
    for mine in theirs:
        index = bisect_left(ends, mine.start)  # the first of ours that ends at or after it
        while index < len(ours) and ours[index].start <= mine.end:
            other = ours[index]
            if _overlap(mine, other) and mine != other:
                start, end = min(mine.start, other.start), max(mine.end, other.end)
                conflicts.append(
                    Conflict(
                        base="".join(base[start:end]),
                        ours="".join(other.tokens),
                        theirs="".join(mine.tokens),
                    )
                )
            index += 1
    return conflicts


def three_way_merge(base: str, ours: str, theirs: str) -> MergeResult:
    """Merge ``theirs`` (a proposal made on ``base``) into ``ours`` (the current text)."""
    if theirs == base:
        return MergeResult(ours, ())
    if ours == base or ours == theirs:
        return MergeResult(theirs, ())
    base_tokens, our_tokens, their_tokens = tokenize(base), tokenize(ours), tokenize(theirs)
    a, b, c = _encode(base_tokens, our_tokens, their_tokens)
    our_edits, their_edits = _edits(a, b, our_tokens), _edits(a, c, their_tokens)
    conflicts = _conflicts(base_tokens, our_edits, their_edits)
    if conflicts:
        return MergeResult(None, tuple(conflicts))
    combined = {(e.start, e.end, e.tokens): e for e in [*our_edits, *their_edits]}.values()
    tokens: list[str] = []
    at = 0
    for edit in sorted(combined, key=lambda e: (e.start, e.end)):  # apart: none overlap
        tokens.extend(base_tokens[at : edit.start])
        tokens.extend(edit.tokens)
        at = edit.end
    tokens.extend(base_tokens[at:])
    return MergeResult("".join(tokens), ())
