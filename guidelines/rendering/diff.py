"""Comparison of two Markdown texts, returned as typed values (no HTML here).

Texts are first split into blocks (Markdown paragraphs, lists, tables), which are aligned so that
inserted, deleted, moved and changed paragraphs are told apart; changed blocks carry their word
segments (``rendering.words``), changed tables their row and cell changes (``rendering.tables``).
Every block and segment knows where it stands in the texts compared (character offsets), so
changes can be credited to whoever made them (``rendering.attribution``).
``guidelines.rendering.redline`` turns these values into HTML.
"""

import re
from dataclasses import dataclass, field

from .pairing import Words, block_opcodes, candidates, may_be_similar, word_set
from .tables import (
    ROW_DELETED,
    ROW_INSERTED,
    TableDiff,
    diff_tables,
    parse_table,
    table_segments,
    whole_table,
)
from .words import (  # noqa: F401  (re-exported: the diff engine's public names)
    DELETE,
    EQUAL,
    INSERT,
    Segment,
    count_words,
    diff_words,
    is_word,
    shift,
    similarity,
    tokenize,
    word_ops,
)

# Block kinds
UNCHANGED, CHANGED, INSERTED, DELETED, MOVED_FROM, MOVED_TO = (
    "unchanged", "changed", "inserted", "deleted", "moved_from", "moved_to",
)  # fmt: skip

_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n+")
SIMILAR = 0.4  # two blocks sharing at least this share of tokens are "the same block, changed"
_count_words = count_words  # the benchmark's name for it


@dataclass(frozen=True)
class BlockChange:
    """One Markdown block compared. ``old_at``/``new_at``: where ``old``/``new`` start in the
    texts compared. A changed table carries ``table`` instead of ``segments``; ``segments`` may
    also be given for whole blocks (inserted, deleted, moved) once their changes are credited."""

    kind: str  # UNCHANGED | CHANGED | INSERTED | DELETED | MOVED_FROM | MOVED_TO
    old: str
    new: str
    segments: tuple[Segment, ...] = ()
    old_at: int = field(default=-1, compare=False)
    new_at: int = field(default=-1, compare=False)
    table: TableDiff | None = field(default=None, compare=False)


@dataclass(frozen=True)
class DiffStats:
    unchanged_words: int
    inserted_words: int
    deleted_words: int

    @property
    def changed(self) -> bool:
        return bool(self.inserted_words or self.deleted_words)


@dataclass(frozen=True)
class TextDiff:
    blocks: tuple[BlockChange, ...]
    stats: DiffStats = field(default_factory=lambda: DiffStats(0, 0, 0))

    @property
    def changed(self) -> bool:
        return any(b.kind != UNCHANGED for b in self.blocks)


def normalise(text: str) -> str:
    return (text or "").replace("\r\n", "\n")


_LIST_OR_NOTE = re.compile(r"^ {0,3}(?:[-*+]\s|\d+[.)]\s|\[\^[^\]]+\]:)")
_INDENTED = re.compile(r"^(?: {4}|\t)")


def split_blocks_at(text: str) -> list[tuple[int, str]]:
    """Blocks of a (normalised) text with their offsets: (start, block). An indented block
    after a list item or a footnote stays with it (Markdown reads it as the item's next
    paragraph, on its own it would read as code), and after code it is more of the same code."""
    text = normalise(text)
    start, end = len(text) - len(text.lstrip("\n")), len(text.rstrip("\n"))
    if not text[start:end].strip():
        return []
    spans, at = [], start
    for separator in _BLOCK_SPLIT.finditer(text, start, end):
        spans.append((at, separator.start()))
        at = separator.end()
    spans.append((at, end))
    out: list[tuple[int, int]] = []
    for begin, finish in spans:
        if not text[begin:finish].strip():
            continue
        previous = text[out[-1][0] : out[-1][1]] if out else ""
        if _INDENTED.match(text[begin:finish]) and (
            _LIST_OR_NOTE.match(previous) or _INDENTED.match(previous)
        ):
            out[-1] = (out[-1][0], finish)
        else:
            out.append((begin, finish))
    return [(begin, text[begin:finish]) for begin, finish in out]


def split_blocks(text: str) -> list[str]:
    return [block for _at, block in split_blocks_at(text)]


def whole_block(kind: str, text: str, at: int) -> BlockChange:
    """A block inserted, deleted or moved as a whole (a table row by row)."""
    inserted = kind in (INSERTED, MOVED_TO)
    parsed = parse_table(text)
    table = (
        whole_table(parsed, ROW_INSERTED if inserted else ROW_DELETED, base=at)
        if parsed is not None
        else None
    )
    if inserted:
        return BlockChange(kind, "", text, new_at=at, table=table)
    return BlockChange(kind, text, "", old_at=at, table=table)


def _same_table(old: str, new: str) -> bool:
    """Two tables with the same columns and the same header are one table changed, however
    many of its cells changed."""
    a, b = parse_table(old), parse_table(new)
    return (
        a is not None
        and b is not None
        and a.columns == b.columns
        and [c.text for c in a.header] == [c.text for c in b.header]
    )


LINE_STRUCTURE = re.compile(r"\s*(?:(?:[-*+]|\d+[.)])\s|#{1,6}\s|>|\||\[\^|-{3,}|={3,})")


