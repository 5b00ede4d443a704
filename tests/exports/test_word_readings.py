"""The whole path from two texts to Word paragraphs, checked on many random edits: the redline's
paragraphs read with only their insertions are the new text's, with only their deletions the old
text's (what "Accept all" and "Reject all" do), whitespace included."""

import random
from dataclasses import replace
from datetime import datetime

from guidelines.exports.word.html import Context, HtmlWriter
from guidelines.exports.word.ooxml import Tracker
from guidelines.exports.word.pieces import DEL, INS, TEXT, Piece, reading, settle, whole_change
from guidelines.exports.word.template import open_template
from guidelines.rendering.attribution import credit_diff, provenance
from guidelines.rendering.diff import diff_text
from guidelines.rendering.markdown import render_markdown
from guidelines.rendering.redline import render_redline

WORDS = (
    "Customs risk seals (the) goods, cargo; data: export import transit AEO UCR “quoted” "
    "l’OMD 海关 контроль Việt Nam **bold** *emphasis* `code` 4.10 – and of the a R&D <tag> "
    "Contrôle\u00a0: [link](https://example.org/x)"
).split(" ")


class Recorder(HtmlWriter):
    """Records each paragraph's settled pieces instead of writing Word XML."""

    def __init__(self) -> None:
        super().__init__(open_template(), Tracker(lambda by: ("x", datetime(2017, 12, 1))))
        self.paragraphs: list[list[Piece]] = []

    def paragraph(self, pieces, context, **options):
        settled = self.settled(pieces)
        if settled:
            self.paragraphs.append(settled)


def paragraphs(html: str) -> list[list[Piece]]:
    recorder = Recorder()
    recorder.write(html, Context(recorder.document))
    return recorder.paragraphs


def read(html: str, view: str) -> list[str]:
    """The paragraphs of a redline in one reading; a paragraph wholly of the other side goes."""
    other = DEL if view == INS else INS
    return [reading(p, view) for p in paragraphs(html) if whole_change(p) != other]


def clean(text: str) -> list[str]:
    return [reading(p, INS) for p in paragraphs(str(render_markdown(text)))]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(3, 12))]
    return " ".join(words).capitalize() + rng.choice([".", ";", ":", "?"])


def block(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.1:
        return "\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 4)))
    if kind < 0.15:
        return "\n".join(f"{n}. {sentence(rng)}" for n in range(1, rng.randint(2, 4)))
    if kind < 0.18:
        return f"## {sentence(rng)}"
    if kind < 0.21:
        return f"> {sentence(rng)}"
    if kind < 0.23:
        return "\n".join(f"    {sentence(rng)}" for _ in range(rng.randint(1, 3)))  # code
    if kind < 0.3:
        rows = [f"| {rng.choice(WORDS)} | {sentence(rng)} |" for _ in range(rng.randint(1, 3))]
        return "| Term | Meaning |\n|---|---|\n" + "\n".join(rows)
    lines = [sentence(rng) for _ in range(rng.randint(1, 3))]
    return "\n".join(lines) if rng.random() < 0.3 else " ".join(lines)


def edit(rng: random.Random, text: str) -> str:
    blocks = text.split("\n\n")
    for _ in range(rng.randint(1, 4)):
        action = rng.random()
        i = rng.randrange(len(blocks))
        if action < 0.15:
            blocks.insert(i, block(rng))
        elif action < 0.25 and len(blocks) > 1:
            blocks.pop(i)
        elif action < 0.3 and len(blocks) > 1:
            blocks.insert(rng.randrange(len(blocks)), blocks.pop(i))
        else:
            words = blocks[i].split(" ")
            j = rng.randrange(len(words))
            choice = rng.random()
            if choice < 0.4:
                words[j] = rng.choice(WORDS)
            elif choice < 0.7:
                words.insert(j, rng.choice(WORDS))
            elif len(words) > 2:
                words.pop(j)
            blocks[i] = " ".join(words)
    return "\n\n".join(blocks)


def cases(seed: int, count: int):
    rng = random.Random(seed)
    for case in range(count):
        old = "\n\n".join(block(rng) for _ in range(rng.randint(1, 5)))
        middle = edit(rng, old)
        yield case, old, middle, edit(rng, middle)


def test_both_readings_of_random_redlines_are_the_two_texts():
    failures = []
    for case, old, _middle, new in cases(2017, 200):
        html = str(render_redline(diff_text(old, new)))
        if read(html, INS) != clean(new) or read(html, DEL) != clean(old):
            failures.append((case, old, new))
    assert failures == []


def test_credited_redlines_read_the_same_way():
    """Two edits by two people between the drafts: crediting them keeps both readings exact."""
    failures = []
    for case, old, middle, new in cases(1884, 150):
        prov = provenance([(old, None), (middle, 0), (new, 1)])
        diff = credit_diff(diff_text(old, new), prov)
        html = str(render_redline(diff, labels={0: "AU", 1: "NL"}))
        if read(html, INS) != clean(new) or read(html, DEL) != clean(old):
            failures.append((case, old, middle, new))
    assert failures == []


def test_settle_keeps_one_space_between_words_in_each_reading():
    pieces = [
        Piece(text="Customs  should "),
        Piece(text="check", change=DEL),
        Piece(text="assess", change=INS),
        Piece(text=" (", change=None),
        Piece(text="see ", change=DEL),
        Piece(text="the annex)  "),
    ]
    settled = settle(pieces)
    assert reading(settled, INS) == "Customs should assess (the annex)"
    assert reading(settled, DEL) == "Customs should check (see the annex)"


def test_settle_without_changes_is_html_whitespace():
    pieces = [Piece(text="  One\n two "), Piece(text=" three ", bold=True), Piece(text="  ")]
    assert settle(pieces) == [Piece(text="One two "), Piece(text="three", bold=True)]
    with_change = [*pieces, Piece(text="x", change=INS)]
    general = settle([replace(p, text=p.text) for p in with_change])
    assert reading(general, DEL) == "One two three"
    assert all(p.kind == TEXT for p in general)
