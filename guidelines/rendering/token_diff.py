"""Diff of two token sequences, in time close to linear for any texts.

Tokens come encoded as one character each (``rendering.words``, ``rendering.merge``), so a
sequence is a string. Short sequences (whose diff fits the budget below, some 330 tokens a
side) go to diff-match-patch as they are. Longer ones are first
aligned on anchors, as in patience diff: tokens that occur exactly once in each sequence (when
there are none, runs of 2, 4 or 8 tokens that do), kept in order (the longest increasing chain
of their positions). The gaps between anchors are aligned the same way, the tokens unique within
each gap serving as its anchors, until the gaps are short enough for diff-match-patch; common
beginnings and ends are matched at every step. Frequent words ("the", "of") are never anchors,
so however they fall the work stays close to proportional to the text; an edit with shared
text around it is found as a full diff would find it (the gap around it is diffed in full).

Bounds, for any input (issue 18): diff-match-patch's time grows with the square of what it is
given when the two sides differ much, so
- passages that cannot share much (the shorter has under half its tokens in the other, or the
  two have no run of 4 tokens in common: unrelated texts, a text against its words shuffled)
  are replaced whole, which the semantic clean-up would show anyway;
- a long gap with no anchor at all is a rewritten passage (nothing of 8 tokens or more left in
  common), replaced whole, or a text that repeats itself, cut into gap-sized pieces;
- what diff-match-patch does is counted (``Work``) against a budget linear in the texts; once
  spent, the gaps left are replaced whole (a text with 40 % of its words edited uses it all).
Word diffs also fold short equal runs between longer changes before the semantic clean-up
(``fold``), in linear time: a rewritten text's chance matches would cost it quadratic time.
"""

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

