"""build_preview: a review file (here as hand-built values, the reader's output) against the
document's sections and their history."""

import pytest

from guidelines.imports import anchors, preview
from guidelines.imports.types import (
    DEL,
    ERROR,
    INFO,
    INS,
    MOVE_FROM,
    MOVE_TO,
    WARNING,
    Paragraph,
    Run,
    WordComment,
    WordFile,
)
from guidelines.models import ProposalKind
from guidelines.selectors.documents import document_tree
from guidelines.selectors.word_previews import build_preview
from guidelines.services.history import save_versioned
from tests.factories import DocumentFactory, SectionFactory

pytestmark = pytest.mark.django_db


def _fake_pristine(body, *, level):
    """The export's paragraphs of a plain-text body: one paragraph per Markdown paragraph."""
    parts = [t for t in (body or "").split("\n\n") if t.strip()]
    return tuple(Paragraph(index=i, runs=(Run(t),)) for i, t in enumerate(parts))


@pytest.fixture(autouse=True)
def plain_pristine(monkeypatch):
    monkeypatch.setattr(preview, "pristine", _fake_pristine)
    monkeypatch.setattr(preview, "pristine_many", lambda pairs: None)


class File:
    """Builds the reader's view of a review file, paragraph by paragraph."""

    def __init__(self, document):
        self.document = document
        self.paragraphs = [Paragraph(index=0, runs=(Run("Title page"),))]
        self.comments = []
        self.properties = {anchors.PROP_DOCUMENT: document.slug, anchors.PROP_LABEL: "Current"}

    def add(self, *runs, **kw):
        runs = tuple(Run(r) if isinstance(r, str) else r for r in runs)
        self.paragraphs.append(Paragraph(index=len(self.paragraphs), runs=runs, **kw))
        return self

    def section(self, node, *body, heading=None, level=None, anchor=True, version=None):
        s = node.section
        runs = heading or (f"{node.label}\t{s.heading}",)
        bookmark = anchors.bookmark_name(s.id, version or s.version)
        self.add(
            *runs,
            heading_level=level or node.depth + 1,
            bookmarks=(bookmark,) if anchor else (),
        )
        for paragraph in body if body else s.body.split("\n\n"):
            self.add(*(paragraph if isinstance(paragraph, tuple) else (paragraph,)))
        return self

    def all(self, tree, changes=None):
        changes = changes or {}
        for node in tree.nodes:
            if node.section.id in changes:
                self.section(node, *changes[node.section.id])
            else:
                self.section(node)
        return self

    def word(self):
        return WordFile(
            filename="review.docx",
            properties=self.properties,
            paragraphs=tuple(self.paragraphs),
            comments=tuple(self.comments),
        )


@pytest.fixture
def doc():
    document = DocumentFactory()
    a = SectionFactory(document=document, heading="Scope", body="The scope of it.\n\nMore.")
    SectionFactory(document=document, heading="Terms", body="Some terms here.", parent=a)
    SectionFactory(document=document, heading="Risk", body="Risk is managed.")
    return document


def _nodes(document):
    tree = document_tree(document)
    return tree, tree.nodes


def test_unedited_file_proposes_nothing(doc):
    tree, _n = _nodes(doc)
    result = build_preview(doc, File(doc).all(tree).word())
    assert result.proposals == () and result.notices == () and result.empty
    assert result.version_set_label == "Current"


def test_tracked_edit_becomes_an_amendment(doc):
    tree, nodes = _nodes(doc)
    edited = ("Risk is ", Run("well ", change=INS, author="Ann"), "managed.")
    result = build_preview(doc, File(doc).all(tree, {nodes[2].section.id: [edited]}).word())
    (item,) = result.proposals
    assert item.ref == f"amend-{nodes[2].section.id}" and item.kind == ProposalKind.AMEND
    assert item.proposed_body == "Risk is well managed."
    assert (item.words_inserted, item.words_deleted) == (1, 0)
    assert item.tracked and not item.untracked and item.authors == ("Ann",)
    assert item.conflict is None


def test_untracked_edit_is_flagged_and_heading_change(doc):
    tree, nodes = _nodes(doc)
    node = nodes[1]
    f = File(doc).section(nodes[0])
    f.section(node, "Some words here.", heading=(f"{node.label}\tDefinitions",))
    f.section(nodes[2])
    (item,) = build_preview(doc, f.word()).proposals
    assert item.untracked and not item.tracked
    assert item.proposed_heading == "Definitions"
    assert item.proposed_body == "Some words here."


def test_whole_section_deleted(doc):
    tree, nodes = _nodes(doc)
    node = nodes[2]
    f = File(doc).section(nodes[0]).section(nodes[1])
    f.section(
        node,
        (Run("Risk is managed.", change=DEL),),
        heading=(Run(f"{node.label}\tRisk", change=DEL),),
    )
    (item,) = build_preview(doc, f.word()).proposals
    assert item.kind == ProposalKind.DELETE and item.ref == f"delete-{node.section.id}"


