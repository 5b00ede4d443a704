"""Three-way merge at word level: apply a proposal's edits to a text that changed meanwhile.

Both texts are compared with their common base (the version the proposal was made on). Each
side's changes are edits of ranges of base tokens; if no edit of one side overlaps an edit of the
other, all edits apply and the merge is clean. Otherwise the overlapping places are reported as
conflicts and nothing is merged automatically.
"""

from dataclasses import dataclass

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


def _edits(base: list[str], other: list[str]) -> list[Edit]:
    codes: dict[str, str] = {}

    def encode(tokens: list[str]) -> str:
        return "".join(codes.setdefault(t, chr(_CODE_BASE + len(codes))) for t in tokens)

    a, b = encode(base), encode(other)
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


def three_way_merge(base: str, ours: str, theirs: str) -> MergeResult:
    """Merge ``theirs`` (a proposal made on ``base``) into ``ours`` (the current text)."""
    if theirs == base:
        return MergeResult(ours, ())
    if ours == base or ours == theirs:
        return MergeResult(theirs, ())
    base_tokens = tokenize(base)
    our_edits, their_edits = (
        _edits(base_tokens, tokenize(ours)),
        _edits(base_tokens, tokenize(theirs)),
    )
    conflicts = []
    for mine in their_edits:
        for other in our_edits:
            if _overlap(mine, other) and mine != other:
                start, end = min(mine.start, other.start), max(mine.end, other.end)
                conflicts.append(
                    Conflict(
                        base="".join(base_tokens[start:end]),
                        ours="".join(other.tokens),
                        theirs="".join(mine.tokens),
                    )
                )
    if conflicts:
        return MergeResult(None, tuple(conflicts))
    combined = {(e.start, e.end, e.tokens): e for e in [*our_edits, *their_edits]}.values()
    tokens = list(base_tokens)
    for edit in sorted(combined, key=lambda e: (e.start, e.end), reverse=True):
        tokens[edit.start : edit.end] = edit.tokens
    return MergeResult("".join(tokens), ())
