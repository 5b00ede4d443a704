"""Long texts with natural word frequencies (the diff's former bad case): the edits found are
the edits made, and three-way merges of such texts come out exact."""

import itertools
import random

from diff_match_patch import diff_match_patch

from guidelines.rendering.diff import (
    DELETE,
    EQUAL,
    INSERT,
    Segment,
    count_words,
    diff_text,
    diff_words,
)
from guidelines.rendering.merge import three_way_merge
from guidelines.rendering.token_diff import SHORT, diff_codes

FREQUENT = "the of and to a in is that for it as with be by on not this are or from at".split()


def natural_words(seed: int, n: int) -> list[str]:
    """Zipf-distributed words: "the" about one word in twenty, most words rare."""
    rng = random.Random(seed)
    made = [
        "".join(rng.choice("bcdfghlmnprstv") + "aeiou"[k % 5] for k in range(3))
        for _ in range(3000)
    ]
    vocabulary = list(dict.fromkeys([*FREQUENT, *made]))
    weights = list(itertools.accumulate(1 / (rank + 2.7) for rank in range(len(vocabulary))))
    return rng.choices(vocabulary, cum_weights=weights, k=n)


def edited(words: list[str], changes: dict[int, str]) -> list[str]:
    """``changes``: at a place, "-" deletes the word, "+new" inserts before it, "new" replaces."""
    out = []
    for index, word in enumerate(words):
        change = changes.get(index)
        if change is None:
            out.append(word)
        elif change.startswith("+"):
            out.extend([change[1:], word])
        elif change != "-":
            out.append(change)
    return out


def words_of(segments, op) -> list[str]:
    return " ".join(s.text for s in segments if s.op == op).split()


def test_scattered_edits_in_natural_text_are_found_exactly():
    words = natural_words(3, 8000)
    places = random.Random(3).sample(range(0, 8000, 5), 80)
    changes = {}
    for n, place in enumerate(sorted(places)):
        changes[place] = ["-", f"+inserted{n}", f"replaced{n}"][n % 3]
    old, new = " ".join(words), " ".join(edited(words, changes))
    segments = diff_words(old, new)

    assert "".join(s.text for s in segments if s.op != INSERT) == old
    assert "".join(s.text for s in segments if s.op != DELETE) == new
    touched = [place for place, change in changes.items() if not change.startswith("+")]
    assert words_of(segments, DELETE) == [words[place] for place in sorted(touched)]
    assert words_of(segments, INSERT) == [
        change.lstrip("+") for _, change in sorted(changes.items()) if change != "-"
    ]
    assert sum(count_words(s.text) for s in segments if s.op == EQUAL) == 8000 - len(touched)


def test_frequent_words_replaced_by_frequent_words():
    """The hard case: "of" becomes "the" next to other frequent words; every other word is
    still marked unchanged, and no more words are marked than were changed."""
    words = natural_words(5, 6000)
    places = [p for p in range(0, 6000, 7) if words[p] in FREQUENT][:60]
    changes = {p: FREQUENT[(FREQUENT.index(words[p]) + 1) % len(FREQUENT)] for p in places}
    old, new = " ".join(words), " ".join(edited(words, changes))
    segments = diff_words(old, new)

    assert len(words_of(segments, DELETE)) <= len(places)
    assert len(words_of(segments, INSERT)) <= len(places)
    assert sum(count_words(s.text) for s in segments if s.op == EQUAL) >= 6000 - len(places)


def test_paragraphs_of_natural_text_keep_their_unchanged_words():
    words = natural_words(7, 6000)
    for end in range(99, 6000, 100):  # paragraphs of a hundred words
        words[end] += ".\n\n"
    changes = {p: f"changed{p}" for p in range(50, 6000, 250)}
    old = " ".join(words).replace("\n\n ", "\n\n")
    new = " ".join(edited(words, changes)).replace("\n\n ", "\n\n")
    result = diff_text(old, new)
    assert result.stats.unchanged_words == 6000 - len(changes)
    assert result.stats.inserted_words == result.stats.deleted_words == len(changes)


def test_long_text_with_no_word_unique_in_both():
    """One phrase repeated: no anchors of any length, and still the one change is found."""
    old = "the rules of the road and of the sea " * 600
    new = old.replace("the sea", "the air", 1)
    segments = diff_words(old, new)
    assert words_of(segments, DELETE) == ["sea"]
    assert words_of(segments, INSERT) == ["air"]


def test_anchored_codes_rebuild_both_sequences():
    engine = diff_match_patch()
    rng = random.Random(11)
    for _ in range(20):
        alphabet = [chr(0x20000 + k) for k in range(rng.choice([2, 30, 3000]))]
        a = "".join(rng.choice(alphabet) for _ in range(SHORT + 1000))
        b = list(a)
        for _ in range(rng.randint(1, 100)):
            b[rng.randrange(len(b))] = rng.choice(alphabet)
        b = "".join(b[: -rng.randint(0, 50)] or b)
        diffs = diff_codes(engine, a, b)
        assert "".join(text for op, text in diffs if op <= 0) == a
        assert "".join(text for op, text in diffs if op >= 0) == b
        assert all(x[0] != y[0] for x, y in itertools.pairwise(diffs))


def test_merge_of_long_natural_texts():
    words = natural_words(13, 8000)
    places = sorted(random.Random(13).sample(range(0, 8000, 3), 160))
    ours_at, theirs_at = places[::2], places[1::2]
    ours = {p: f"ours{p}" for p in ours_at}
    theirs = {p: "-" if p % 2 else f"+theirs{p}" for p in theirs_at}
    base = " ".join(words)
    result = three_way_merge(base, " ".join(edited(words, ours)), " ".join(edited(words, theirs)))
    assert result.clean
    assert result.text == " ".join(edited(words, {**ours, **theirs}))


def test_one_conflict_among_many_edits_in_a_long_text():
    words = natural_words(17, 8000)
    ours = {p: f"ours{p}" for p in range(10, 8000, 100)}
    theirs = {p + 50: f"theirs{p}" for p in range(10, 8000, 100)}
    theirs[4010] = "clash"  # where ours changed too
    result = three_way_merge(
        " ".join(words), " ".join(edited(words, ours)), " ".join(edited(words, theirs))
    )
    assert not result.clean
    [conflict] = result.conflicts
    assert (conflict.base.strip(), conflict.ours.strip(), conflict.theirs.strip()) == (
        words[4010],
        "ours4010",
        "clash",
    )


def test_long_texts_with_nothing_in_common_are_replaced_whole():
    old = " ".join(f"old{n}" for n in range(3000))
    new = " ".join(f"new{n}" for n in range(3000))
    assert diff_words(old, new) == [
        Segment(DELETE, old),
        Segment(INSERT, new),
    ]
