"""Re-anchoring 200 comments after an edit of a 5,000-word section; a section page with 200
comment threads."""

import random
import statistics
import time

from django.urls import reverse

RUNS = 15


def _text(rng: random.Random, words: int) -> str:
    from bench.diff import make_texts

    old, _ = make_texts(words=words, edits=0, seed=rng.randint(0, 10**6))
    tokens = old.split(" ")
    return "\n\n".join(" ".join(tokens[i : i + 80]) + "." for i in range(0, len(tokens), 80))


def reanchor() -> tuple[float, float, dict[str, int]]:
    from guidelines.rendering.anchoring import anchor, context_at, normalise

    rng = random.Random(5)
    old = normalise(_text(rng, 5000))
    quotes = []
    for _ in range(200):
        start = rng.randrange(0, len(old) - 200)
        start = old.index(" ", start) + 1
        end = old.index(" ", start + rng.randint(30, 150))
        quote = old[start:end]
        prefix, suffix = context_at(old, start, end)
        quotes.append((quote, prefix, suffix, start))
    # The edit: a paragraph inserted at the top, ~60 words changed throughout, one passage cut.
    words = old.split(" ")
    for index in rng.sample(range(len(words)), 60):
        words[index] = words[index] + "x"
    new = "A new opening paragraph inserted by the facilitator. " * 5 + " ".join(words)
    times, statuses = [], {}
    for _ in range(RUNS):
        start = time.perf_counter()
        found = [anchor(new, q, prefix=p, suffix=s, hint=h) for q, p, s, h in quotes]
        times.append(time.perf_counter() - start)
    for a in found:
        statuses[a.status] = statuses.get(a.status, 0) + 1
    q = statistics.quantiles(times, n=4)
    return statistics.median(times) * 1000, (q[2] - q[0]) * 1000, statuses


def section_page(client, measure):
    from guidelines.models import Section, User
    from guidelines.services.comments import comment_create, comment_reply

    section = Section.objects.get(document__slug="iscm-guidelines", key="risk-assessment")
    author = User.objects.get(username="member-cn")
    quote = "Each administration assesses risk with automated selectivity"
    for n in range(200):
        thread = comment_create(user=author, section=section, body=f"Thread {n}", quote=quote)
        comment_reply(user=author, parent=thread, body=f"Reply {n}")
    url = reverse(
        "guidelines:section_detail", kwargs={"slug": "iscm-guidelines", "key": "risk-assessment"}
    )
    return measure(client, url)
