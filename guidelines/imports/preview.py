"""The pure part of a Word import's preview: the file cut into sections, and what one section of
the file proposes against the version it was made from (no database; the selector
``selectors.word_previews`` reads the rows and calls these)."""

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from ..rendering.anchoring import normalise
from ..rendering.merge import three_way_merge
from ..rendering.words import DELETE, INSERT, count_words, word_ops
from . import anchors
from .markdown import normalised, pristine, pristine_many, reading, split_heading, to_markdown
from .types import (
    DEL,
    ORIGINAL,
    PLAIN,
    PROPOSED,
    CommentItem,
    Conflict,
    FileSection,
    Paragraph,
    shows,
)


@dataclass(frozen=True)
class Version:
    """A section's text at one version (the file's base, or the live one)."""

    id: int
    version: int
    heading: str
    body: str


@dataclass(frozen=True)
class Reading:
    """What one section of the file says, read against its base version."""

    heading_original: str
    heading_proposed: str
    original: str  # canonical Markdown of the body, "Reject all"
    proposed: str  # canonical Markdown of the body, "Accept all"
    pristine: str  # canonical Markdown of the base version's body as the export writes it
    tracked: bool
    authors: tuple[str, ...]
    heading_removed: bool  # the heading's text is gone in PROPOSED


@dataclass(frozen=True)
class Place:
    """A section's place in the tree (``rendering.numbering.TreeRow``)."""

    id: int
    parent_id: int | None
    position: int
    kind: str = ""


def made_at(properties: dict) -> datetime | None:
    """When the review file was made, from its custom properties (None if unreadable)."""
    try:
        made = datetime.fromisoformat(properties.get(anchors.PROP_MADE_AT, ""))
    except ValueError:
        return None
    return made if made.tzinfo else made.replace(tzinfo=UTC)


_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.+)$")


def heading_matcher(sections):
    """For a file without anchors: ``match(heading paragraph text)`` -> (section id, version)
    of the section of ``sections`` ([(label, section)]) with that heading (normalised,
    case-insensitive), else with that number; each section matched once."""
    by_heading: dict[str, object] = {}
    by_label: dict[str, object] = {}
    for label, section in sections:
        by_heading.setdefault(normalised(section.heading).casefold(), section)
        by_label.setdefault(label, section)
    used: set[int] = set()

    def match(text: str):
        label, heading = split_heading(text)
        numbered = _NUMBERED.match(heading) if not label else None
        candidates = [heading]
        if numbered:
            label = numbered.group(1)
            candidates.insert(0, numbered.group(2))
        found = None
        for candidate in candidates:
            found = found or by_heading.get(normalised(candidate).casefold())
        if found is None and label:
            found = by_label.get(label)
        if found is None or found.id in used:
            return None
        used.add(found.id)
        return (found.id, found.version)

    return match


def anchors_of(paragraph: Paragraph) -> list[tuple[int, int]]:
    found = [anchors.parse_bookmark(name) for name in paragraph.bookmarks]
    return [a for a in found if a is not None]


def slice_file(paragraphs) -> tuple[tuple[Paragraph, ...], list[tuple[FileSection, int]]]:
    """(preamble, [(file section, number of anchors in its heading paragraph)]): the body cut at
    each paragraph carrying an anchor."""
    preamble: list[Paragraph] = []
    sections: list[tuple[Paragraph, list[Paragraph], tuple[int, int], int]] = []
    for paragraph in paragraphs:
        found = anchors_of(paragraph) if paragraph.cell is None else []
        if found:
            sections.append((paragraph, [], found[0], len(found)))
        elif sections:
            sections[-1][1].append(paragraph)
        else:
            preamble.append(paragraph)
    return tuple(preamble), [
        (FileSection(heading=h, body=tuple(b), anchor=a), n) for h, b, a, n in sections
    ]


def slice_by_headings(paragraphs, match) -> list[FileSection]:
    """A file without anchors: cut at each heading paragraph that ``match(text)`` turns into a
    (section id, version) anchor; the rest stays in the body before it."""
    sections: list[tuple[Paragraph, list[Paragraph], tuple[int, int]]] = []
    for paragraph in paragraphs:
        anchor = None
        if paragraph.heading_level is not None and paragraph.cell is None:
            anchor = match(paragraph.reading_text(ORIGINAL) or paragraph.text)
        if anchor is not None:
            sections.append((paragraph, [], anchor))
        elif sections:
            sections[-1][1].append(paragraph)
    return [FileSection(heading=h, body=tuple(b), anchor=a) for h, b, a in sections]


