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
    "### A heading inside\n\nText under it.\n\n1. one\n2. two",
]


@pytest.fixture
def doc():
    document = DocumentFactory(title="Guidelines")
    first = SectionFactory(document=document, heading="Scope", body=BODIES[0])
    SectionFactory(document=document, heading="Terms", body=BODIES[1], parent=first)
    SectionFactory(document=document, heading="Risk", body=BODIES[2])
    SectionFactory(document=document, heading="Other", body=BODIES[3])
    return document


def _preview(document, data):
    return build_preview(document, reader.read_docx(data, "review.docx"))


def test_unedited_file_reads_as_its_versions(doc):
    data = review_file(doc)
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
    data = review_file(doc)
    data = edit.track_insert(
        data, paragraph_containing="The scope covers", after="goods", text=" and parcels"
    )
    data = edit.track_replace(data, paragraph_containing="\tRisk", old="Risk", new="Risks")
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
    data = review_file(doc)
    data = edit.track_move(
        data,
        from_paragraph="After the table",
        words="After",
        to_paragraph="Text under it",
        after="it",
    )
    data = edit.untracked_replace(data, paragraph_containing="Then", old="applies", new="governs")
    items = {i.heading: i for i in _preview(doc, data).proposals}
    assert "After" not in items["Risk"].proposed_body.split("table.")[-1][:8]
    assert "Text under it After" in items["Other"].proposed_body
    assert items["Terms"].untracked and not items["Terms"].tracked
    assert "governs" in items["Terms"].proposed_body
    assert "* **Operator**" in items["Terms"].proposed_body  # the list's own markers kept


def test_new_section_and_deleted_section(doc):
    data = review_file(doc)
    data = edit.track_new_paragraph(
        data, after_paragraph_containing="After the table", text="Ports", style="Heading 1"
    )
    data = edit.track_new_paragraph(
        data, after_paragraph_containing="Ports", text="Ports matter.", style="Normal"
    )
    for text in ("\tOther", "A heading inside", "Text under it", "one", "two"):
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
    data = review_file(doc)
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
    data = review_file(doc)
    data = edit.track_insert(
        data, paragraph_containing="Text under it", after="under it", text=" all"
    )
    other = document_tree(doc).nodes[3].section
    other.body = other.body.replace("1. one", "1. first")
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
    data = review_file(doc)
    edited = edit.track_insert(
        data, paragraph_containing="Text under it", after="under it", text=" all"
    )
    result = _preview(doc, edit.remove_anchors(edited))
    assert result.matched_by_heading and result.notices[0].level == WARNING
    (item,) = result.proposals
    assert item.matched_by_heading and "under it all" in item.proposed_body
    foreign = edit.set_property(data, anchors.PROP_DOCUMENT, "someone-else")
    assert _preview(doc, foreign).notices[0].level == ERROR
