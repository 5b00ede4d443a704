"""build_preview end to end: the real "Word for review" export, edited as Word would
(tests/imports/edit.py), read by imports.reader."""

import pytest

from guidelines.imports import anchors
from guidelines.imports.markdown import normalised, pristine, reading, to_markdown
from guidelines.imports.preview import slice_file
from guidelines.imports.types import ERROR, ORIGINAL, WARNING
from guidelines.models import ProposalKind
from guidelines.selectors.documents import document_tree
from guidelines.selectors.word_previews import build_preview
from guidelines.services.history import save_versioned
from tests.factories import DocumentFactory, SectionFactory
from tests.imports import edit
from tests.imports.edit_comments import add_comment, review_file

reader = pytest.importorskip("guidelines.imports.reader")
pytestmark = pytest.mark.django_db

BODIES = [
    "The scope covers __all__ goods moved by _sea_ and air, see <https://www.wcoomd.org>.",
    "Terms used:\n\n* **Operator**: a person;\n* `AEO`: an operator\n"
    "    1. certified\n    2. trusted\n\n"
    "Then [the Framework](https://example.org/safe) applies.",
    "| Risk | Level |\n|:-----|------:|\n| Fraud | high |\n| Delay | low |\n\nAfter the table.",
    "### A heading inside\n\nText under it.\n\n1. alpha\n2. beta",
]


@pytest.fixture
def doc():
    document = DocumentFactory(title="Guidelines")
    first = SectionFactory(document=document, heading="Scope", body=BODIES[0])
    SectionFactory(document=document, heading="Terms", body=BODIES[1], parent=first)
    SectionFactory(document=document, heading="Risk", body=BODIES[2])
    SectionFactory(document=document, heading="Other", body=BODIES[3])
    return document


@edit._edit
def _one_content_per_run(package) -> None:
    """Headings are one run "<label>, tab, heading": edit.py finds a paragraph by its runs'
    first content only, so split runs first (as Word often does anyway)."""
    for paragraph in package.body.iter(edit.w("p")):
        edit._normalise(paragraph)


def _review(document) -> bytes:
    return _one_content_per_run(review_file(document))


def _preview(document, data):
    return build_preview(document, reader.read_docx(data, "review.docx"))


def test_unedited_file_reads_as_its_versions(doc):
    data = _review(doc)
    word = reader.read_docx(data, "review.docx")
    _preamble, sliced = slice_file(word.paragraphs)
    tree = document_tree(doc)
    assert [s.anchor[0] for s, _n in sliced] == [n.section.id for n in tree.nodes]
    for (section, _n), node in zip(sliced, tree.nodes, strict=True):
        level = node.depth + 1
        expected = to_markdown(pristine(node.section.body, level=level), level=level)
        found = to_markdown(reading(section.body, ORIGINAL), level=level)
        assert normalised(found) == normalised(expected), node.section.heading
    result = build_preview(doc, word)
    assert result.proposals == () and result.notices == ()


def test_tracked_edits_in_body_heading_and_table(doc):
    data = _review(doc)
    data = edit.track_insert(
        data, paragraph_containing="The scope covers", after="goods", text=" and parcels"
    )
    data = edit.track_replace(data, paragraph_containing="2\tRisk", old="Risk", new="Risks")
    data = edit.track_insert(data, paragraph_containing="Fraud", after="Fraud", text=" and theft")
    data = edit.track_insert_row(data, table_cell_containing="Delay", cells=["Theft", "medium"])
    items = {i.heading: i for i in _preview(doc, data).proposals}
    scope = items["Scope"]
    assert scope.proposed_body == BODIES[0].replace("goods", "goods and parcels")
    assert scope.tracked and not scope.untracked and scope.words_inserted == 2
    risk = items["Risk"]
    assert risk.proposed_heading == "Risks"
    assert "Fraud and theft" in risk.proposed_body and "Theft | medium" in risk.proposed_body
    assert "|:-----|------:|" in risk.proposed_body  # the table's own Markdown kept
    assert set(items) == {"Scope", "Risk"}


def test_a_move_and_an_untracked_edit(doc):
    data = _review(doc)
    data = edit.track_move(
        data,
        from_paragraph="After the table",
        words="After",
        to_paragraph="Text under it",
        after="it",
    )
    data = edit.untracked_replace(
        data, paragraph_containing="the Framework", old="applies", new="governs"
    )
    items = {i.heading: i for i in _preview(doc, data).proposals}
    assert items["Risk"].proposed_body.endswith("\n\nthe table.")
    assert "Text under itAfter." in items["Other"].proposed_body
    assert items["Terms"].untracked and not items["Terms"].tracked
    assert "governs" in items["Terms"].proposed_body
    assert "* **Operator**" in items["Terms"].proposed_body  # the list's own markers kept