def is_tracked(paragraphs) -> bool:
    return any(
        p.mark != PLAIN
        or (p.cell is not None and p.cell.row_change != PLAIN)
        or any(r.change != PLAIN for r in p.runs)
        for p in paragraphs
    )


def tracked_authors(paragraphs) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for paragraph in paragraphs:
        for run in paragraph.runs:
            if run.change and run.author:
                seen.setdefault(run.author)
    return tuple(seen)


def split_new_sections(
    body, level: int, known_headings: set[str]
) -> tuple[tuple[Paragraph, ...], list[tuple[Paragraph, tuple[Paragraph, ...]]]]:
    """(the section's own body, [(new heading, its body)]): a heading paragraph without anchor,
    with text in PROPOSED, that is no heading of the base version's own body, opens a new
    section up to the next such heading."""
    own: list[Paragraph] = []
    new: list[tuple[Paragraph, list[Paragraph]]] = []
    for paragraph in body:
        text = normalised(paragraph.reading_text(PROPOSED))
        if (
            paragraph.heading_level is not None
            and paragraph.cell is None
            and not paragraph.list_kind
            and text
            and text not in known_headings
        ):
            new.append((paragraph, []))
        elif new:
            new[-1][1].append(paragraph)
        else:
            own.append(paragraph)
    return tuple(own), [(h, tuple(b)) for h, b in new]


def warm(pairs) -> None:
    """Write and read back the pristine paragraphs of many (body, level) pairs at once."""
    pristine_many(list(pairs))


def pristine_headings(body_markdown: str, level: int) -> set[str]:
    return {
        normalised(p.text)
        for p in pristine(body_markdown, level=level)
        if p.heading_level is not None
    }


def file_label(text: str, label: str, base_heading: str) -> str:
    """The number the file gives a section heading: the part before the tab; if the tab was
    lost, what precedes the base version's heading (the section may have been renumbered
    since), else the section's number now."""
    if "\t" in text:
        return text.partition("\t")[0].strip()
    text, base_heading = normalised(text), normalised(base_heading)
    if base_heading and text.endswith(" " + base_heading):
        return text[: -len(base_heading)].strip()
    return label


def read_section(heading: Paragraph, body, base: Version, *, label: str, level: int) -> Reading:
    label = file_label(heading.reading_text(ORIGINAL), label, base.heading)
    _l, heading_original = split_heading(heading.reading_text(ORIGINAL), label)
    _l, heading_proposed = split_heading(heading.reading_text(PROPOSED), label)
    return Reading(
        heading_original=heading_original,
        heading_proposed=heading_proposed,
        original=to_markdown(reading(body, ORIGINAL), level=level),
        proposed=to_markdown(reading(body, PROPOSED), level=level),
        pristine=to_markdown(pristine(base.body, level=level), level=level),
        tracked=is_tracked((heading, *body)),
        authors=tracked_authors((heading, *body)),
        heading_removed=not heading.reading_text(PROPOSED).strip(),
    )


def keep_last_mark(body) -> tuple[tuple[Paragraph, ...], bool]:
    """A section's last paragraph mark deleted joins it to the next section's heading: the join
    is ignored. (body, whether it happened)."""
    body = tuple(body)
    if body and body[-1].mark == DEL and body[-1].cell is None and body[-1].reading_text(PROPOSED):
        return body[:-1] + (replace(body[-1], mark=PLAIN),), True
    return body, False


def words_changed(old: str, new: str) -> tuple[int, int]:
    inserted = deleted = 0
    for op in word_ops(old, new):
        if op.op == INSERT:
            inserted += count_words(new[op.j1 : op.j2])
        if op.op == DELETE:
            deleted += count_words(old[op.i1 : op.i2])
    return inserted, deleted


def conflict(base: Version, current: Version, heading: str, body: str) -> Conflict | None:
    """The three-way view when the section changed in the tracker since the file was made."""
    if current.version == base.version:
        return None
    if heading == base.heading or heading == current.heading:
        merged_heading = current.heading if heading == base.heading else heading
    elif current.heading == base.heading:
        merged_heading = heading
    else:
        merged_heading = None
    merged = three_way_merge(base.body, current.body, body)
    return Conflict(
        current_version=current.version,
        current_heading=current.heading,
        current_body=current.body,
        merged_heading=merged_heading,
        merged_body=merged.text,
    )


# Comments ---------------------------------------------------------------------------------------
def comment_ids(paragraph: Paragraph) -> list[int]:
    """The Word comments whose range covers some of ``paragraph`` (or is anchored in it)."""
    ids = list(paragraph.comments)
    for run in paragraph.runs:
        ids.extend(i for i in run.comments if i not in ids)
    return ids


