"""Markdown tables compared row by row and cell by cell.

A table changed in place keeps its shape in a redline: rows are aligned (unchanged, changed,
inserted, deleted) and a changed row is compared cell by cell, word by word. A word diff over the
table's source would let a deleted ``|`` and an inserted one both survive, adding a cell to the
row in both readings. Tables whose number of columns changed are not compared here: the caller
replaces the whole table (old one deleted, new one inserted), which is exact either way.
"""

import threading
from dataclasses import dataclass

import markdown

from .pairing import block_opcodes, candidates, may_be_similar, word_set
from .words import DELETE, EQUAL, INSERT, Segment, diff_words, shift, similarity

ROW_UNCHANGED, ROW_CHANGED = "unchanged", "changed"
ROW_INSERTED, ROW_DELETED = "inserted", "deleted"
_local = threading.local()
SIMILAR = 0.4


@dataclass(frozen=True)
class Cell:
    text: str  # stripped content
    at: int  # offset of ``text`` in the table's source


@dataclass(frozen=True)
class ParsedTable:
    header: tuple[Cell, ...]
    separator: str
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def columns(self) -> int:
        return len(self.header)


@dataclass(frozen=True)
class RowChange:
    kind: str  # ROW_UNCHANGED | ROW_CHANGED | ROW_INSERTED | ROW_DELETED
    cells: tuple[tuple[Segment, ...], ...]  # one tuple of segments per column


@dataclass(frozen=True)
class TableDiff:
    header: RowChange
    separator: str
    rows: tuple[RowChange, ...]


def _processor():
    """python-markdown's own table parser (one per thread: its ``test`` keeps state), so that a
    block is a table here exactly when the pages render it as one, cut into the same cells."""
    found = getattr(_local, "processor", None)
    if found is None:
        found = _local.processor = markdown.Markdown(extensions=["tables"]).parser.blockprocessors[
            "table"
        ]
    return found


def _cells(processor, line: str, base: int, columns: int) -> tuple[Cell, ...]:
    """The cells of one row as the renderer sees them: extra cells dropped, missing ones empty.
    Offsets are into the table's source (``base`` = where the line starts)."""
    lead = len(line) - len(line.lstrip(" "))
    stripped = line.strip(" ")
    cells, cursor = [], 0
    for raw in processor._split_row(stripped)[:columns]:
        at = stripped.find(raw, cursor)
        at = cursor if at < 0 else at
        cursor = at + len(raw)
        text = raw.strip(" ")
        cells.append(Cell(text, base + lead + at + (len(raw) - len(raw.lstrip(" ")))))
    end = base + len(line)
    cells.extend(Cell("", end) for _ in range(columns - len(cells)))
    return tuple(cells)


def parse_table(block: str) -> ParsedTable | None:
    """The table in a Markdown block, or None if the renderer would not make it a table."""
    processor = _processor()
    if not processor.test(None, block):
        return None
    columns = len(processor.separator)
    lines, at = [], 0
    for line in block.split("\n"):
        lines.append((at, line))
        at += len(line) + 1
    header = _cells(processor, lines[0][1], lines[0][0], columns)
    rows = tuple(_cells(processor, line, start, columns) for start, line in lines[2:])
    return ParsedTable(header, lines[1][1], rows)


def _whole(kind: str, cells: tuple[Cell, ...], base: int) -> RowChange:
    op = INSERT if kind == ROW_INSERTED else DELETE
    segments = tuple(((Segment(op, c.text, base + c.at),) if c.text else ()) for c in cells)
    return RowChange(kind, segments)


def _paired(
    old: tuple[Cell, ...], new: tuple[Cell, ...], old_base: int, new_base: int
) -> RowChange:
    cells = []
    changed = False
    for a, b in zip(old, new, strict=True):
        segments = diff_words(a.text, b.text)
        changed = changed or any(s.op != EQUAL for s in segments)
        cells.append(shift(segments, old_base + a.at, new_base + b.at))
    return RowChange(ROW_CHANGED if changed else ROW_UNCHANGED, tuple(cells))


def _row_text(cells: tuple[Cell, ...]) -> str:
    return " | ".join(c.text for c in cells)


def diff_tables(
    old: ParsedTable, new: ParsedTable, *, old_base: int = 0, new_base: int = 0
) -> TableDiff | None:
    """Row and cell changes between two tables with the same columns (None otherwise).
    ``old_base``/``new_base``: where the tables start in the texts the offsets refer to."""
    if old.columns != new.columns:
        return None
    header = _paired(old.header, new.header, old_base, new_base)
    old_keys, new_keys = [_row_text(r) for r in old.rows], [_row_text(r) for r in new.rows]
    rows: list[RowChange] = []
    for tag, i1, i2, j1, j2 in block_opcodes(old_keys, new_keys):
        if tag == "equal":
            rows.extend(
                _paired(old.rows[i], new.rows[j], old_base, new_base)
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
            continue
        j, old_words, new_words, missed = j1, {}, {}, False
        for i in range(i1, i2):
            match = None
            options = candidates(i - i1, j - j1, i2 - i1, j2 - j1)  # (as for paragraphs)
            for k in (j1 + n for n in options):
                if k > j1 + options.start or missed:
                    if i not in old_words:
                        old_words[i] = word_set(old_keys[i])
                    if k not in new_words:
                        new_words[k] = word_set(new_keys[k])
                    if not may_be_similar(old_words[i], new_words[k], SIMILAR):
                        continue
                if similarity(diff_words(old_keys[i], new_keys[k])) >= SIMILAR:
                    match = k
                    break
            missed = match is None
            if match is None:
                rows.append(_whole(ROW_DELETED, old.rows[i], old_base))
                continue
            rows.extend(_whole(ROW_INSERTED, new.rows[k], new_base) for k in range(j, match))
            rows.append(_paired(old.rows[i], new.rows[match], old_base, new_base))
            j = match + 1
        rows.extend(_whole(ROW_INSERTED, new.rows[k], new_base) for k in range(j, j2))
    return TableDiff(header, new.separator, tuple(rows))


def whole_table(
    table: ParsedTable, kind: str, *, base: int = 0, by: tuple[int, ...] = ()
) -> TableDiff:
    """A table inserted (``kind`` ROW_INSERTED) or deleted (ROW_DELETED) as a whole: every row,
    the header too, is an inserted (deleted) row, so that an office suite removes the whole
    table when the change is rejected (accepted)."""

    def row(cells: tuple[Cell, ...]) -> RowChange:
        change = _whole(kind, cells, base)
        if not by:
            return change
        credited = tuple(
            tuple(Segment(s.op, s.text, s.at, by) for s in cell) for cell in change.cells
        )
        return RowChange(change.kind, credited)

    return TableDiff(row(table.header), table.separator, tuple(row(r) for r in table.rows))


def table_segments(table: TableDiff):
    """Every segment of every cell, header first (for statistics and attribution)."""
    for row in (table.header, *table.rows):
        for cell in row.cells:
            yield from cell
