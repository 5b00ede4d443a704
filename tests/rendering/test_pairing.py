"""Which blocks of a replaced run are compared, and the word check before a diff."""

from guidelines.rendering.pairing import (
    LOOK_AHEAD,
    MATCHER_PAIRS,
    PAIRS,
    block_opcodes,
    candidates,
    may_be_similar,
    word_set,
)


def test_a_short_run_compares_every_block_after_the_last_match():
    assert candidates(3, 2, 10, 12) == range(2, 12)


def test_a_long_run_compares_the_blocks_near_where_a_block_stands():
    old = new = 1000
    assert old * new > PAIRS
    assert candidates(500, 0, old, new) == range(500 - LOOK_AHEAD, 500 + LOOK_AHEAD)
    assert candidates(0, 0, old, new) == range(0, LOOK_AHEAD)
    assert candidates(990, 0, old, new) == range(990 - LOOK_AHEAD, 1000)
    assert candidates(500, 600, old, new) == range(600, 600 + LOOK_AHEAD)  # after the match


def test_common_words_counted_with_repeats():
    a = word_set("the seal and the seal and the seal")
    b = word_set("the seal")
    assert len(a.counted & b.counted) == 2


def test_words_in_common_and_a_shared_run_make_blocks_comparable():
    edited = word_set("Seals are applied at departure by the officer on duty.")
    original = word_set("Seals are applied at departure by the customs officer on duty.")
    assert may_be_similar(original, edited, 0.4)


def test_the_same_common_words_in_another_order_are_not_comparable():
    a = word_set("the of and to a in is that for it as was with be by on")
    b = word_set("on by be with was as it for that is in a to and of the")
    assert len(a.counted & b.counted) == 16
    assert not may_be_similar(a, b, 0.4)


def test_blocks_of_very_different_lengths_are_not_comparable():
    assert not may_be_similar(word_set("the seal"), word_set("the seal " + "word " * 20), 0.4)


def test_blocks_with_no_word_in_common_are_not_comparable_however_short():
    assert not may_be_similar(word_set("Same paragraph."), word_set("A."), 0.4)
    assert may_be_similar(word_set("---"), word_set("***"), 0.4)  # no words: as the diff says


def covered(opcodes, old, new) -> bool:
    """The opcodes take both lists in order, and equal runs are equal."""
    i = j = 0
    for tag, i1, i2, j1, j2 in opcodes:
        if (i1, j1) != (i, j) or (tag == "equal" and old[i1:i2] != new[j1:j2]):
            return False
        i, j = i2, j2
    return (i, j) == (len(old), len(new))


def test_block_opcodes_of_a_few_blocks_are_difflibs():
    old, new = ["a", "b", "c", "d"], ["a", "x", "c", "d", "e"]
    assert block_opcodes(old, new) == [
        ("equal", 0, 1, 0, 1),
        ("replace", 1, 2, 1, 2),
        ("equal", 2, 4, 2, 4),
        ("insert", 4, 4, 4, 5),
    ]


def test_block_opcodes_of_many_repeated_blocks_cover_both_lists():
    old = ["same"] * 2000
    new = [*old[:700], "other", *old[701:], "end"]
    assert 2000 * 2000 > MATCHER_PAIRS
    opcodes = block_opcodes(old, new)
    assert covered(opcodes, old, new)
    assert sum(i2 - i1 for tag, i1, i2, _j1, _j2 in opcodes if tag == "equal") == 1999
