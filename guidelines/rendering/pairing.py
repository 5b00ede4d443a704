"""Aligning blocks (paragraphs, table rows) with their edited versions, in time proportional to
their number: the runs of equal blocks (``block_opcodes``); in a replaced run, which new blocks
an old block is compared with, and a check on their words that rules most pairs out before any
diff (``rendering.diff``, ``rendering.tables``)."""

import difflib
from collections import Counter
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from .token_diff import diff_codes
from .words import is_word, tokenize

LOOK_AHEAD = 16  # how far a changed block may have moved in a long replaced run
PAIRS = 4096  # a replaced run with more pairs of blocks than this looks no further


@dataclass(frozen=True)
class Words:
    """The words of a block as they match in the word diff: each with how many times it came
    before (the size of the intersection of two such sets is the number of words two blocks
    have in common, repeats included), and its runs of 4 words."""

    counted: frozenset[tuple[str, int]]
    runs: frozenset[tuple[str, ...]]


def word_set(block: str) -> Words:
    seen: Counter = Counter()
    words, counted = [], []
    for token in tokenize(block):
        if is_word(token):
            word = token.rstrip()
            words.append(word)
            counted.append((word, seen[word]))
            seen[word] += 1
    runs = frozenset(tuple(words[i : i + 4]) for i in range(len(words) - 3))
    return Words(frozenset(counted), runs)


def may_be_similar(a: Words, b: Words, similar: float) -> bool:
    """Whether two blocks with these words could be similar (checked before diffing, so that
    a long run of rewritten blocks costs set intersections rather than a diff of every pair):
    the words they have in common bound the words a diff can keep; and two blocks of 8 words
    or more with no run of 4 words in common are told apart even when their words are the
    same common ones (a narrow vocabulary)."""
    total_a, total_b = len(a.counted), len(b.counted)
    if 2 * min(total_a, total_b) < similar * (total_a + total_b) - 2:
        return False
    common = len(a.counted & b.counted)
    if 2 * common < similar * (total_a + total_b) - 2 or (total_a + total_b and not common):
        return False  # (a word either side to spare; but no word in common keeps none)
    return min(total_a, total_b) < 8 or not a.runs.isdisjoint(b.runs)


def candidates(index: int, j: int, old: int, new: int) -> range:
    """The new blocks that old block ``index`` of ``old`` may be paired with, the new blocks
    before ``j`` being taken: all the others in a short run; in a long one, the
    ``LOOK_AHEAD`` either side of where it stands at the run's pace."""
    if old * new <= PAIRS:
        return range(j, new)
    near = max(j, index * new // old)
    return range(max(j, near - LOOK_AHEAD), min(new, near + LOOK_AHEAD))


MATCHER_PAIRS = 100_000  # pairs of equal blocks beyond which difflib takes quadratic time


def block_opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """The runs of equal and replaced blocks: difflib's, unless many blocks repeat (the same
    short paragraph hundreds of times), which takes difflib quadratic time; then the token
    diff's, each block a token."""
    counts = Counter(new)
    if sum(counts.get(block, 0) for block in old) <= MATCHER_PAIRS:  # (a bound of the pairs)
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        return matcher.get_opcodes()
    codes = {block: chr(0x20000 + n) for n, block in enumerate(dict.fromkeys(old + new))}
    a, b = "".join(map(codes.__getitem__, old)), "".join(map(codes.__getitem__, new))
    opcodes, i, j = [], 0, 0
    for op, text in diff_codes(diff_match_patch(), a, b):
        n = len(text)
        if op == 0:
            opcodes.append(("equal", i, i + n, j, j + n))
            i, j = i + n, j + n
            continue
        if not opcodes or opcodes[-1][0] == "equal":
            opcodes.append(("replace", i, i, j, j))
        _tag, i1, i2, j1, j2 = opcodes[-1]
        i, j = (i + n, j) if op == -1 else (i, j + n)
        opcodes[-1] = ("replace", i1, i, j1, j)
    return opcodes
