"""Who made each change: insertions and deletions of a redline credited to the versions that made
them.

Between two drafts a section may have been changed several times (a proposal accepted, then a
direct edit). The redline compares the two drafts; to credit each insertion and deletion, the
versions in between are compared one after the other and every character remembers which
version inserted it (and every character of the old text which version deleted it). A change of
the redline is then split where its credit changes. Where the direct comparison and the
step-by-step one disagree (a character the redline shows as inserted that the steps kept from
the old text), the change is credited to all who changed the text, in order: never to a wrong one.

Pure functions on texts; contributors are plain indexes chosen by the caller.
"""

from dataclasses import dataclass, replace

from .diff import (
    CHANGED,
    DELETE,
    DELETED,
    EQUAL,
    INSERT,
    INSERTED,
    MOVED_FROM,
    MOVED_TO,
    Segment,
    TextDiff,
    diff_text,
    line_safe,
    normalise,
)
from .tables import ROW_DELETED, ROW_INSERTED, RowChange, TableDiff, parse_table, whole_table
from .words import diff_words, word_ops


@dataclass(frozen=True)
class Provenance:
    old: str  # the oldest text (normalised)
    new: str  # the newest text (normalised)
    inserted_by: tuple[int | None, ...]  # per character of ``new``: who inserted it
    kept_from: tuple[int, ...]  # per character of ``new``: its place in ``old``, or -1
    deleted_by: tuple[int | None, ...]  # per character of ``old``: who deleted it
    everyone: tuple[int, ...]  # every contributor that changed the text, in order


def provenance(versions: list[tuple[str, int | None]]) -> Provenance:
    """``versions``: the oldest text (its contributor is ignored), then each later text with the
    contributor who made it, oldest first."""
    old = text = normalise(versions[0][0]) if versions else ""
    origin: list[int | None] = [None] * len(text)  # per character of ``text``: who inserted it
    source = list(range(len(text)))  # per character of ``text``: its place in ``old``, or -1
    deleted_by: list[int | None] = [None] * len(text)
    everyone: list[int] = []
    for raw, who in versions[1:]:
        new = normalise(raw)
        if new == text:
            continue
        if who is not None and who not in everyone:
            everyone.append(who)
        new_origin: list[int | None] = []
        new_source: list[int] = []
        for o in word_ops(text, new):
            if o.op == EQUAL:
                old_len = o.i2 - o.i1
                for k in range(o.j2 - o.j1):
                    at = o.i1 + min(k, old_len - 1)
                    new_origin.append(origin[at])
                    new_source.append(source[at] if k < old_len else -1)
            elif o.op == INSERT:
                new_origin.extend([who] * (o.j2 - o.j1))
                new_source.extend([-1] * (o.j2 - o.j1))
            else:
                for at in range(o.i1, o.i2):
                    if source[at] >= 0 and deleted_by[source[at]] is None:
                        deleted_by[source[at]] = who
        text, origin, source = new, new_origin, new_source
    return Provenance(old, text, tuple(origin), tuple(source), tuple(deleted_by), tuple(everyone))


class _Builder:
    """Collects credited segments, merging neighbours of the same kind and credit."""

    def __init__(self) -> None:
        self.out: list[Segment] = []

    def add(self, op: str, char: str, at: int, who: tuple[int, ...]) -> None:
        last = self.out[-1] if self.out else None
        if last is not None and last.op == op and last.by == who:
            self.out[-1] = Segment(op, last.text + char, last.at, who)
        else:
            self.out.append(Segment(op, char, at, who))

    def finish(self) -> list[Segment]:
        """Whitespace alone in a change joins the change next to it (its credit is theirs)."""
        out: list[Segment] = []
        for segment in self.out:
            last = out[-1] if out else None
            if last is not None and last.op == segment.op and last.op != EQUAL:
                if last.text.isspace() or segment.text.isspace():
                    by = segment.by if last.text.isspace() else last.by
                    out[-1] = Segment(last.op, last.text + segment.text, last.at, by)
                    continue
            out.append(segment)
        return [Segment(s.op, s.text, s.at) if s.op == EQUAL else s for s in out]


def _credit(who: int | None, prov: Provenance) -> tuple[int, ...]:
    return (who,) if who is not None else prov.everyone


def interleave(prov: Provenance, old: tuple[int, int], new: tuple[int, int]) -> list[Segment]:
    """Credited segments turning ``prov.old[old]`` into ``prov.new[new]`` (two spans), read off
    the versions in between: characters kept all along are unchanged, the others deleted or
    inserted by whoever did it. Deletions come before insertions between two kept characters."""
    (a1, a2), (b1, b2) = old, new
    build = _Builder()
    i = a1
    pending: list[int] = []  # inserted characters of ``new`` since the last kept one

    def flush(until: int) -> None:
        nonlocal i
        for at in range(i, until):
            build.add(DELETE, prov.old[at], at, _credit(prov.deleted_by[at], prov))
        for at in pending:
            build.add(INSERT, prov.new[at], at, _credit(prov.inserted_by[at], prov))
        pending.clear()
        i = max(i, until)

    for j in range(b1, b2):
        source = prov.kept_from[j] if j < len(prov.kept_from) else -1
        if i <= source < a2:
            flush(source)
            build.add(EQUAL, prov.new[j], j, ())
            i = source + 1
        else:
            pending.append(j)
    flush(a2)
    return build.finish()