def line_safe(segments) -> bool:
    """Whether word-level marks can show these changes: a line break that starts a list item,
    heading or quote and that only one text has (an item split or two merged) must, in the
    other text's reading, leave an empty line (an item wholly inserted or deleted), never cut a
    line that has words on both sides. Other line breaks are only wrapping."""
    if not any(s.op != EQUAL and "\n" in s.text for s in segments):
        return True  # every line break is in both texts
    lines: list[list] = [[0, 0, None, ""]]  # words shown with insertions, with deletions,
    for segment in segments:  # where the break after the line comes from, the line's text
        for char in segment.text:
            if char == "\n":
                lines[-1][2] = segment.op
                lines.append([0, 0, None, ""])
                continue
            lines[-1][3] += char
            if char.isalnum():
                if segment.op != DELETE:
                    lines[-1][0] += 1
                if segment.op != INSERT:
                    lines[-1][1] += 1
    for index, (_a, _r, source, _text) in enumerate(lines[:-1]):
        if source in (None, EQUAL) or not LINE_STRUCTURE.match(lines[index + 1][3]):
            continue
        view = 0 if source == DELETE else 1  # the reading that does not have this break
        if lines[index][view] and lines[index + 1][view]:
            return False
    return True


def _changed(old: tuple[int, str], new: tuple[int, str], segments) -> list[BlockChange]:
    """A pair of similar blocks: word segments, or row and cell changes for two tables. Two
    tables of different shapes (or a table against a paragraph) replace each other whole."""
    (old_at, old_block), (new_at, new_block) = old, new
    old_table, new_table = parse_table(old_block), parse_table(new_block)
    code = _INDENTED.match(old_block) or _INDENTED.match(new_block)  # spaces are its content
    if old_table is None and new_table is None and (code or not line_safe(segments)):
        return [whole_block(DELETED, old_block, old_at), whole_block(INSERTED, new_block, new_at)]
    if old_table is None and new_table is None:
        return [
            BlockChange(
                CHANGED, old_block, new_block, shift(segments, old_at, new_at), old_at, new_at
            )
        ]
    table = (
        diff_tables(old_table, new_table, old_base=old_at, new_base=new_at)
        if old_table is not None and new_table is not None
        else None
    )
    if table is None:
        return [whole_block(DELETED, old_block, old_at), whole_block(INSERTED, new_block, new_at)]
    return [BlockChange(CHANGED, old_block, new_block, (), old_at, new_at, table)]


def _pair_chunk(old: list[tuple[int, str]], new: list[tuple[int, str]]) -> list[BlockChange]:
    """Align a replaced run of blocks in order: similar pairs are changes, the rest in/out.
    A block is diffed with its first candidate (``rendering.pairing``) at once while the
    blocks before it matched, with the others only if their words allow them to be similar."""
    out: list[BlockChange] = []
    j = 0
    new_words: dict[int, Words] = {}
    missed = False  # whether the block before had no match
    for index, (old_at, block) in enumerate(old):
        match = None
        words = None
        table = "|" in block  # (a table has pipes)
        options = candidates(index, j, len(old), len(new))
        for k in options:
            if table and "|" in new[k][1] and _same_table(block, new[k][1]):
                match = (k, ())
                break
            if k > options.start or missed:
                words = word_set(block) if words is None else words
                if k not in new_words:
                    new_words[k] = word_set(new[k][1])
                if not may_be_similar(words, new_words[k], SIMILAR):
                    continue
            segments = diff_words(block, new[k][1])
            if similarity(segments) >= SIMILAR:
                match = (k, segments)
                break
        missed = match is None
        if match is None:
            out.append(whole_block(DELETED, block, old_at))
            continue
        k, segments = match
        out.extend(whole_block(INSERTED, text, at) for at, text in new[j:k])
        out.extend(_changed((old_at, block), new[k], segments))
        j = k + 1
    out.extend(whole_block(INSERTED, text, at) for at, text in new[j:])
    return out


def _mark_moves(blocks: list[BlockChange]) -> list[BlockChange]:
    deleted = {b.old: i for i, b in enumerate(blocks) if b.kind == DELETED}
    result = list(blocks)
    for i, block in enumerate(blocks):
        if block.kind == INSERTED and block.new in deleted:
            j = deleted.pop(block.new)
            result[j] = whole_block(MOVED_FROM, block.new, blocks[j].old_at)
            result[i] = whole_block(MOVED_TO, block.new, block.new_at)
    return result


def diff_text(old: str, new: str) -> TextDiff:
    """Compare two Markdown texts block by block, and word by word inside changed blocks."""
    old_blocks, new_blocks = split_blocks_at(old), split_blocks_at(new)
    opcodes = block_opcodes([b for _, b in old_blocks], [b for _, b in new_blocks])
    blocks: list[BlockChange] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            blocks.extend(
                BlockChange(UNCHANGED, b, b, old_at=oa, new_at=na)
                for (oa, b), (na, _b) in zip(old_blocks[i1:i2], new_blocks[j1:j2], strict=True)
            )
        else:
            blocks.extend(_pair_chunk(old_blocks[i1:i2], new_blocks[j1:j2]))
    blocks = _mark_moves(blocks)
    return TextDiff(tuple(blocks), _stats(blocks))


def block_segments(block: BlockChange):
    """The word segments of a block, whatever its kind (table cells included)."""
    return table_segments(block.table) if block.table is not None else block.segments


def _stats(blocks: list[BlockChange]) -> DiffStats:
    unchanged = inserted = deleted = 0
    for block in blocks:
        if block.kind in (UNCHANGED, MOVED_FROM):
            unchanged += count_words(block.old)
        elif block.kind == INSERTED:
            inserted += count_words(block.new)
        elif block.kind == DELETED:
            deleted += count_words(block.old)
        elif block.kind == CHANGED:
            for s in block_segments(block):
                words = count_words(s.text)
                if s.op == EQUAL:
                    unchanged += words
                elif s.op == INSERT:
                    inserted += words
                else:
                    deleted += words
    return DiffStats(unchanged, inserted, deleted)
