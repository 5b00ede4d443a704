"""The values the import passes around: what the reader finds in a .docx (paragraphs with their
runs, tracked changes, bookmarks and comment ranges; the Word comments), and what the preview
makes of it (proposals, comments, notices). Frozen dataclasses, no HTML, no database rows."""

import hashlib
from dataclasses import dataclass, field

# What a run or a paragraph mark is in the file's tracked changes.
PLAIN, INS, DEL, MOVE_FROM, MOVE_TO = "", "ins", "del", "move_from", "move_to"
# Readings of a file with tracked changes: "Reject all" (the text as downloaded, plus any
# untracked edits) and "Accept all" (the text the reviewer proposes).
ORIGINAL, PROPOSED = "original", "proposed"


@dataclass(frozen=True)
class Run:
    text: str
    change: str = PLAIN  # PLAIN | INS | DEL | MOVE_FROM | MOVE_TO
    author: str = ""  # of the tracked change
    bold: bool = False
    italic: bool = False
    code: bool = False  # a monospaced run (Markdown `code`)
    strike: bool = False  # struck-through formatting (not a tracked deletion)
    link: str = ""  # the hyperlink's target, if the run is in one
    comments: tuple[int, ...] = ()  # ids of the Word comments whose range covers the run


@dataclass(frozen=True)
class Cell:
    """Where a paragraph sits in a table: the table's index in the body, the row and cell."""

    table: int
    row: int
    cell: int
    header: bool = False  # the row repeats as a header row
    row_change: str = PLAIN  # the row is tracked as inserted (INS) or deleted (DEL)


@dataclass(frozen=True)
class Paragraph:
    index: int  # position among the body's paragraphs (table cells included), from 0
    runs: tuple[Run, ...] = ()
    style: str = ""  # the style's name, e.g. "Heading 2", "Normal", "List Bullet"
    heading_level: int | None = None  # 1-9 for a heading style or an outline level
    list_kind: str = ""  # "" | "bullet" | "number"
    list_level: int = 0
    mark: str = PLAIN  # the paragraph mark is tracked: INS or DEL
    bookmarks: tuple[str, ...] = ()  # names of the bookmarks that start in the paragraph
    cell: Cell | None = None
    # Comments anchored at the paragraph without covering any run (an empty range).
    comments: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        """All the runs' text, tracked or not."""
        return "".join(r.text for r in self.runs)

    def reading_text(self, reading: str) -> str:
        """The paragraph's text as ``reading`` (ORIGINAL or PROPOSED) shows it."""
        return "".join(r.text for r in self.runs if shows(r.change, reading))


def shows(change: str, reading: str) -> bool:
    """Whether a run (or paragraph mark) with ``change`` is part of ``reading``."""
    if change in (INS, MOVE_TO):
        return reading == PROPOSED
    if change in (DEL, MOVE_FROM):
        return reading == ORIGINAL
    return True


@dataclass(frozen=True)
class WordComment:
    id: int
    author: str
    text: str  # its paragraphs joined by blank lines
    date: str = ""  # ISO 8601 as the file gives it, or ""
    initials: str = ""
    parent: int | None = None  # a reply: the id of the comment it answers


@dataclass(frozen=True)
class FileSection:
    """A stretch of the body: a section's heading paragraph and the paragraphs after it, up to
    the next heading that opens a section. ``anchor``: (section id, version) from its bookmark,
    None for a heading with no anchor (typed in Word, or the anchors were lost)."""

    heading: Paragraph
    body: tuple[Paragraph, ...]
    anchor: tuple[int, int] | None = None


@dataclass(frozen=True)
class WordFile:
    filename: str
    properties: dict[str, str] = field(default_factory=dict)  # custom document properties
    paragraphs: tuple[Paragraph, ...] = ()
    comments: tuple[WordComment, ...] = ()
    last_modified_by: str = ""  # core properties
    application: str = ""  # docProps/app.xml: "Microsoft Office Word", "LibreOffice/7.4…"

    @property
    def authors(self) -> tuple[str, ...]:
        """Everyone named in the file's tracked changes and comments, in order of appearance."""
        seen: dict[str, None] = {}
        for paragraph in self.paragraphs:
            for run in paragraph.runs:
                if run.change and run.author:
                    seen.setdefault(run.author)
        for comment in self.comments:
            if comment.author:
                seen.setdefault(comment.author)
        return tuple(seen)