def place_new_section(depth: int, previous, following):
    """Where a section typed in Word at ``depth`` goes, as (placement, tree node): before the
    next anchored section (``following``) at the same depth, else after the previous one
    (``previous`` or its ancestor) at that depth, else inside the previous shallower one."""
    if following is not None and following.depth == depth:
        return "before", following
    node = previous
    while node is not None and node.depth > depth:
        node = node.parent
    if node is not None and node.depth == depth:
        return "after", node
    if node is not None and node.depth < depth:
        return "child", node
    return ("before", following) if following is not None else ("after", previous)


def comment_items(word_file, *, owner, refs, insert_refs, plain_text) -> list[CommentItem]:
    """Each top-level Word comment as a comment on the section its range starts in. ``owner``:
    paragraph index -> tree node of the section it belongs to (comments elsewhere are left
    out); ``refs``: section id -> ref of its proposal; ``insert_refs``: paragraph index -> ref
    of the insertion it belongs to; ``plain_text(section)``: the section's text, where the
    quote must be found (called once per section with comments). A quote that occurs several
    times is anchored at the same occurrence as in the file (``quote_start``)."""
    covered: dict[int, list[tuple[int, int, object]]] = {}  # comment id -> (paragraph, run, run)
    for paragraph in word_file.paragraphs:
        for comment_id in comment_ids(paragraph):
            covered.setdefault(comment_id, [])
        for position, run in enumerate(paragraph.runs):
            for comment_id in run.comments:
                covered.setdefault(comment_id, []).append((paragraph.index, position, run))
    start = {
        comment_id: min((i for i, _p, _r in runs), default=None)
        for comment_id, runs in covered.items()
    }
    for paragraph in word_file.paragraphs:  # a comment on no run: where its mark is
        for comment_id in comment_ids(paragraph):
            if start.get(comment_id) is None:
                start[comment_id] = paragraph.index
    by_index = {p.index: p for p in word_file.paragraphs}
    replies: dict[int, list] = {}
    for c in word_file.comments:
        if c.parent is not None:
            replies.setdefault(c.parent, []).append(c)
    texts: dict[int, str] = {}
    items = []
    for c in word_file.comments:
        index = start.get(c.id)
        if c.parent is not None or index not in owner:
            continue
        node = owner[index]
        section = node.section
        if section.id not in texts:
            texts[section.id] = normalise(plain_text(section))
        runs = covered.get(c.id, [])
        quote = normalise(
            " ".join(
                "".join(r.text for i2, _p, r in runs if i2 == i and shows(r.change, ORIGINAL))
                for i in dict.fromkeys(i for i, _p, _r in runs)
            )
        )
        inserted = any(not shows(r.change, ORIGINAL) for _i, _p, r in runs)
        on_proposal = ""
        if inserted and not quote:
            on_proposal = insert_refs.get(index) or refs.get(section.id, "")
        text = texts[section.id]
        found = bool(quote) and quote in text
        quote_start = None
        if found:
            before = _text_before(by_index, owner, node, runs[0][:2] if runs else (index, 0))
            quote_start = _nth(text, quote, before.count(quote))
        items.append(
            CommentItem(
                ref=f"comment-{c.id}",
                section_id=section.id,
                label=node.label,
                heading=section.heading,
                body=c.text,
                author=c.author,
                quote=quote,
                quote_found=found,
                quote_start=quote_start,
                replies=tuple(replies.get(c.id, ())),
                on_proposal=on_proposal,
            )
        )
    return items


def _text_before(by_index, owner, node, at: tuple[int, int]) -> str:
    """The section's text in the file ("Reject all") before run ``at`` = (paragraph, run),
    heading left out, normalised as the section's plain text is."""
    index, run_position = at
    parts = []
    first = True
    for i in sorted(i for i, n in owner.items() if n is node and i <= index):
        if first:  # the heading paragraph
            first = False
            continue
        runs = by_index[i].runs if i in by_index else ()
        if i == index:
            runs = runs[:run_position]
        parts.append("".join(r.text for r in runs if shows(r.change, ORIGINAL)))
    return normalise(" ".join(parts))


def _nth(text: str, quote: str, n: int) -> int:
    """Where the ``n``-th occurrence (from 0) of ``quote`` starts; the last one if fewer."""
    at = found = text.find(quote)
    while n > 0 and found != -1:
        found = text.find(quote, found + len(quote))
        if found != -1:
            at = found
        n -= 1
    return at
