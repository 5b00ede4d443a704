"""Section numbers computed from the tree (1, 3.2, 3.2.1, Annex II), never stored.

The input is any iterable of rows with ``id``, ``parent_id``, ``position`` and ``kind`` (model
instances or historical rows alike), so the same function numbers today's tree and a past one.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext

FRONT = "front"
ANNEX = "annex"


class TreeRow(Protocol):
    id: int
    parent_id: int | None
    position: int
    kind: str


@dataclass(frozen=True)
class Numbered:
    number: str  # "" for unnumbered front matter
    label: str  # what a reader sees before the heading: "3.2", "Annex II", ""
    depth: int


_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]  # fmt: skip


def to_roman(value: int) -> str:
    if value <= 0:
        raise ValueError("Roman numerals start at 1")
    out = []
    for amount, letters in _ROMAN:
        while value >= amount:
            out.append(letters)
            value -= amount
    return "".join(out)


def children_by_parent(rows: Iterable[TreeRow]) -> dict[int | None, list[TreeRow]]:
    """Group rows under their parent id, each group in sibling order."""
    groups: dict[int | None, list[TreeRow]] = defaultdict(list)
    for row in rows:
        groups[row.parent_id].append(row)
    for siblings in groups.values():
        siblings.sort(key=lambda r: (r.position, r.id))
    return groups


def reading_order(groups: dict[int | None, list[TreeRow]]) -> list[TreeRow]:
    """Depth-first, pre-order walk from the top-level rows. Rows whose parent is not among the
    rows (children of a deleted section) are left out with it."""
    ordered: list[TreeRow] = []
    stack = list(reversed(groups.get(None, [])))
    while stack:
        row = stack.pop()
        ordered.append(row)
        stack.extend(reversed(groups.get(row.id, [])))
    return ordered


def number_rows(rows: Iterable[TreeRow]) -> dict[int, Numbered]:
    """Number every row: chapters 1, 2 …; children 3.1, 3.1.2; annexes Annex I, II …

    Front matter (a foreword) is unnumbered and does not take a number from its siblings.
    Children of an annex are numbered inside it (Annex II.1).
    """
    groups = children_by_parent(rows)
    before = _earlier_counts(groups)
    result: dict[int, Numbered] = {}
    for row in reading_order(groups):  # parents are numbered before their children
        parent = result.get(row.parent_id) if row.parent_id is not None else None
        depth = parent.depth + 1 if parent else 0
        if row.kind == FRONT:
            result[row.id] = Numbered("", "", depth)
            continue
        numbered, annexes = before[row.id]  # numbered siblings before it; annexes among them
        if row.kind == ANNEX and parent is None:  # top-level annexes: Annex I, II …
            roman = to_roman(1 + annexes)
            result[row.id] = Numbered(f"Annex {roman}", f"Annex {roman}", depth)
            continue
        if parent is None:  # top-level chapters are counted apart from the annexes
            numbered -= annexes
        own = str(numbered + 1)
        number = f"{parent.number}.{own}" if parent and parent.number else own
        result[row.id] = Numbered(number, number, depth)
    return result


def _earlier_counts(groups: dict[int | None, list[TreeRow]]) -> dict[int, tuple[int, int]]:
    """For each row: how many siblings before it are numbered (not front matter), and how many
    of those are annexes (one pass over each sibling group, already in sibling order)."""
    counts: dict[int, tuple[int, int]] = {}
    for siblings in groups.values():
        numbered = annexes = 0
        for row in siblings:
            counts[row.id] = (numbered, annexes)
            if row.kind != FRONT:
                numbered += 1
                annexes += row.kind == ANNEX
    return counts


_ANNEX_LABEL = re.compile(r"^Annex (?P<n>[IVXLCDM]+(?:\.[\d.]+)?)$")


def shown_label(label: str) -> str:
    """A label as a page in the active language shows it: "Annex II.1" is "Annexe II.1" in
    French. The number itself is the same in every language (labels are computed in English)."""
    found = _ANNEX_LABEL.match(label or "")
    if found is None:
        return label
    return gettext("Annex %(n)s") % {"n": found["n"]}
