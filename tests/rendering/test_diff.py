"""Golden cases for the word-level diff engine."""

import re

from guidelines.rendering.diff import (
    CHANGED,
    DELETE,
    DELETED,
    EQUAL,
    INSERT,
    INSERTED,
    MOVED_FROM,
    MOVED_TO,
    UNCHANGED,
    Segment,
    block_segments,
    diff_text,
    diff_words,
    tokenize,
)  # fmt: skip

LONG = " ".join(f"word{i}" for i in range(500))


def changed_text(segments, op):
    return [s.text.strip() for s in segments if s.op == op]


def test_identical_texts_have_one_unchanged_segment():
    assert diff_words("same text", "same text") == [Segment(EQUAL, "same text")]
    assert not diff_text("A.\n\nB.", "A.\n\nB.").changed


def test_one_word_changed_in_a_500_word_paragraph_marks_only_that_word():
    new = LONG.replace("word250", "changed")
    segments = diff_words(LONG, new)
    assert changed_text(segments, DELETE) == ["word250"]
    assert changed_text(segments, INSERT) == ["changed"]
    [block] = diff_text(LONG, new).blocks
    assert block.kind == CHANGED
    assert diff_text(LONG, new).stats.unchanged_words == 499


def test_a_sentence_inserted():
    old = "Customs checks the declaration. The goods are released."
    new = "Customs checks the declaration. Risk is assessed first. The goods are released."
    segments = diff_words(old, new)
    assert changed_text(segments, INSERT) == ["Risk is assessed first."]
    assert not changed_text(segments, DELETE)


def test_paragraphs_reordered_are_moves_not_rewrites():
    diff = diff_text(
        "First para.\n\nSecond para.\n\nThird.", "Second para.\n\nFirst para.\n\nThird."
    )
    kinds = [b.kind for b in diff.blocks]
    assert sorted(kinds) == sorted([MOVED_FROM, MOVED_TO, UNCHANGED, UNCHANGED])
    assert diff.stats.inserted_words == diff.stats.deleted_words == 0


def test_list_items_added():
    diff = diff_text("Steps:\n\n- export\n- import", "Steps:\n\n- export\n- transit\n- import")
    block = diff.blocks[1]
    assert block.kind == CHANGED
    inserted = " ".join(changed_text(block.segments, INSERT))
    assert re.findall(r"\w+", inserted) == ["transit"]


def test_table_cell_changed():
    old = "| Term | Meaning |\n|---|---|\n| UCR | a reference |"
    new = "| Term | Meaning |\n|---|---|\n| UCR | a unique reference |"
    [block] = diff_text(old, new).blocks
    assert changed_text(block_segments(block), INSERT) == ["unique"]


def test_new_paragraph_is_inserted_whole():
    diff = diff_text("One.", "One.\n\nA brand new paragraph about seals.")
    assert [b.kind for b in diff.blocks] == [UNCHANGED, INSERTED]


def test_french_accents_and_non_latin_text():
    segments = diff_words("Les données sont protégées.", "Les données sont sécurisées.")
    assert changed_text(segments, DELETE) == ["protégées"]
    assert changed_text(segments, INSERT) == ["sécurisées"]
    segments = diff_words("海关监管货物", "海关检查货物")  # one character a token
    assert changed_text(segments, DELETE) == ["监管"]
    segments = diff_words("Таможенный контроль товаров", "Таможенный досмотр товаров")
    assert changed_text(segments, INSERT) == ["досмотр"]
    assert changed_text(diff_words("Hải quan Việt Nam", "Hải quan Việt Nam mới"), INSERT) == ["mới"]


def test_tokens_keep_every_character():
    text = "A l’OMD, 2017: «SAFE» — 海关 ok\n- item"
    assert "".join(tokenize(text)) == text


def test_segments_rebuild_both_texts():
    old, new = "alpha beta gamma delta", "alpha gamma delta epsilon beta"
    segments = diff_words(old, new)
    assert "".join(s.text for s in segments if s.op != INSERT).split() == old.split()
    assert "".join(s.text for s in segments if s.op != DELETE) == new


def test_a_rewritten_run_of_paragraphs_still_pairs_the_similar_ones():
    """Paragraphs with no word in common are deleted and inserted whole (they are told apart
    by their words before any diff); the one that was only edited is still a change."""
    old = [f"Old paragraph {n} alpha{n} beta{n} gamma{n} delta{n}." for n in range(40)]
    new = [f"New text {n} epsilon{n} zeta{n} eta{n} theta{n}." for n in range(40)]
    old[30] = "Seals are applied at departure by the customs officer on duty."
    new[33] = "Seals are applied at departure by the officer on duty."
    diff = diff_text("\n\n".join(old), "\n\n".join(new))
    [changed] = [b for b in diff.blocks if b.kind == CHANGED]
    assert changed_text(changed.segments, DELETE) == ["customs"]
    assert diff.stats.unchanged_words == 10
    assert sum(b.kind == DELETED for b in diff.blocks) == 39
    assert sum(b.kind == INSERTED for b in diff.blocks) == 39