def test_new_section_and_deleted_section(doc):
    data = _review(doc)
    data = edit.track_new_paragraph(
        data, after_paragraph_containing="After the table", text="Ports", style="Heading 1"
    )
    data = edit.track_new_paragraph(
        data, after_paragraph_containing="Ports", text="Ports matter.", style="Normal"
    )
    for text in ("3\tOther", "A heading inside", "Text under it", "alpha", "beta"):
        data = edit.track_delete_paragraph(data, paragraph_containing=text)
    tree = document_tree(doc)
    other = tree.nodes[3].section
    result = _preview(doc, data)
    kinds = {i.ref: i for i in result.proposals}
    insert = kinds["insert-1"]
    assert insert.kind == ProposalKind.INSERT
    assert (insert.placement, insert.section_id) == ("before", other.id)
    assert (insert.proposed_heading, insert.proposed_body) == ("Ports", "Ports matter.")
    assert kinds[f"delete-{other.id}"].kind == ProposalKind.DELETE


def test_comments_found_and_not_found(doc):
    data = _review(doc)
    data = add_comment(
        data, paragraph_containing="The scope covers", quote="goods moved", text="Which?"
    )
    data = add_comment(data, paragraph_containing="After the table", quote="After", text="Hm")
    data = add_comment(
        data, paragraph_containing="The scope covers", quote="goods moved", text="Yes", reply_to=0
    )
    risk = document_tree(doc).nodes[2].section
    risk.body = risk.body.replace("After the table.", "Below the table.")
    risk.version += 1
    save_versioned(risk, user=None, reason="test")
    result = _preview(doc, data)
    by_body = {c.body: c for c in result.comments}
    assert by_body["Which?"].quote == "goods moved" and by_body["Which?"].quote_found
    assert [r.text for r in by_body["Which?"].replies] == ["Yes"]
    assert by_body["Hm"].quote == "After" and not by_body["Hm"].quote_found


def test_conflicts(doc):
    data = _review(doc)
    data = edit.track_insert(
        data, paragraph_containing="Text under it", after="under it", text=" all"
    )
    other = document_tree(doc).nodes[3].section
    other.body = other.body.replace("1. alpha", "1. first")
    other.version += 1
    save_versioned(other, user=None, reason="test")
    (item,) = _preview(doc, data).proposals
    assert item.conflict.clean and "under it all" in item.conflict.merged_body
    assert "1. first" in item.conflict.merged_body
    other.body = other.body.replace("under it", "under this")
    other.version += 1
    save_versioned(other, user=None, reason="test")
    (item,) = _preview(doc, data).proposals
    assert not item.conflict.clean


def test_no_anchors_and_another_document(doc):
    data = _review(doc)
    edited = edit.track_insert(
        data, paragraph_containing="Text under it", after="under it", text=" all"
    )
    result = _preview(doc, edit.remove_anchors(edited))
    assert result.matched_by_heading and result.notices[0].level == WARNING
    (item,) = result.proposals
    assert item.matched_by_heading and "under it all" in item.proposed_body
    foreign = edit.set_property(data, anchors.PROP_DOCUMENT, "someone-else")
    assert _preview(doc, foreign).notices[0].level == ERROR


MORE_BODIES = [
    "```\ncode line 1\n    indented\n```\n\n> A quoted *passage*\n> on two lines.",
    "Line one  \nline two, with a \\* star and an_underscore.\n\n3. three\n4. four",
    "- a\n    - b\n        - c\n- d\n\n***Both*** and **bold *nested* here**.",
    "A footnote[^1] here.\n\n[^1]: The note.\n\n| x |\n|---|\n| `y` |",
    "Some <b>html</b> and an ![image](https://example.org/i.png) and *emphasis*, ok.",
]


@pytest.mark.parametrize("body", MORE_BODIES)
def test_unedited_varied_bodies_propose_nothing(body):
    document = DocumentFactory()
    SectionFactory(document=document, heading="One", body=body)
    SectionFactory(document=document, heading="Two", body=body)
    assert _preview(document, _review(document)).proposals == ()


@pytest.mark.parametrize(
    ("body", "containing", "after", "expected"),
    [
        (MORE_BODIES[0], "A quoted", "quoted", "> A quoted NEW *passage*\n> on two lines."),
        (MORE_BODIES[1], "Line one", "Line one", "Line one NEW  \nline two"),
        (MORE_BODIES[2], "Both", "and", "***Both*** and NEW **bold *nested* here**."),
        (BODIES[1], "a person", "person", "* **Operator**: a person NEW;\n* `AEO`"),
        (BODIES[2], "Delay", "Delay", "| Delay NEW | low |"),
    ],
)
def test_an_edit_keeps_the_markdown_around_it(body, containing, after, expected):
    document = DocumentFactory()
    SectionFactory(document=document, heading="One", body=body)
    data = edit.track_insert(
        _review(document), paragraph_containing=containing, after=after, text=" NEW"
    )
    (item,) = _preview(document, data).proposals
    assert expected in item.proposed_body
    assert item.proposed_body.replace(" NEW", "") == body


def test_a_section_renumbered_since_is_read_with_the_files_number(doc):
    data = _review(doc)
    data = edit.track_insert(data, paragraph_containing="3\tOther", after="Other", text=" matters")
    tree = document_tree(doc)
    risk = tree.nodes[2].section
    risk.position, risk.version = 99, risk.version  # Other becomes 2, Risk 3
    save_versioned(risk, user=None, reason="test")
    assert [n.label for n in document_tree(doc).nodes][-1] == "3"
    result = _preview(doc, data)
    (item,) = result.proposals
    assert item.proposed_heading == "Other matters" and not item.untracked
    assert result.notices == ()  # moved in the tracker, not in the file
