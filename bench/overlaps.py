"""The duplication finder: 300 synthetic sections against a synthetic SAFE Framework text
covering every standard (one standard's text and one technical specification each, some of
them lightly edited copies of sections). Whole-document recompute and one section's edit."""

import random
import statistics
import time

RUNS = 5


def _framework(document) -> int:
    from guidelines.models import FrameworkText, Section, Standard
    from guidelines.services.history import save_versioned
    from guidelines.services.overlaps import overlaps_suspended
    from guidelines.services.synthetic import WORDS

    rng = random.Random(17)
    bodies = list(Section.objects.filter(document=document).values_list("body", flat=True))
    count = 0
    with overlaps_suspended():
        for standard in Standard.objects.all():
            if FrameworkText.objects.filter(standard=standard, language="en").exists():
                continue
            for spec in ("", f"{standard.number}.1"):
                own = " ".join(rng.choice(WORDS) for _ in range(120)).capitalize() + "."
                copied = rng.choice(bodies).replace(" the ", " a ")  # a light edit of a section
                text = FrameworkText(
                    standard=standard, spec=spec, language="en", body=f"{own}\n\n{copied}"
                )
                save_versioned(text, user=None, reason="Benchmark")
                count += 1
    return count


def _median(fn) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run() -> list[tuple[str, float, float, int]]:
    from guidelines.models import Overlap, Section
    from guidelines.services.overlaps import overlaps_recompute
    from guidelines.services.synthetic import synthetic_document_create

    document = synthetic_document_create(sections=300)
    _framework(document)
    whole = _median(lambda: overlaps_recompute(document=document))
    rows = Overlap.objects.filter(document=document).count()
    section = Section.objects.get(document=document, key="section-150")
    counter = iter(range(10_000))

    def edit() -> None:  # a new text each time: nothing of it is cached
        Section.objects.filter(pk=section.pk).update(
            body=f"{section.body}\n\nAn edit number {next(counter)} about customs seals."
        )
        overlaps_recompute(document=document, section=section)

    one = _median(edit)
    return [
        ("whole document, 300 sections", whole, 5.0, rows),
        ("one section's edit", one, 0.5, rows),
    ]


def print_table() -> None:
    print(f"\n{'duplication finder':<34}{'median s':>10}{'target s':>10}{'rows':>8}")
    for name, median, target, rows in run():
        print(f"{name:<34}{median:>10.3f}{target:>10.1f}{rows:>8}")
