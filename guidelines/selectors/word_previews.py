"""The preview of a Word import: what a reviewed "Word for review" file proposes (per section, a
proposal against the version the file was made from), the Word comments as comments on their
sections, and notices about what cannot be imported. Two queries whatever the file's size: the
live tree and the history rows of the anchored sections."""

from django.utils.translation import gettext as _

from ..imports import anchors
from ..imports.markdown import normalised, patch, reading, split_heading, to_markdown
from ..imports.preview import (
    Version,
    comment_ids,
    comment_items,
    conflict,
    heading_matcher,
    keep_last_mark,
    made_at,
    place_new_section,
    pristine_headings,
    read_section,
    slice_by_headings,
    slice_file,
    split_new_sections,
    tracked_authors,
    warm,
    words_changed,
)
from ..imports.types import (
    ERROR,
    INFO,
    ORIGINAL,
    PROPOSED,
    WARNING,
    CommentItem,
    ImportPreview,
    Notice,
    ProposalItem,
    WordFile,
)
from ..models import Document, ProposalKind, Section
from ..rendering.numbering import children_by_parent, reading_order
from ..rendering.words import count_words
from ..services.comments import section_plain_text
from .documents import document_tree
from .word_version_sets import expected_sections, section_versions, version_set_label


def _named(node) -> str:
    return f"{node.label} {node.section.heading}".strip()


