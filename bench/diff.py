"""Word diff of two 10,000-word versions with about 200 scattered edits (uniform vocabulary),
and of 50,000-word texts with natural (Zipf) word frequencies and ~1 % edits, several seeds:
word diff, Markdown diff and three-way merge. `python -m bench diff` prints this part alone."""

import itertools
import random
import re
import statistics
import time

RUNS = 15
NATURAL_RUNS = 3  # per seed
# (seed, vocabulary size): prose-like vocabularies and narrower, more repetitive ones
CASES = (
    (1, 12_000),
    (2, 12_000),
    (3, 12_000),
    (1, 2_000),
    (2, 2_000),
    (2, 500),
    (3, 500),
    (1, 120),
)
NATURAL_WORDS = 50_000

# The most frequent English words, most frequent first; then the Guidelines' own words, then
# made-up rarer ones. Ranks follow Zipf's law, as in real prose: "the" about 6 % of the words.
COMMON = (
    "the of and to a in is that for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there been one all we their has would when if so "
    "no will can more other its into only some could than them may these then two also first "
    "any new should each such where before after under between must shall without within "
    "through over about made up out time between those both same under"
).split()
DOMAIN = (
    "customs administration consignment export import transit declaration risk assessment "
    "advance electronic data seal container operator authorized supply chain security control "
    "release examination partner exchange information message reference standard procedure "
    "goods cargo border agency trade facilitation mutual recognition programme member economic "
    "integrity inspection equipment technology carrier vessel aircraft manifest arrival"
).split()


def make_texts(words: int = 10_000, edits: int = 200, seed: int = 2017) -> tuple[str, str]:
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyzéèàç"
    vocabulary = [
        "".join(rng.choice(letters) for _ in range(rng.randint(2, 10))) for _ in range(4000)
    ]
    old = [rng.choice(vocabulary) for _ in range(words)]
    new = list(old)
    for index in rng.sample(range(words), edits):
        new[index] = rng.choice(vocabulary) + "x"
    return " ".join(old), " ".join(new)


def as_paragraphs(text: str, size: int = 100) -> str:
    words = text.split(" ")
    return "\n\n".join(" ".join(words[i : i + size]) + "." for i in range(0, len(words), size))


class Natural:
    """Words drawn with Zipf-Mandelbrot frequencies from a 12,000-word vocabulary: "the" about
    one word in fifteen, as in English prose; a comma after about one word in sixteen."""

    def __init__(self, seed: int, size: int = 12_000) -> None:
        self.rng = random.Random(seed)
        made = {
            "".join(self.rng.choice("abcdefghilmnoprstuv") for _ in range(self.rng.randint(4, 11)))
            for _ in range(size)
        }
        vocabulary = list(dict.fromkeys([*COMMON, *DOMAIN, *sorted(made)]))[:size]
        self.vocabulary = vocabulary
        self.cumulative = list(itertools.accumulate(1 / (r + 1.5) for r in range(len(vocabulary))))

    def words(self, n: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.cumulative, k=n)

    def text(self, n: int) -> list[str]:
        """``n`` words; sentences start with a capital and end with a full stop, paragraphs
        (of 2 to 8 sentences) with a blank line."""
        out, left, sentences = [], 0, self.rng.randint(2, 8)
        for word in self.words(n):
            if left == 0:
                word, left = word.capitalize(), self.rng.randint(8, 24)
            left -= 1
            if left == 0:
                sentences -= 1
                word += "." if sentences else ".\n\n"
                sentences = sentences or self.rng.randint(2, 8)
            elif self.rng.random() < 0.06:
                word += ","
            out.append(word)
        return out

    def changes(self, places: list[int]) -> dict[int, tuple[str, str]]:
        """At each place, a third each: ("replace", word), ("insert", word) before it, or
        ("delete", "")."""
        kinds = ("replace", "insert", "delete")
        return {p: (self.rng.choice(kinds), self.words(1)[0]) for p in places}


def apply(words: list[str], changes: dict[int, tuple[str, str]]) -> tuple[list[str], int]:
    """The words with the changes made; and how many old words were replaced or deleted."""
    new, touched = [], 0
    for index, word in enumerate(words):
        kind, other = changes.get(index, ("", ""))
        if kind == "replace":
            new.append(other)
        elif kind == "insert":
            new.extend([other, word])
        elif not kind:
            new.append(word)
        touched += kind in ("replace", "delete")
    return new, touched


def join(words: list[str]) -> str:
    return " ".join(words).replace("\n\n ", "\n\n").strip()


