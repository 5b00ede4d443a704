"""Inputs that once made the diff take seconds (issue 18 point 6): very different texts, short
or long. What diff-match-patch is given is bounded for any input (``Work``), the result still
rebuilds both texts, and dissimilar texts come out replaced whole."""

import itertools
import random

from diff_match_patch import diff_match_patch

from guidelines.rendering.diff import (
    EQUAL,
    UNCHANGED,
    count_words,
    diff_text,
    diff_words,
)
from guidelines.rendering.merge import three_way_merge
from guidelines.rendering.pairing import LOOK_AHEAD, PAIRS
from guidelines.rendering.token_diff import BUDGET, CELLS_PER_TOKEN, Work, _fold, diff_codes
from guidelines.rendering.words import _encode, tokenize

from .test_token_diff import edited, natural_words


def codes(old: str, new: str) -> tuple[str, str]:
    return _encode(tokenize(old), tokenize(new))


def replaced_whole(old: str, new: str) -> bool:
    """Deleted and inserted whole (but for the space after the last word, kept once)."""
    segments = diff_words(old, new)
    return len(segments) <= 3 and not count_words(
        "".join(s.text for s in segments if s.op == EQUAL)
    )


def test_short_unrelated_texts_are_replaced_without_diffing():
    old, new = " ".join(natural_words(1, 1500)), " ".join(natural_words(2, 1500))
    work = Work()
    diffs = diff_codes(diff_match_patch(), *codes(old, new), work=work)
    assert [op for op, _text in diffs] == [-1, 1]
    assert work.calls == 0
    assert replaced_whole(old, new)


def test_a_short_text_against_its_words_shuffled_is_replaced_whole():
    words = natural_words(3, 1500)
    shuffled = list(words)
    random.Random(3).shuffle(shuffled)
    assert replaced_whole(" ".join(words), " ".join(shuffled))


def test_one_word_repeated_against_another():
    assert replaced_whole("the " * 20_000, "a " * 20_000)


def test_a_long_text_rewritten_gives_diff_match_patch_bounded_work():
    old, new = " ".join(natural_words(4, 20_000)), " ".join(natural_words(5, 20_000))
    a, b = codes(old, new)
    work = Work()
    diff_codes(diff_match_patch(), a, b, fold=True, work=work)
    assert work.cells <= 2 * BUDGET + CELLS_PER_TOKEN * (len(a) + len(b))
    segments = diff_words(old, new)
    assert len(segments) <= 5  # nothing but chance matches: replaced (almost) whole


def test_a_long_text_against_itself_reversed():
    words = natural_words(6, 20_000)
    old, new = " ".join(words), " ".join(words[::-1])
    a, b = codes(old, new)
    work = Work()
    diff_codes(diff_match_patch(), a, b, fold=True, work=work)
    assert work.cells <= 2 * BUDGET + CELLS_PER_TOKEN * (len(a) + len(b))
    assert len(diff_words(old, new)) <= 5


def test_many_short_paragraphs_all_rewritten_are_deleted_and_inserted():
    def paragraphs(words):
        return "\n\n".join(" ".join(words[i : i + 12]) for i in range(0, len(words), 12))

    old, new = paragraphs(natural_words(7, 12_000)), paragraphs(natural_words(8, 12_000))
    result = diff_text(old, new)
    assert {block.kind for block in result.blocks} <= {"inserted", "deleted"}
    assert result.stats.unchanged_words == 0


def test_a_long_text_and_a_paragraph_of_it_changed_are_still_diffed_closely():
    words = natural_words(9, 20_000)
    new = list(words)
    new[10_000] = "changed"
    result = diff_text(" ".join(words), " ".join(new))
    [block] = [b for b in result.blocks if b.kind != UNCHANGED]
    assert [s.text.strip() for s in block.segments if s.op != "equal"] == [words[10_000], "changed"]


def test_a_rewritten_proposal_conflicts_whole_quickly():
    base, theirs = " ".join(natural_words(10, 20_000)), " ".join(natural_words(11, 20_000))
    result = three_way_merge(base, "Changed. " + base, theirs)
    assert not result.clean