class _Builder:
    def __init__(self, document: Document, word_file: WordFile) -> None:
        self.document = document
        self.file = word_file
        self.notices: list[Notice] = []
        self.order: list[int] | None = None  # section ids in the file's version set's order
        self.proposals: list[ProposalItem] = []
        self.comments: list[CommentItem] = []
        self.owner: dict[int, int] = {}  # paragraph index -> section id the comment goes to
        self.refs: dict[int, str] = {}  # section id -> ref of its proposal
        self.insert_refs: dict[int, str] = {}  # paragraph index -> ref of an insertion

    def note(self, level: str, message: str, section_id: int | None = None) -> None:
        self.notices.append(Notice(level, message, section_id))

    def build(self) -> ImportPreview:
        f = self.file
        properties = f.properties
        slug = properties.get(anchors.PROP_DOCUMENT, "")
        preview = {
            "filename": f.filename,
            "document_slug": self.document.slug,
            "version_set_label": version_set_label(self.document, properties),
            "authors": f.authors,
        }
        if slug and slug != self.document.slug:
            return self._foreign(preview, slug=slug)
        self.tree = document_tree(self.document)
        self.live = {n.section.id: n for n in self.tree.nodes}
        preamble, sliced = slice_file(f.paragraphs)
        matched = not sliced
        if matched:
            sections = self._match_by_heading()
            versions = {(s.id, s.version): _current(s) for s in self._live_sections()}
            preamble = tuple(p for p in f.paragraphs if p.index < _first(sections))
            sliced = [(s, 1) for s in sections]
            documents = {}
        else:
            versions, documents, places = section_versions(
                {s.anchor[0] for s, _n in sliced}, made_at(properties)
            )
            self.order = [p.id for p in reading_order(children_by_parent(places))]
            foreign = {d for d in documents.values() if d != self.document.id}
            if foreign and self.document.id not in documents.values():
                return self._foreign(preview, document_id=min(foreign))
        for paragraph in preamble:
            if comment_ids(paragraph):
                self.note(INFO, _("Comments on the title page or the instructions are ignored."))
                break
        self._order(sliced)
        if not matched:
            self._missing({s.anchor[0] for s, _n in sliced}, properties)
        warm(
            (versions[s.anchor].body, min(self.live[s.anchor[0]].depth + 1, 9))
            for s, _n in sliced
            if s.anchor in versions and s.anchor[0] in self.live
        )
        seen: set[int] = set()
        for position, (section, count) in enumerate(sliced):
            following = sliced[position + 1][0] if position + 1 < len(sliced) else None
            self._section(section, count, versions, documents, seen, following, matched)
        self.comments = comment_items(
            self.file,
            owner={i: self.live[s] for i, s in self.owner.items()},
            refs=self.refs,
            insert_refs=self.insert_refs,
            plain_text=section_plain_text,
        )
        return ImportPreview(
            **preview,
            proposals=tuple(self.proposals),
            comments=tuple(self.comments),
            notices=tuple(self.notices),
            matched_by_heading=matched,
        )

    def _foreign(self, preview: dict, *, slug: str = "", document_id=None) -> ImportPreview:
        found = Document.objects.filter(**({"slug": slug} if slug else {"pk": document_id}))
        title = found.values_list("title", flat=True).first() or slug or _("unknown")
        message = _(
            "This file was made from another document (“%(title)s”), not from “%(here)s”: "
            "nothing can be imported from it here."
        ) % {"title": title, "here": self.document.title}
        return ImportPreview(**preview, notices=(Notice(ERROR, message),))

    # Sections -----------------------------------------------------------------------------
    def _live_sections(self) -> list[Section]:
        return [n.section for n in self.tree.nodes]

    def _match_by_heading(self):
        match = heading_matcher([(n.label, n.section) for n in self.tree.nodes])
        sections = slice_by_headings(self.file.paragraphs, match)
        self.note(
            WARNING,
            _(
                "This file has none of the hidden marks that tell which section is which (it "
                "was not made with “Word for review”, or they were lost): its headings were "
                "matched to the sections by their text, as best we could. Check each proposal: "
                "they are compared with the current text, so any difference shows as an "
                "untracked change."
            ),
        )
        return sections

    def _order(self, sliced) -> None:
        """Sections in another order in the file than in the version set it was made from."""
        order = self.order if self.order is not None else [n.section.id for n in self.tree.nodes]
        positions = {section_id: i for i, section_id in enumerate(order)}
        highest = -1
        for section, _n in sliced:
            position = positions.get(section.anchor[0])
            if position is None or section.anchor[0] not in self.live:
                continue
            if position < highest:
                node = self.live[section.anchor[0]]
                self.note(
                    WARNING,
                    _(
                        "Section %(section)s is in another place in the file than in the "
                        "tracker: moves are not imported; propose a move on the section’s page."
                    )
                    % {"section": _named(node)},
                    node.section.id,
                )
            highest = max(highest, position)

    def _missing(self, present: set[int], properties: dict[str, str]) -> None:
        """Sections of the file's version set, live now, whose anchored heading is not in the
        file: deleted without Track Changes (their text then reads as the section before's)."""
        for section_id in sorted(expected_sections(self.document, properties) - present):
            node = self.live.get(section_id)
            if node is not None:
                self.note(
                    WARNING,
                    _(
                        "The heading of section %(section)s is not in the file (deleted without "
                        "Track Changes?): its text was read as part of the section before it. "
                        "Check that section’s proposal; propose a deletion on the section’s page."
                    )
                    % {"section": _named(node)},
                    section_id,
                )

    def _section(self, section, count, versions, documents, seen, following, matched) -> None:
        section_id, version = section.anchor
        paragraphs = (section.heading, *section.body)
        node = self.live.get(section_id)
        if section_id in seen:
            name = _named(node) if node else str(section_id)
            self.note(
                WARNING,
                _(
                    "Section %(section)s appears twice in the file (copied?): only its first "
                    "copy is read."
                )
                % {"section": name},
                section_id,
            )
            return
        seen.add(section_id)
        base = versions.get((section_id, version))
        if node is None or base is None:
            self._gone(section, section_id, deleted=documents.get(section_id) == self.document.id)
            return
        for index in (p.index for p in paragraphs):
            self.owner[index] = section_id
        if count > 1:
            self.note(
                WARNING,
                _(
                    "Section %(section)s was merged with another one in the file: the merge "
                    "is not imported; propose the change on the section’s page."
                )
                % {"section": _named(node)},
                section_id,
            )
            return
        level = min(node.depth + 1, 9)
        body, split = keep_last_mark(section.body)
        if split and following is not None:
            self.note(
                WARNING,
                _(
                    "The last paragraph of section %(section)s was joined to the next "
                    "section’s heading in the file: the join is ignored."
                )
                % {"section": _named(node)},
                section_id,
            )
        own, new = split_new_sections(body, level, pristine_headings(base.body, level))
        current = _current(node.section)
        self._amend(section, own, base, current, node, level, matched)
        for heading, new_body in new:
            self._insert(heading, new_body, node, following)

    def _amend(self, section, body, base, current, node, level, matched) -> None:
        r = read_section(section.heading, body, base, label=node.label, level=level)
        if r.heading_removed and r.proposed:
            self.note(
                WARNING,
                _(
                    "The heading of section %(section)s was deleted in the file while its "
                    "text remains (merged with the section before?): nothing is proposed "
                    "for it."
                )
                % {"section": _named(node)},
                node.section.id,
            )
            return
        heading = r.heading_proposed or base.heading
        body_text = patch(base.body, r.pristine, r.proposed)
        untracked = normalised(r.original) != normalised(r.pristine) or normalised(
            r.heading_original
        ) != normalised(base.heading)
        common = {
            "section_id": node.section.id,
            "label": node.label,
            "heading": node.section.heading,
            "base_version": base.version,
            "base_heading": base.heading,
            "base_body": base.body,
            "tracked": r.tracked,
            "untracked": untracked,
            "authors": r.authors,
            "rationale": self._rationale((section.heading, *body)),
            "matched_by_heading": matched,
        }
        if r.heading_removed and not r.proposed:
            ref = f"delete-{node.section.id}"
            _i, deleted = words_changed(base.body, "")
            item = ProposalItem(
                ref=ref,
                kind=ProposalKind.DELETE,
                words_deleted=deleted,
                conflict=conflict(base, current, base.heading, base.body),
                **common,
            )
        elif heading == base.heading and body_text == base.body:
            return
        else:
            ref = f"amend-{node.section.id}"
            found = conflict(base, current, heading, body_text)
            if found is not None and (found.merged_heading, found.merged_body) == (
                current.heading,
                current.body,
            ):  # the tracker made the same change meanwhile
                self.note(
                    INFO,
                    _("The file’s changes to section %(section)s are in its text already.")
                    % {"section": _named(node)},
                    node.section.id,
                )
                return
            inserted, deleted = words_changed(base.body, body_text)
            item = ProposalItem(
                ref=ref,
                kind=ProposalKind.AMEND,
                proposed_heading=heading,
                proposed_body=body_text,
                words_inserted=inserted,
                words_deleted=deleted,
                conflict=found,
                **common,
            )
        self.refs[node.section.id] = ref
        self.proposals.append(item)

    def _insert(self, heading, body, neighbour_node, following) -> None:
        n = sum(1 for p in self.proposals if p.kind == ProposalKind.INSERT) + 1
        depth = max(0, (heading.heading_level or 1) - 1)
        level = min(depth + 1, 9)
        after = self.live.get(following.anchor[0]) if following is not None else None
        placement, node = place_new_section(depth, neighbour_node, after)
        ref = f"insert-{n}"
        for paragraph in (heading, *body):
            self.insert_refs[paragraph.index] = ref
        _l, text = split_heading(heading.reading_text(PROPOSED))
        markdown = to_markdown(reading(body, PROPOSED), level=level)
        self.proposals.append(
            ProposalItem(
                ref=ref,
                kind=ProposalKind.INSERT,
                section_id=node.section.id,
                label=node.label,
                heading=node.section.heading,
                base_version=0,
                proposed_heading=text,
                proposed_body=markdown,
                placement=placement,
                tracked=any(r.change for r in heading.runs),
                untracked=not any(r.change for r in heading.runs),
                words_inserted=count_words(text) + count_words(markdown),
                rationale=self._rationale((heading, *body)),
                authors=tracked_authors((heading, *body)),
            )
        )

    def _gone(self, section, section_id: int, *, deleted: bool) -> None:
        _l, heading = split_heading(section.heading.reading_text(ORIGINAL))
        texts = [
            c.text
            for c in self.file.comments
            if c.parent is None and _covers(c.id, (section.heading, *section.body))
        ]
        if deleted:
            message = _(
                "Section “%(heading)s” has been deleted in the tracker since this file was "
                "made: nothing is proposed for it."
            ) % {"heading": heading}
        else:
            message = _(
                "Section “%(heading)s” is not a section of this document: nothing is proposed "
                "for it."
            ) % {"heading": heading}
        if texts:
            message += " " + _("Its comments: %(comments)s") % {
                "comments": " / ".join(f"“{t}”" for t in texts)
            }
        self.note(WARNING, message, section_id)

    def _rationale(self, paragraphs) -> str:
        ids = {i for p in paragraphs for i in comment_ids(p)}
        return "\n\n".join(
            c.text.strip() for c in self.file.comments if c.parent is None and c.id in ids
        )


def _covers(comment_id: int, paragraphs) -> bool:
    return any(comment_id in comment_ids(p) for p in paragraphs)


def _current(section: Section) -> Version:
    return Version(section.id, section.version, section.heading, section.body)


def _first(sections) -> int:
    return sections[0].heading.index if sections else 10**9


def build_preview(document: Document, word_file: WordFile) -> ImportPreview:
    """What ``word_file`` (read by ``imports.reader.read_docx``) proposes for ``document``."""
    return _Builder(document, word_file).build()