def credit_segment(segment: Segment, prov: Provenance) -> list[Segment]:
    """A whole change (a block inserted or deleted) split where its credit changes."""
    if segment.op == EQUAL or not segment.text:
        return [segment]
    if segment.at < 0:
        return [Segment(segment.op, segment.text, segment.at, prov.everyone)]
    build = _Builder()
    table = prov.inserted_by if segment.op == INSERT else prov.deleted_by
    for k, char in enumerate(segment.text):
        at = segment.at + k
        who = table[at] if at < len(table) else None
        build.add(segment.op, char, at, _credit(who, prov))
    return build.finish()


def credit_segments(segments, prov: Provenance) -> tuple[Segment, ...]:
    return tuple(piece for s in segments for piece in credit_segment(s, prov))


def credit_changes(segments, prov: Provenance) -> tuple[Segment, ...]:
    """A direct comparison credited: text it finds unchanged stays so; each run of changes
    between two unchanged runs is read off the versions in between (``interleave``), which also
    tells apart two edits the direct comparison merged into one replacement."""
    out: list[Segment] = []
    run: list[Segment] = []

    def flush() -> None:
        if not run:
            return
        deleted = [s for s in run if s.op == DELETE]
        inserted = [s for s in run if s.op == INSERT]
        if any(s.at < 0 for s in run):
            out.extend(credit_segments(run, prov))
        else:
            old = (deleted[0].at, deleted[-1].at + len(deleted[-1].text)) if deleted else (0, 0)
            new = (inserted[0].at, inserted[-1].at + len(inserted[-1].text)) if inserted else (0, 0)
            out.extend(interleave(prov, old, new))
        run.clear()

    for segment in segments:
        if segment.op == EQUAL:
            flush()
            out.append(segment)
        else:
            run.append(segment)
    flush()
    return tuple(out)


def _credit_table(table: TableDiff, prov: Provenance) -> TableDiff:
    def row(r: RowChange) -> RowChange:
        if r.kind in (ROW_INSERTED, ROW_DELETED):
            cells = tuple(credit_segments(cell, prov) for cell in r.cells)
        else:
            cells = tuple(credit_changes(cell, prov) for cell in r.cells)
        return RowChange(r.kind, cells)

    return TableDiff(row(table.header), table.separator, tuple(row(r) for r in table.rows))


def credit_diff(diff: TextDiff, prov: Provenance) -> TextDiff:
    """The same redline with every insertion and deletion credited (``Segment.by``)."""
    blocks = []
    for block in diff.blocks:
        if block.table is not None:
            blocks.append(replace(block, table=_credit_table(block.table, prov)))
        elif block.kind == CHANGED:
            credited = credit_changes(block.segments, prov)
            if not line_safe(credited):  # keep the direct comparison's lines
                credited = credit_segments(block.segments, prov)
            blocks.append(replace(block, segments=credited))
        elif block.kind in (INSERTED, MOVED_TO):
            whole = Segment(INSERT, block.new, block.new_at)
            blocks.append(replace(block, segments=credit_segments([whole], prov)))
        elif block.kind in (DELETED, MOVED_FROM):
            whole = Segment(DELETE, block.old, block.old_at)
            blocks.append(replace(block, segments=credit_segments([whole], prov)))
        else:
            blocks.append(block)
    return TextDiff(tuple(blocks), diff.stats)


def credit_words(prov: Provenance) -> tuple[Segment, ...]:
    """A one-line text (a heading) compared word by word, credited."""
    return credit_changes(diff_words(prov.old, prov.new), prov)


def whole_words(text: str, op: str, by: tuple[int, ...]) -> tuple[Segment, ...]:
    """A one-line text inserted or deleted as a whole, credited to ``by``."""
    return (Segment(op, text, 0, by),) if text else ()


def whole_diff(text: str, op: str, by: tuple[int, ...]) -> TextDiff:
    """A text inserted (``op`` INSERT) or deleted (DELETE) as a whole, credited to ``by``: how a
    section added, deleted or moved reads in a redline."""
    diff = diff_text("", text) if op == INSERT else diff_text(text, "")
    blocks = []
    for block in diff.blocks:
        source = block.new if op == INSERT else block.old
        at = block.new_at if op == INSERT else block.old_at
        if block.table is not None:
            kind = ROW_INSERTED if op == INSERT else ROW_DELETED
            table = whole_table(parse_table(source), kind, base=at, by=by)
            blocks.append(replace(block, table=table))
        elif source:
            blocks.append(replace(block, segments=(Segment(op, source, at, by),)))
        else:
            blocks.append(block)
    return TextDiff(tuple(blocks), diff.stats)
