"""Word diff of two 10,000-word versions with about 200 scattered edits."""

import random
import statistics
import time

RUNS = 15


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
