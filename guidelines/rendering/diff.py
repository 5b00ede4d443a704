"""Word-level comparison of two texts, returned as typed values (no HTML here).

The engine is diff-match-patch run over *tokens* (words, single CJK characters, whitespace runs,
punctuation), each token encoded as one character, with semantic clean-up: changing one word in
a long paragraph marks that word, not the paragraph. Texts are first split into blocks
(Markdown paragraphs, lists, tables), which are aligned so that inserted, deleted, moved and
changed paragraphs are told apart; changed blocks carry their word segments.
``guidelines.rendering.redline`` turns these values into HTML.
"""

import difflib
import re
from dataclasses import dataclass, field

from diff_match_patch import diff_match_patch

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
# Block kinds
UNCHANGED, CHANGED, INSERTED, DELETED, MOVED_FROM, MOVED_TO = (
    "unchanged", "changed", "inserted", "deleted", "moved_from", "moved_to",
)  # fmt: skip

_CJK = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]"
# A token is a word (or one CJK character, or one other character) with the whitespace after it:
# half as many tokens as counting whitespace apart, and whitespace never matches on its own.
TOKEN = re.compile(rf"(?:{_CJK}|[^\W_]+(?:['’][^\W_]+)*|\S)\s*|\s+", re.UNICODE)
_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n+")
_CODE_BASE = 0x20000  # tokens are encoded as characters from here on (never surrogates)
SIMILAR = 0.4  # two blocks sharing at least this share of tokens are "the same block, changed"


@dataclass(frozen=True)
class Segment:
    op: str  # EQUAL | INSERT | DELETE
    text: str


@dataclass(frozen=True)
class BlockChange:
    kind: str  # UNCHANGED | CHANGED | INSERTED | DELETED | MOVED_FROM | MOVED_TO
    old: str
    new: str
    segments: tuple[Segment, ...] = ()


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


def tokenize(text: str) -> list[str]:
    return TOKEN.findall(text)


def _is_word(token: str) -> bool:
    return not token.isspace() and bool(re.match(r"\w", token))


def _encode(a: list[str], b: list[str]) -> tuple[str, str]:
    """One character per token; a word matches itself whatever whitespace follows it."""
    codes: dict[str, str] = {}

    def encode(tokens: list[str]) -> str:
        out = []
        for token in tokens:
            key = token.rstrip() or " "
            code = codes.get(key)
            if code is None:
                code = codes[key] = chr(_CODE_BASE + len(codes))
            out.append(code)
        return "".join(out)

    return encode(a), encode(b)


def diff_words(old: str, new: str, *, timeout: float = 2.0) -> list[Segment]:
    """Word-level segments turning ``old`` into ``new`` (adjacent segments of one op merged).

    Unchanged runs are given as they stand in ``new``.
    """
    if old == new:
        return [Segment(EQUAL, old)] if old else []
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    a, b = _encode(old_tokens, new_tokens)
    engine = diff_match_patch()
    engine.Diff_Timeout = timeout
    diffs = (
        _chunked_diff(engine, a, b)
        if len(a) + len(b) > CHUNKED_ABOVE
        else engine.diff_main(a, b, False)
    )
    engine.diff_cleanupSemantic(diffs)
    segments: list[Segment] = []
    i = j = 0  # positions in old_tokens and new_tokens
    for op, chars in diffs:
        n = len(chars)
        if op == 0:
            kind, text = EQUAL, "".join(new_tokens[j : j + n])
            i, j = i + n, j + n
        elif op == 1:
            kind, text = INSERT, "".join(new_tokens[j : j + n])
            j += n
        else:
            kind, text = DELETE, "".join(old_tokens[i : i + n])
            i += n
        if segments and segments[-1].op == kind:
            segments[-1] = Segment(kind, segments[-1].text + text)
        elif text:
            segments.append(Segment(kind, text))
    return segments


CHUNKED_ABOVE = 4000  # tokens on both sides together


def _chunks(encoded: str) -> list[str]:
    """Content-defined chunks of about 8 tokens: a chunk ends after a token whose code is
    divisible by 8, so an edit moves the boundaries near it only."""
    out, start = [], 0
    for index, char in enumerate(encoded):
        if (ord(char) * 2654435761) % 8 == 0:
            out.append(encoded[start : index + 1])
            start = index + 1
    if start < len(encoded):
        out.append(encoded[start:])
    return out