SHORT = 4000  # tokens on both sides together at most for diff-match-patch alone (and the budget)
GAP = 600  # a gap between anchors this short (both sides together) goes to diff-match-patch
RUNS = (1, 2, 4, 8)  # anchor lengths tried in turn
SMALL_SIDE = 64  # a side this short is diffed as it is, whatever the other side
BUDGET = (GAP // 2) ** 2  # diff-match-patch's work (cells, see Work) in a diff: this much
CELLS_PER_TOKEN = 32  # and this much per token of the texts; the rest is replaced whole
SHARED = 0.5  # passages sharing less than this share of their tokens are replaced whole

Diffs = list[tuple[int, str]]  # diff-match-patch's form: (-1 deleted | 0 equal | 1 inserted, text)


@dataclass
class Work:
    """What diff-match-patch did in one ``diff_codes``: how many calls, and the sum of their
    costs (its time grows as the tokens of both sides x the tokens it found changed, and is
    at most as the tokens of one side x those of the other). Once ``cells`` reaches the
    budget, the gaps left are replaced whole: the total is at most the budget and one gap."""

    calls: int = 0
    cells: int = 0

    def add(self, x: str, y: str, diffs: Diffs) -> None:
        changed = sum(len(text) for op, text in diffs if op)
        self.calls += 1
        self.cells += min(len(x) * len(y), (len(x) + len(y)) * changed)


def diff_codes(engine, a: str, b: str, *, fold: bool = False, work: Work | None = None) -> Diffs:
    """diff-match-patch's ``diff_main(a, b)`` for sequences of token codes, with anchors first
    when they are long (see the module's note). Adjacent pieces of one kind are merged; with
    ``fold``, short equal runs between longer changes are folded into them (as the semantic
    clean-up would, in linear time). ``work``, if given, counts what diff-match-patch got."""
    work = Work() if work is None else work
    budget = BUDGET + CELLS_PER_TOKEN * (len(a) + len(b))
    if len(a) + len(b) <= SHORT and len(a) * len(b) <= budget:
        diffs = engine.diff_main(a, b, False)  # (quick: within the budget whatever they are)
        work.add(a, b, diffs)
        return diffs
    out = _Pieces()
    tasks: list[tuple[int, int, int, int]] = [(0, len(a), 0, len(b))]
    while tasks:  # a stack of ranges a[i1:i2] / b[j1:j2] (i2 < 0: a run of -i2 equal tokens)
        i1, i2, j1, j2 = tasks.pop()
        if i2 < 0:
            out.add(0, a[i1 : i1 - i2])
            continue
        x, y = a[i1:i2], b[j1:j2]
        head = engine.diff_commonPrefix(x, y)
        tail = engine.diff_commonSuffix(x[head:], y[head:])
        out.add(0, x[:head])
        if tail:  # done after the middle (the stack is last in, first out)
            tasks.append((i2 - tail, -tail, j2 - tail, -tail))
        i1, i2, j1, j2 = i1 + head, i2 - tail, j1 + head, j2 - tail
        x, y = a[i1:i2], b[j1:j2]
        if not x or not y or len(x) + len(y) <= GAP:
            if x and y and work.cells >= budget:
                out.add(-1, x)  # more would take diff-match-patch too long: replaced whole
                out.add(1, y)
            elif len(x) * len(y) > SMALL_SIDE**2 and min(len(x), len(y)) >= 8 and _dissimilar(x, y):
                out.add(-1, x)
                out.add(1, y)
            else:
                diffs = engine.diff_main(x, y, False)
                work.add(x, y, diffs)
                for piece in diffs:
                    out.add(*piece)
            continue
        count_x, count_y = Counter(x), Counter(y)
        if sum((count_x & count_y).values()) < SHARED * min(len(x), len(y)):
            out.add(-1, x)  # different texts (see _dissimilar)
            out.add(1, y)
            continue
        anchors, size = _anchors(x, y, count_x, count_y)
        if not anchors and _rewritten(x, y):
            out.add(-1, x)
            out.add(1, y)
            continue
        if not anchors:  # a repetitive text: cut in pieces of a gap's size
            step = GAP // 4  # at the same offsets while both sides last (an edit stays put),
            if min(len(x), len(y)) >= 3 * step:  # the rest as the last piece
                cuts_x = [*range(0, min(len(x), len(y)) - step, step), len(x)]
                cuts_y = [*cuts_x[:-1], len(y)]
            else:  # or at the same shares of each side
                parts = -(-(len(x) + len(y)) // (GAP // 2))
                cuts_x = [len(x) * k // parts for k in range(parts + 1)]
                cuts_y = [len(y) * k // parts for k in range(parts + 1)]
            pieces = len(cuts_x) - 1
            tasks.extend(
                (i1 + cuts_x[k], i1 + cuts_x[k + 1], j1 + cuts_y[k], j1 + cuts_y[k + 1])
                for k in reversed(range(pieces))
            )
            continue
        ranges = []
        pi = pj = 0  # where the gap before the next anchor starts
        same = None  # a run of equal tokens being extended: (start in x, start in y)
        for i, j in anchors:
            if x[pi:i] != y[pj:j]:  # a gap with changes (most are equal, and joined up)
                if same is not None:
                    ranges.append((i1 + same[0], same[0] - pi, j1 + same[1], 0))
                ranges.append((i1 + pi, i1 + i, j1 + pj, j1 + j))
                same = (i, j)
            elif same is None:
                same = (pi, pj)
            pi, pj = i + size, j + size
        if same is not None:
            ranges.append((i1 + same[0], same[0] - pi, j1 + same[1], 0))
        ranges.append((i1 + pi, i2, j1 + pj, j2))
        tasks.extend(reversed(ranges))
    return _fold(out.diffs()) if fold else out.diffs()


class _Pieces:
    """Collects the pieces in order, adjacent ones of one kind together (deletions before
    insertions, as diff_main gives them), joined once at the end."""

    def __init__(self) -> None:
        self.ops: list[int] = []
        self.texts: list[list[str]] = []

    def add(self, op: int, text: str) -> None:
        if not text:
            return
        ops = self.ops
        if ops and ops[-1] == op:
            self.texts[-1].append(text)
        elif op == -1 and ops and ops[-1] == 1 and len(ops) > 1 and ops[-2] == -1:
            self.texts[-2].append(text)
        elif op == -1 and ops and ops[-1] == 1:
            ops.insert(len(ops) - 1, -1)
            self.texts.insert(len(ops) - 2, [text])
        else:
            ops.append(op)
            self.texts.append([text])

    def diffs(self) -> Diffs:
        return [(op, "".join(texts)) for op, texts in zip(self.ops, self.texts, strict=True)]


def _fold(diffs: Diffs) -> Diffs:
    """The semantic clean-up's first step in linear time: an equal run no longer than the
    changes on either side of it (the longer of deleted and inserted) is deleted and inserted
    with them, and the change so grown is checked again against the run before it. Without
    it, a rewritten text's thousands of chance matches cost the clean-up quadratic time."""
    groups: list[list] = []  # [equal run before, deleted pieces, inserted pieces, sizes]
    for op, text in diffs:
        if op == 0 or not groups:
            _collapse(groups)
            groups.append([text if op == 0 else "", [], [], 0, 0])
        if op == -1:
            groups[-1][1].append(text)
            groups[-1][3] += len(text)
        elif op == 1:
            groups[-1][2].append(text)
            groups[-1][4] += len(text)
    _collapse(groups)
    out: Diffs = []
    for run, deleted, inserted, _d, _i in groups:
        out.extend((op, "".join(parts)) for op, parts in ((0, [run]), (-1, deleted), (1, inserted)))
    return [(op, text) for op, text in out if text]


def _collapse(groups: list[list]) -> None:
    """Folds the last group's equal run into the changes around it while it is short."""
    while len(groups) > 1:
        before, last = groups[-2], groups[-1]
        run = len(last[0])
        if run > max(before[3], before[4]) or run > max(last[3], last[4]):
            return
        if not (before[3] or before[4]) or not (last[3] or last[4]):
            return
        before[1].extend([last[0], *last[1]])
        before[2].extend([last[0], *last[2]])
        before[3] += run + last[3]
        before[4] += run + last[4]
        groups.pop()


def _anchors(
    x: str, y: str, count_x: Counter, count_y: Counter
) -> tuple[list[tuple[int, int]], int]:
    """Positions (in x, in y) of runs of ``size`` tokens found exactly once in each, in order
    and not overlapping; the shortest runs that give any."""
    for size in RUNS:
        if size == 1:
            runs_x, runs_y = x, y
        else:
            runs_x = [x[i : i + size] for i in range(len(x) - size + 1)]
            runs_y = [y[j : j + size] for j in range(len(y) - size + 1)]
            count_x, count_y = Counter(runs_x), Counter(runs_y)
        unique = [run for run, n in count_x.items() if n == 1 and count_y.get(run) == 1]
        if not unique:
            continue
        at_x = dict(zip(runs_x, range(len(runs_x)), strict=True))  # (only read for unique runs)
        at_y = dict(zip(runs_y, range(len(runs_y)), strict=True))
        pairs = sorted((at_x[run], at_y[run]) for run in unique)
        chain, kept, end_i, end_j = _longest_chain(pairs), [], 0, 0
        for i, j in chain:
            if i >= end_i and j >= end_j:
                kept.append((i, j))
                end_i, end_j = i + size, j + size
        return kept, size
    return [], 0


def _dissimilar(x: str, y: str) -> bool:
    """Whether two passages (of 8 tokens or more each) are different texts,
    replaced whole rather than diffed, judged in time linear in their length: the shorter has
    less than ``SHARED`` of its tokens in the other (counted with repeats: a diff could keep
    no more; an inserted passage leaves the shorter side whole in the longer), or no
    run of 4 tokens (a text against its own words shuffled). A diff of either would find only
    scattered words in common, which the semantic clean-up would not show as unchanged, and
    would take time growing with the square of their length."""
    common = sum((Counter(x) & Counter(y)).values())
    return common < SHARED * min(len(x), len(y)) or _unrelated(x, y)


def _unrelated(x: str, y: str, size: int = 4) -> bool:
    """Whether two passages have no run of ``size`` tokens in common (then what they share
    is scattered words, which the semantic clean-up would not show as unchanged anyway)."""
    runs = {x[i : i + size] for i in range(len(x) - size + 1)}
    return not any(y[j : j + size] in runs for j in range(len(y) - size + 1))


def _rewritten(x: str, y: str) -> bool:
    """Whether two long runs of tokens with no anchor at all are different texts (the run is
    replaced whole) rather than one repetitive text changed here and there (diff-match-patch
    finds those changes). Had the texts kept any passage of 8 tokens found once in each, it
    would be an anchor; so in texts that do not repeat themselves, nothing longer than a few
    words is left in common."""
    if min(len(x), len(y)) <= SMALL_SIDE:
        return False  # diff-match-patch is quick when one side is short
    size = RUNS[-1]
    return all(
        len({text[i : i + size] for i in range(len(text) - size + 1)}) * 2 > len(text)
        for text in (x, y)
    )


def _longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``pairs`` (in increasing first position) whose second positions
    increase too (patience sorting); the earliest such run when there are several."""
    tails: list[int] = []  # the smallest last second position of a chain of each length
    ends: list[int] = []  # the index in pairs of that chain's last pair
    before = [-1] * len(pairs)
    for index, (_i, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            ends.append(index)
        else:
            tails[k], ends[k] = j, index
        before[index] = ends[k - 1] if k else -1
    chain, index = [], ends[-1] if ends else -1
    while index >= 0:
        chain.append(pairs[index])
        index = before[index]
    return chain[::-1]