def test_any_input_rebuilds_both_texts_within_the_bound():
    engine = diff_match_patch()
    rng = random.Random(12)
    for _ in range(30):
        alphabet = [chr(0x20000 + k) for k in range(rng.choice([1, 2, 30, 3000]))]
        a = "".join(rng.choice(alphabet) for _ in range(rng.choice([50, 700, 3000, 9000])))
        kind = rng.choice(["edits", "shuffled", "reversed", "other", "repeated"])
        if kind == "edits":
            b = list(a)
            for _ in range(rng.randint(1, 300)):
                b[rng.randrange(len(b))] = rng.choice(alphabet)
            b = "".join(b)
        elif kind == "shuffled":
            b = "".join(rng.sample(a, len(a)))
        elif kind == "reversed":
            b = a[::-1]
        elif kind == "other":
            b = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9000)))
        else:
            b = a[: len(a) // 3] * 3
        for fold in (False, True):
            work = Work()
            diffs = diff_codes(engine, a, b, fold=fold, work=work)
            assert "".join(text for op, text in diffs if op <= 0) == a
            assert "".join(text for op, text in diffs if op >= 0) == b
            assert work.cells <= 2 * BUDGET + CELLS_PER_TOKEN * (len(a) + len(b))
            assert all(x[0] != y[0] or x[0] != 0 for x, y in itertools.pairwise(diffs))


def test_folding_rebuilds_both_texts_and_keeps_what_the_clean_up_keeps():
    engine = diff_match_patch()
    rng = random.Random(13)
    for _ in range(200):
        alphabet = "abcdefghij"[: rng.randint(2, 10)]
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        plain = engine.diff_main(a, b, False)
        folded = _fold(list(plain))
        assert "".join(t for op, t in folded if op <= 0) == a
        assert "".join(t for op, t in folded if op >= 0) == b
        equal = [len(t) for op, t in folded if op == 0]
        engine.diff_cleanupSemantic(plain)
        assert sum(equal) >= sum(len(t) for op, t in plain if op == 0) // 2


def test_a_long_rewritten_run_still_pairs_a_paragraph_edited_nearby():
    """A run too long to compare every pair looks ``LOOK_AHEAD`` blocks either side: an
    edited paragraph a few blocks from where it stood is still a change."""
    old = [f"Old paragraph {n} alpha{n} beta{n} gamma{n} delta{n}." for n in range(100)]
    new = [f"New text {n} epsilon{n} zeta{n} eta{n} theta{n}." for n in range(100)]
    old[60] = "Seals are applied at departure by the customs officer on duty."
    new[70] = "Seals are applied at departure by the officer on duty."
    assert len(old) * len(new) > PAIRS and 70 - 60 < LOOK_AHEAD
    diff = diff_text("\n\n".join(old), "\n\n".join(new))
    [changed] = [b for b in diff.blocks if b.kind == "changed"]
    assert [s.text.strip() for s in changed.segments if s.op != EQUAL] == ["customs"]
    assert diff.stats.unchanged_words == 10


def test_a_fifth_of_the_words_edited_keeps_the_others():
    """Heavy editing stays within the budget: the words left alone are found unchanged."""
    words = natural_words(14, 20_000)
    rng = random.Random(14)
    places = rng.sample(range(0, 20_000, 2), 4000)
    changes = {p: rng.choice(["-", f"+new{p}", f"new{p}"]) for p in places}
    new = edited(words, changes)
    old_text, new_text = " ".join(words), " ".join(new)
    a, b = codes(old_text, new_text)
    work = Work()
    diff_codes(diff_match_patch(), a, b, fold=True, work=work)
    assert work.cells < BUDGET + CELLS_PER_TOKEN * (len(a) + len(b))  # not spent
    segments = diff_words(old_text, new_text)
    kept = count_words("".join(s.text for s in segments if s.op == EQUAL))
    unchanged = 20_000 - sum(not c.startswith("+") for c in changes.values())
    assert kept >= 0.9 * unchanged


def table(rows: list[str]) -> str:
    return "\n".join(["| Term | Meaning |", "|---|---|", *rows])


def test_a_long_table_rewritten_keeps_a_row_edited_nearby():
    """Rows are paired as paragraphs are (``rendering.pairing``): a table too long to compare
    every pair of rows still finds the one row that was only edited."""
    old = [f"| old{n} alpha{n} | beta{n} gamma{n} delta{n} |" for n in range(300)]
    new = [f"| new{n} epsilon{n} | zeta{n} eta{n} theta{n} |" for n in range(300)]
    old[200] = "| Seal | applied at departure by the customs officer on duty |"
    new[205] = "| Seal | applied at departure by the officer on duty |"
    [block] = diff_text(table(old), table(new)).blocks
    kinds = [row.kind for row in block.table.rows]
    assert kinds.count("changed") == 1 and kinds.count("deleted") == kinds.count("inserted") == 299
    [changed] = [row for row in block.table.rows if row.kind == "changed"]
    assert [s.text.strip() for cell in changed.cells for s in cell if s.op != EQUAL] == ["customs"]


def test_a_paragraph_repeated_thousands_of_times_is_aligned_on_the_token_diff():
    """difflib would take quadratic time over so many equal blocks: the blocks are aligned by
    the token diff instead, with the same result."""
    same = ["Same paragraph."] * 4000
    new = [*same[:2000], "Other.", *same[2001:], "Different end."]
    result = diff_text("\n\n".join(same), "\n\n".join(new))
    changed = [(b.kind, b.old, b.new) for b in result.blocks if b.kind != UNCHANGED]
    assert changed == [
        ("deleted", "Same paragraph.", ""),
        ("inserted", "", "Other."),
        ("inserted", "", "Different end."),
    ]
    assert result.stats.unchanged_words == 2 * 3999


def test_blocks_with_no_word_in_common_are_not_diffed_however_short():
    old = "\n\n".join(["Same paragraph."] * 500)
    new = "\n\n".join(["A.", "B."] * 250)
    result = diff_text(old, new)
    assert {b.kind for b in result.blocks} == {"deleted", "inserted"}


def test_a_table_with_a_row_repeated_thousands_of_times():
    rows = ["| - | - |"] * 3000
    new = [*rows[:1500], "| Seal | applied |", *rows[1501:]]
    [block] = diff_text(table(rows), table(new)).blocks
    kinds = [row.kind for row in block.table.rows]
    assert kinds.count("unchanged") == 2999 and len(kinds) == 3001