def _chunked_diff(engine, a: str, b: str) -> list[tuple[int, str]]:
    """Like diff-match-patch's line mode, with chunks of tokens instead of lines: align the chunk
    sequences first (difflib, fast on mostly distinct chunks), then diff token by token only
    inside the chunks that changed."""
    chunks_a, chunks_b = _chunks(a), _chunks(b)
    matcher = difflib.SequenceMatcher(None, chunks_a, chunks_b, autojunk=False)
    diffs: list[tuple[int, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = "".join(chunks_a[i1:i2]), "".join(chunks_b[j1:j2])
        if tag == "equal":
            diffs.append((0, old))
        else:
            diffs.extend(engine.diff_main(old, new, False))
    return diffs


def similarity(segments: list[Segment]) -> float:
    """Share of words kept: 2 × unchanged / (old words + new words)."""
    kept = sum(_count_words(s.text) for s in segments if s.op == EQUAL)
    old = kept + sum(_count_words(s.text) for s in segments if s.op == DELETE)
    new = kept + sum(_count_words(s.text) for s in segments if s.op == INSERT)
    return 1.0 if old + new == 0 else 2 * kept / (old + new)


def _count_words(text: str) -> int:
    return sum(1 for t in tokenize(text) if _is_word(t))


def split_blocks(text: str) -> list[str]:
    text = (text or "").replace("\r\n", "\n").strip("\n")
    return [b for b in _BLOCK_SPLIT.split(text) if b.strip()] if text.strip() else []


def _pair_chunk(old: list[str], new: list[str]) -> list[BlockChange]:
    """Align a replaced run of blocks in order: similar pairs are changes, the rest in/out."""
    out: list[BlockChange] = []
    j = 0
    for block in old:
        match = None
        for k in range(j, len(new)):
            segments = diff_words(block, new[k])
            if similarity(segments) >= SIMILAR:
                match = (k, segments)
                break
        if match is None:
            out.append(BlockChange(DELETED, block, ""))
            continue
        k, segments = match
        out.extend(BlockChange(INSERTED, "", n) for n in new[j:k])
        out.append(BlockChange(CHANGED, block, new[k], tuple(segments)))
        j = k + 1
    out.extend(BlockChange(INSERTED, "", n) for n in new[j:])
    return out


def _mark_moves(blocks: list[BlockChange]) -> list[BlockChange]:
    deleted = {b.old: i for i, b in enumerate(blocks) if b.kind == DELETED}
    result = list(blocks)
    for i, block in enumerate(blocks):
        if block.kind == INSERTED and block.new in deleted:
            j = deleted.pop(block.new)
            result[j] = BlockChange(MOVED_FROM, block.new, "")
            result[i] = BlockChange(MOVED_TO, "", block.new)
    return result


def diff_text(old: str, new: str) -> TextDiff:
    """Compare two Markdown texts block by block, and word by word inside changed blocks."""
    old_blocks, new_blocks = split_blocks(old), split_blocks(new)
    matcher = difflib.SequenceMatcher(None, old_blocks, new_blocks, autojunk=False)
    blocks: list[BlockChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            blocks.extend(BlockChange(UNCHANGED, b, b) for b in old_blocks[i1:i2])
        else:
            blocks.extend(_pair_chunk(old_blocks[i1:i2], new_blocks[j1:j2]))
    blocks = _mark_moves(blocks)
    return TextDiff(tuple(blocks), _stats(blocks))


def _stats(blocks: list[BlockChange]) -> DiffStats:
    unchanged = inserted = deleted = 0
    for block in blocks:
        if block.kind in (UNCHANGED, MOVED_FROM):
            unchanged += _count_words(block.old)
        elif block.kind == INSERTED:
            inserted += _count_words(block.new)
        elif block.kind == DELETED:
            deleted += _count_words(block.old)
        elif block.kind == CHANGED:
            for s in block.segments:
                words = _count_words(s.text)
                if s.op == EQUAL:
                    unchanged += words
                elif s.op == INSERT:
                    inserted += words
                else:
                    deleted += words
    return DiffStats(unchanged, inserted, deleted)