class UnreadableFile(Exception):
    """The upload is not a .docx we read (a .doc, a PDF, a macro-enabled or encrypted file, a zip
    bomb, too large…). ``str(error)`` is a translated message for the person who uploaded it."""


# The preview ------------------------------------------------------------------------------------
INFO, WARNING, ERROR = "info", "warning", "error"


@dataclass(frozen=True)
class Notice:
    level: str  # INFO | WARNING | ERROR
    message: str  # translated, for the preview page and the command
    section_id: int | None = None


@dataclass(frozen=True)
class Conflict:
    """The section changed in the tracker since the file was made: three texts, and the word
    level automatic merge when the two sets of changes do not overlap (None otherwise)."""

    current_version: int
    current_heading: str
    current_body: str
    merged_heading: str | None
    merged_body: str | None

    @property
    def clean(self) -> bool:
        return self.merged_heading is not None and self.merged_body is not None


@dataclass(frozen=True)
class ProposalItem:
    """A proposal found in the file. ``ref`` names it in the preview's form ("amend-12",
    "insert-3", "delete-40"). For an insertion, ``section_id`` is the section it goes next to
    (``placement``: "before", "after", "child")."""

    ref: str
    kind: str  # ProposalKind.AMEND | INSERT | DELETE
    section_id: int
    label: str  # the section's number now ("3.2"; for an insertion: the neighbour's)
    heading: str  # the section's heading now (for an insertion: the neighbour's)
    base_version: int  # the version the file was made from (0 for an insertion)
    base_heading: str = ""
    base_body: str = ""
    proposed_heading: str = ""
    proposed_body: str = ""
    placement: str = ""
    tracked: bool = False  # the file has tracked changes here
    untracked: bool = False  # the file's text differs from the version downloaded, untracked
    words_inserted: int = 0
    words_deleted: int = 0
    rationale: str = ""  # prefilled from the Word comments on the section, if any
    authors: tuple[str, ...] = ()  # of the tracked changes
    conflict: Conflict | None = None
    matched_by_heading: bool = False  # no anchor: matched by its heading (best effort)


@dataclass(frozen=True)
class CommentItem:
    """A Word comment, as a comment on a section quoting the passage it was anchored to
    (``quote`` empty: anchored to no text of the section; ``quote_found``: the quote is in the
    section's current text, so the comment is anchored there)."""

    ref: str  # "comment-<word id>"
    section_id: int
    label: str
    heading: str
    body: str
    author: str  # in the file
    quote: str = ""
    quote_found: bool = False
    quote_start: int | None = None  # where the quote starts in the section's text, if found
    replies: tuple[WordComment, ...] = ()
    on_proposal: str = ""  # the ref of the proposal its passage was inserted by, if any


@dataclass(frozen=True)
class ImportPreview:
    filename: str
    document_slug: str
    version_set_label: str  # what the file was made from: "Current text", a milestone's name
    proposals: tuple[ProposalItem, ...] = ()
    comments: tuple[CommentItem, ...] = ()
    notices: tuple[Notice, ...] = ()
    authors: tuple[str, ...] = ()
    matched_by_heading: bool = False  # the file had no anchors

    @property
    def empty(self) -> bool:
        return not self.proposals and not self.comments

    @property
    def fingerprint(self) -> str:
        """Changes whenever what would be created changes (the draft moved on meanwhile): the
        submit form carries it, the submission refuses a preview that no longer holds."""
        state = repr((self.proposals, self.comments, self.blocking))
        return hashlib.sha256(state.encode()).hexdigest()[:24]

    @property
    def blocking(self) -> bool:
        """A notice that stops any submission (a file from another document)."""
        return any(n.level == ERROR for n in self.notices)