def natural_case(seed: int, words: int = NATURAL_WORDS, vocabulary: int = 12_000) -> dict:
    """Base text, two versions each editing ~1 % of the words (in different places, never
    next to each other), and what merging them must give."""
    natural = Natural(seed, vocabulary)
    base = natural.text(words)
    places = natural.rng.sample(range(0, words, 3), words // 50)  # spaced: no touching edits
    ours_changes, theirs_changes = natural.changes(places[::2]), natural.changes(places[1::2])
    ours, _ = apply(base, ours_changes)
    theirs, theirs_touched = apply(base, theirs_changes)
    merged, _ = apply(base, {**ours_changes, **theirs_changes})
    return {
        "base": join(base),
        "ours": join(ours),
        "theirs": join(theirs),
        "merged": join(merged),
        "unchanged": words - theirs_touched,  # base words that ``theirs`` keeps
    }


def _median_ms(fn, runs: int):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def run() -> list[tuple[str, float, float, float]]:
    from guidelines.rendering.diff import EQUAL, diff_text, diff_words
    from guidelines.rendering.diff import _count_words as count_words

    old, new = make_texts()
    rows = []
    for name, fn, a, b in [
        ("diff_words, one 10k-word block", diff_words, old, new),
        ("diff_text, 100 paragraphs", diff_text, as_paragraphs(old), as_paragraphs(new)),
    ]:
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            result = fn(a, b)
            times.append(time.perf_counter() - start)
        if fn is diff_words:
            kept = sum(count_words(s.text) for s in result if s.op == EQUAL)
        else:
            kept = result.stats.unchanged_words
        q = statistics.quantiles(times, n=4)
        rows.append((name, statistics.median(times) * 1000, (q[2] - q[0]) * 1000, kept / 9800))
    return rows


def run_natural(cases=CASES, runs: int = NATURAL_RUNS) -> list[tuple[str, float, float, float]]:
    """Per function: the worst median over the cases, the best, and the worst share of
    unchanged words marked unchanged (for the merge: 1.0 when it gives exactly the expected
    text, else 0)."""
    from guidelines.rendering.diff import EQUAL, count_words, diff_text, diff_words
    from guidelines.rendering.merge import three_way_merge

    results: dict[str, list[tuple[float, float]]] = {}
    for seed, vocabulary in cases:
        case = natural_case(seed, vocabulary=vocabulary)
        base, theirs, unchanged = case["base"], case["theirs"], case["unchanged"]
        median, segments = _median_ms(lambda: diff_words(base, theirs), runs)  # noqa: B023
        kept = sum(count_words(s.text) for s in segments if s.op == EQUAL)
        results.setdefault("diff_words, the same as one block", []).append(
            (median, kept / unchanged)
        )
        median, result = _median_ms(lambda: diff_text(base, theirs), runs)  # noqa: B023
        results.setdefault("diff_text, ~1,000 paragraphs", []).append(
            (median, result.stats.unchanged_words / unchanged)
        )
        median, merged = _median_ms(
            lambda: three_way_merge(base, case["ours"], theirs),  # noqa: B023
            runs,
        )
        exact = 1.0 if merged.clean and merged.text == case["merged"] else 0.0
        results.setdefault("three_way_merge, 2 x 1 %", []).append((median, exact))
    return [
        (
            name,
            max(m for m, _ in values),
            min(m for m, _ in values),
            min(k for _, k in values),
        )
        for name, values in results.items()
    ]


def print_table() -> None:
    print(f"\n{'word diff, 10k words, 200 edits':<34}{'median ms':>11}{'IQR ms':>8}{'kept':>9}")
    for name, median, iqr, kept in run():
        print(f"{name:<34}{median:>11.1f}{iqr:>8.1f}{kept:>9.2%}")
    print("kept = share of the 9,800 unchanged words marked unchanged (target >= 95%)")
    print(
        f"\n{'natural text, 50k words, 1 % edits':<34}{'worst ms':>10}{'best ms':>9}"
        f"{'worst kept':>12}"
    )
    for name, worst, best, kept in run_natural():
        print(f"{name:<34}{worst:>10.1f}{best:>9.1f}{kept:>12.2%}")
    print(
        f"median of {NATURAL_RUNS} runs per text, {len(CASES)} texts (seeds, vocabularies of "
        f"{'/'.join(sorted({f'{v:,}' for _, v in CASES}, key=lambda v: -int(v.replace(',', ''))))}"
        " words); worst/best = the slowest and fastest text (target <= 300 ms);\nkept as above, "
        "of the words the second version keeps (merge: 100% = exactly the expected merged text)"
    )
    print_bad_cases()


def _short_paragraphs(words: list[str]) -> str:
    return "\n\n".join(" ".join(words[i : i + 12]) for i in range(0, len(words), 12))


def _table(words: list[str]) -> str:
    """A two-column table of 10 words a row."""
    words = [w.rstrip(".,\n").lower() for w in words]
    rows = (
        f"| {' '.join(words[i : i + 3])} | {' '.join(words[i + 3 : i + 10])} |"
        for i in range(0, len(words), 10)
    )
    return "\n".join(["| Term | Meaning |", "|---|---|", *rows])


def bad_cases() -> list[tuple[str, str, str, str]]:
    """Inputs that once took seconds (issue 18 point 6): (name, entry point, old, new). The
    entry point is "words" (diff_words), "text" (diff_text) or "merge" (three_way_merge, old
    as the base and as ours edited once, new as theirs)."""
    short_a, short_b = Natural(11).text(1_500), Natural(12).text(1_500)
    shuffled = list(short_a)
    random.Random(13).shuffle(shuffled)
    long_a, long_b = Natural(21).text(NATURAL_WORDS), Natural(22).text(NATURAL_WORDS)
    flat_a = [w.rstrip(".,\n") for w in long_a]
    sentences = re.split(r"(?<=\.) ", join(long_a).replace("\n\n", " "))
    random.Random(23).shuffle(sentences)
    heavy = Natural(24, 120)
    heavy_base = heavy.text(NATURAL_WORDS)
    places = heavy.rng.sample(range(0, NATURAL_WORDS, 2), NATURAL_WORDS // 5)
    heavy_new, _ = apply(heavy_base, heavy.changes(places))
    return [
        ("50k words, a fifth edited", "words", join(heavy_base), join(heavy_new)),
        ("50k words, a fifth edited, paragr.", "text", join(heavy_base), join(heavy_new)),
        ("table of 1,000 rows rewritten", "text", _table(long_a[:10_000]),
         _table(long_b[:10_000])),
        ("4,000 paragraphs the same, 2 edits", "text", "\n\n".join(["Same paragraph."] * 4000),
         "\n\n".join([*["Same paragraph."] * 2000, "Other.", *["Same paragraph."] * 1999,
                      "Different end."])),
        ("4,000 the same vs 2 alternating", "text", "\n\n".join(["Same paragraph."] * 4000),
         "\n\n".join(["A.", "B."] * 2000)),
        ("50k words vs sentences shuffled", "words", join(long_a), " ".join(sentences)),
        ("1,500 words vs unrelated 1,500", "words", join(short_a), join(short_b)),
        ("1,500 words vs the same shuffled", "words", join(short_a), join(shuffled)),
        ("50k words rewritten, one block", "words", join(long_a), join(long_b)),
        ("50k words rewritten, paragraphs", "text", join(long_a), join(long_b)),
        ("50k words rewritten, merge", "merge", join(long_a), join(long_b)),
        ("50k words vs reversed", "words", join(long_a), join(long_a[::-1])),
        ("50k words vs reversed, paragraphs", "text", join(long_a), join(long_a[::-1])),
        ("4,000 paragraphs of 12, rewritten", "text",
         _short_paragraphs(flat_a), _short_paragraphs([w.rstrip(".,\n") for w in long_b])),
        ("'the' x 50k vs 'a' x 50k", "words", " ".join(["the"] * 50_000),
         " ".join(["a"] * 50_000)),
        ("'the' x 50k vs 'the a' x 25k", "text", " ".join(["the"] * 50_000),
         " ".join(["the a"] * 25_000)),
        ("50k one paragraph rewritten", "text", " ".join(flat_a),
         " ".join(w.rstrip(".,\n") for w in long_b)),
    ]  # fmt: skip


def run_bad_cases(runs: int = 1) -> list[tuple[str, float, str]]:
    """Per bad case: the median time, and what came out (share of words kept, or the merge's
    outcome)."""
    from guidelines.rendering.diff import EQUAL, count_words, diff_text, diff_words
    from guidelines.rendering.merge import three_way_merge

    rows = []
    for name, entry, old, new in bad_cases():
        total = count_words(old) + count_words(new)
        if entry == "words":
            median, segments = _median_ms(lambda: diff_words(old, new), runs)  # noqa: B023
            kept = sum(count_words(s.text) for s in segments if s.op == EQUAL)
            outcome = f"{2 * kept / total:.1%} kept"
        elif entry == "text":
            median, result = _median_ms(lambda: diff_text(old, new), runs)  # noqa: B023
            outcome = f"{2 * result.stats.unchanged_words / total:.1%} kept"
        else:
            ours = "Changed. " + old
            median, merged = _median_ms(lambda: three_way_merge(old, ours, new), runs)  # noqa: B023
            outcome = "clean" if merged.clean else f"{len(merged.conflicts)} conflicts"
        rows.append((name, median, outcome))
    return rows


def print_bad_cases() -> None:
    print(f"\n{'bad cases (issue 18 point 6)':<36}{'ms':>9}  outcome")
    for name, median, outcome in run_bad_cases(runs=3):
        print(f"{name:<36}{median:>9.1f}  {outcome}")
    print("median of 3 runs; kept = 2 x unchanged words / (old + new words); target <= 300 ms")