def test_new_section_between_sections_is_an_insertion(doc):
    tree, nodes = _nodes(doc)
    f = File(doc).section(nodes[0]).section(nodes[1])
    f.add(Run("New one", change=INS), heading_level=1, mark=INS)
    f.add(Run("Its text.", change=INS), mark=INS)
    f.section(nodes[2])
    (item,) = build_preview(doc, f.word()).proposals
    assert item.kind == ProposalKind.INSERT and item.ref == "insert-1"
    assert (item.placement, item.section_id) == ("before", nodes[2].section.id)
    assert (item.proposed_heading, item.proposed_body) == ("New one", "Its text.")
    f = File(doc).section(nodes[0])
    f.add("Sub", heading_level=2).add("Sub text.")
    f.section(nodes[1]).section(nodes[2])
    (item,) = build_preview(doc, f.word()).proposals
    assert (item.placement, item.section_id) == ("before", nodes[1].section.id)
    f = File(doc).all(tree)
    f.add("Last", heading_level=2).add("Text.")
    (item,) = build_preview(doc, f.word()).proposals
    assert (item.placement, item.section_id) == ("child", nodes[2].section.id)


def test_conflicts_clean_and_overlapping(doc):
    tree, nodes = _nodes(doc)
    section = nodes[0].section
    f = File(doc).all(
        tree, {section.id: [("The scope of ", Run("all of ", change=INS), "it."), "More."]}
    )
    word = f.word()
    section.body = "The scope of it.\n\nMore and more."
    section.version += 1
    save_versioned(section, user=None, reason="test")
    (item,) = build_preview(doc, word).proposals
    assert item.conflict.clean
    assert item.conflict.merged_body == "The scope of all of it.\n\nMore and more."
    section.body = "The scope for it.\n\nMore."
    section.version += 1
    save_versioned(section, user=None, reason="test")
    (item,) = build_preview(doc, word).proposals
    assert not item.conflict.clean and item.conflict.current_version == section.version


def test_comments_with_quotes(doc):
    tree, nodes = _nodes(doc)
    risk = nodes[2].section
    f = File(doc).all(
        tree,
        {
            risk.id: [
                (
                    Run("Risk is ", comments=(1,)),
                    Run("managed", comments=(1, 3)),
                    Run(" now", change=INS, comments=(2,)),
                    ".",
                )
            ]
        },
    )
    f.comments = [
        WordComment(1, "Ann", "Why?"),
        WordComment(2, "Bob", "Good"),
        WordComment(3, "Cy", "Odd"),
        WordComment(4, "Ann", "Because.", parent=1),
    ]
    result = build_preview(doc, f.word())
    by_ref = {c.ref: c for c in result.comments}
    assert set(by_ref) == {"comment-1", "comment-2", "comment-3"}
    first = by_ref["comment-1"]
    assert (first.quote, first.quote_found, first.section_id) == ("Risk is managed", True, risk.id)
    assert [r.text for r in first.replies] == ["Because."]
    assert by_ref["comment-2"].on_proposal == f"amend-{risk.id}"
    (item,) = result.proposals
    assert "Why?" in item.rationale


def test_comment_quote_not_found_when_text_changed_since(doc):
    tree, nodes = _nodes(doc)
    risk = nodes[2].section
    f = File(doc).all(tree, {risk.id: [(Run("Risk is managed.", comments=(1,)),)]})
    f.comments = [WordComment(1, "Ann", "Hm")]
    risk.body = "Risk is handled."
    risk.version += 1
    save_versioned(risk, user=None, reason="test")
    (comment,) = build_preview(doc, f.word()).comments
    assert comment.quote == "Risk is managed." and not comment.quote_found


def test_file_of_another_document_is_an_error(doc):
    tree, _n = _nodes(doc)
    f = File(doc).all(tree)
    f.properties = {anchors.PROP_DOCUMENT: "other-doc"}
    result = build_preview(doc, f.word())
    assert result.blocking and result.proposals == ()
    other = SectionFactory(document=DocumentFactory(title="Elsewhere"))
    f = File(doc)
    f.add("X", heading_level=1, bookmarks=(anchors.bookmark_name(other.id, other.version),))
    (notice,) = build_preview(doc, f.word()).notices
    assert notice.level == ERROR and "Elsewhere" in notice.message
    f = File(doc).all(tree)  # one section pasted from another document among ours
    f.add("X", heading_level=1, bookmarks=(anchors.bookmark_name(other.id, other.version),))
    (notice,) = build_preview(doc, f.word()).notices
    assert notice.level == WARNING and "not a section of this document" in notice.message


def test_no_anchors_match_by_heading(doc):
    tree, nodes = _nodes(doc)
    f = File(doc)
    for node in tree.nodes:
        body = ["Risk is managed well."] if node is nodes[2] else None
        f.section(node, *(body or []), anchor=False)
    result = build_preview(doc, f.word())
    assert result.matched_by_heading
    assert result.notices[0].level == WARNING
    (item,) = result.proposals
    assert item.matched_by_heading and item.section_id == nodes[2].section.id
    assert item.proposed_body == "Risk is managed well."


