"""The colours of suggestions (one per suggestion on the section page) are readable: text on its
tint and on the page's card white at WCAG AA contrast (4.5:1) at least."""

import re
from pathlib import Path

CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "app.css"
RULE = re.compile(
    r'\.suggestions \[data-by="(\d+)"\][^{]*\{\s*'
    r"color:\s*(#[0-9a-f]{6});\s*background:\s*(#[0-9a-f]{6});"
)


def luminance(colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_of_the_helper():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert contrast("#777777", "#ffffff") < 4.5


def test_every_suggestion_colour_reads_at_aa_contrast():
    rules = RULE.findall(CSS.read_text())
    assert [int(n) for n, _c, _b in rules] == list(range(8))
    for _n, colour, background in rules:
        assert contrast(colour, background) >= 4.5, (colour, background)
        assert contrast(colour, "#ffffff") >= 4.5, colour
    assert len({colour for _n, colour, _b in rules}) == len(rules)  # all different