def test_notices_deleted_unknown_twice_reordered_merged(doc):
    tree, nodes = _nodes(doc)
    gone = SectionFactory(document=doc, heading="Gone", body="Old.")
    f = File(doc).section(nodes[2]).section(nodes[0]).section(nodes[1])
    f.add("9\tGone", heading_level=1, bookmarks=(anchors.bookmark_name(gone.id, 1),))
    f.add(Run("Old.", comments=(5,)))
    f.comments = [WordComment(5, "Ann", "Remove it")]
    f.section(nodes[1])
    f.add("8\tGhost", heading_level=1, bookmarks=(anchors.bookmark_name(10**8, 1),))
    gone.is_deleted = True
    save_versioned(gone, user=None, reason="test")
    notices = build_preview(doc, f.word()).notices
    messages = " | ".join(n.message for n in notices)
    assert "moves are not imported" in messages
    assert "deleted in the tracker" in messages and "Remove it" in messages
    assert "appears twice" in messages
    assert "not a section of this document" in messages
    f = File(doc).section(nodes[0])
    both = tuple(anchors.bookmark_name(n.section.id, n.section.version) for n in nodes[1:])
    f.add("1.1\tTerms", heading_level=2, bookmarks=both)
    assert "merged" in build_preview(doc, f.word()).notices[0].message


def test_heading_deleted_body_kept_and_split_paragraph(doc):
    tree, nodes = _nodes(doc)
    node = nodes[1]
    f = (
        File(doc)
        .section(nodes[0])
        .section(node, "Some terms here.", heading=(Run(f"{node.label}\tTerms", change=DEL),))
    )
    f.section(nodes[2])
    result = build_preview(doc, f.word())
    assert result.proposals == () and "heading" in result.notices[0].message
    f = File(doc).section(nodes[0]).section(nodes[1])
    last = f.paragraphs[-1]
    f.paragraphs[-1] = Paragraph(index=last.index, runs=last.runs, mark=DEL)
    f.section(nodes[2])
    result = build_preview(doc, f.word())
    assert result.proposals == () and "joined" in result.notices[0].message


def test_comment_on_the_title_page(doc):
    tree, _n = _nodes(doc)
    f = File(doc)
    f.paragraphs[0] = Paragraph(index=0, runs=(Run("Title page", comments=(1,)),))
    f.all(tree).comments = [WordComment(1, "Ann", "Nice title")]
    result = build_preview(doc, f.word())
    assert result.comments == () and result.notices[0].level == INFO


def test_query_count_is_constant(django_assert_max_num_queries):
    document = DocumentFactory()
    for i in range(60):
        SectionFactory(document=document, heading=f"Heading {i}", body=f"Text {i}.")
    tree = document_tree(document)
    changes = {
        n.section.id: [(f"Text {i}", Run(" more", change=INS), ".")]
        for i, n in enumerate(tree.nodes)
        if i % 3 == 0
    }
    f = File(document).all(tree, changes)
    f.comments = []
    word = f.word()
    with django_assert_max_num_queries(2):
        result = build_preview(document, word)
    assert len(result.proposals) == 20


def test_a_move_between_sections_amends_both(doc):
    tree, nodes = _nodes(doc)
    scope, risk = nodes[0].section, nodes[2].section
    moved = ("More.",)
    f = File(doc).all(
        tree,
        {
            scope.id: ["The scope of it.", (Run("More.", change=MOVE_FROM, author="Ann"),)],
            risk.id: ["Risk is managed.", (Run(moved[0], change=MOVE_TO, author="Ann"),)],
        },
    )
    f.paragraphs = [
        Paragraph(index=p.index, runs=p.runs, heading_level=p.heading_level,
                  bookmarks=p.bookmarks,
                  mark=(MOVE_FROM if p.runs and p.runs[0].change == MOVE_FROM else
                        MOVE_TO if p.runs and p.runs[0].change == MOVE_TO else ""))
        for p in f.paragraphs
    ]  # fmt: skip
    items = {i.section_id: i for i in build_preview(doc, f.word()).proposals}
    assert items[scope.id].proposed_body == "The scope of it."
    assert items[risk.id].proposed_body == "Risk is managed.\n\nMore."
    assert items[risk.id].authors == ("Ann",)


def test_comment_on_the_text_of_a_new_section(doc):
    tree, nodes = _nodes(doc)
    f = File(doc).section(nodes[0]).section(nodes[1])
    f.add(Run("New one", change=INS), heading_level=1, mark=INS)
    f.add(Run("Its text.", change=INS, comments=(7,)), mark=INS)
    f.section(nodes[2])
    f.comments = [WordComment(7, "Ann", "Added because.")]
    result = build_preview(doc, f.word())
    (comment,) = result.comments
    assert comment.on_proposal == "insert-1" and comment.quote == ""
    assert result.proposals[0].rationale == "Added because."
