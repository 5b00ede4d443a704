"""A review file edited in LibreOffice reads back: the anchors and properties survive, tracked
changes carry LibreOffice's author, comments keep their passage.

Two LibreOffice runs (some 3 s each): one edit through UNO with Track Changes, one open-and-save
of a file with Word comments (LibreOffice 7.4 without a GUI crashes on any comment through UNO,
inserted or loaded, so comments go through ``soffice --convert-to``)."""

import pytest

from guidelines.imports import anchors
from guidelines.imports.markdown import reading
from guidelines.imports.reader import read_docx
from guidelines.imports.types import INS, ORIGINAL, PLAIN, PROPOSED
from tests.factories import DocumentFactory, SectionFactory
from tests.imports import edit
from tests.imports.libreoffice import libreoffice_edit, libreoffice_readings, libreoffice_resave

BODY = "The scope of the guidelines is wide.\n\n1. one\n2. two"
TABLE = "| Name | Value |\n|---|---|\n| alpha | beta |\n| gamma | delta |"


@pytest.fixture
def review(db):
    document = DocumentFactory(slug="lo-review")
    scope = SectionFactory(document=document, heading="Scope", body=BODY)
    data = SectionFactory(document=document, heading="Data", body=TABLE)
    return edit.review_file(document), scope, data


def find(word_file, containing):
    return next(p for p in word_file.paragraphs if containing in p.text)


def test_libreoffice_tracked_changes_keep_the_anchors(review):
    data, scope, table = review
    edited, report = libreoffice_edit(
        data,
        [
            {"op": "author", "name": "Li Wei"},
            {"op": "record", "on": True},
            {"op": "insert", "containing": "The scope", "after": "scope", "text": " and reach"},
            {"op": "delete", "containing": "The scope", "words": " is wide"},
            {"op": "replace", "containing": "alpha", "old": "alpha", "new": "omega"},
            {"op": "replace", "containing": "Scope", "old": "Scope", "new": "Range"},
            {"op": "new_paragraph", "after": "two", "text": "Scanning", "style": "Heading 2"},
            {"op": "record", "on": False},
            {"op": "replace", "containing": "gamma", "old": "gamma", "new": "kappa"},
        ],
    )
    assert report["redlines"] >= 5
    read = read_docx(edited, "edited.docx")
    assert read.application.startswith("LibreOffice")
    assert read.properties[anchors.PROP_DOCUMENT] == "lo-review"
    assert read.properties[anchors.PROP_VERSION_SET] == anchors.CURRENT
    heading = find(read, "Range")
    assert heading.bookmarks == (anchors.bookmark_name(scope.id, scope.version),)
    assert heading.reading_text(ORIGINAL).endswith("Scope")
    assert heading.reading_text(PROPOSED).endswith("Range")
    assert find(read, "Data").bookmarks == (anchors.bookmark_name(table.id, table.version),)
    body = find(read, "The scope")
    assert body.reading_text(ORIGINAL) == "The scope of the guidelines is wide."
    assert body.reading_text(PROPOSED) == "The scope and reach of the guidelines."
    cell = find(read, "omega")
    assert (cell.reading_text(ORIGINAL), cell.reading_text(PROPOSED)) == ("alpha", "omega")
    assert cell.cell.row == 1
    assert find(read, "kappa").reading_text(ORIGINAL) == "kappa"  # untracked
    new = find(read, "Scanning")
    assert (new.style, new.heading_level, new.list_kind) == ("Heading 2", 2, "")
    assert [r.change for r in new.runs] == [INS]
    # LibreOffice, like Word, tracks the mark ending the paragraph Enter was typed in.
    assert (find(read, "two").mark, new.mark) == (INS, PLAIN)
    assert read.authors == ("Li Wei",)


def test_libreoffice_keeps_word_comments_and_their_passages(review):
    data = edit.add_comment(
        review[0], paragraph_containing="The scope", quote="guidelines", text="Which ones?"
    )
    data = edit.add_comment(
        data, paragraph_containing="", quote="", text="All.", author="Bob Other", reply_to=0
    )
    data = edit.add_comment(data, paragraph_containing="delta", quote="", text="A row more?")
    read = read_docx(libreoffice_resave(data), "resaved.docx")
    by_text = {c.text: c for c in read.comments}
    assert set(by_text) == {"Which ones?", "All.", "A row more?"}
    assert (by_text["All."].author, by_text["Which ones?"].author) == ("Bob Other", "Jane Reviewer")
    body = find(read, "The scope")
    covered = [r for r in body.runs if r.comments]
    assert [r.text for r in covered] == ["guidelines"]
    # The reply keeps its parent's passage; LibreOffice 7.4 does not write which comment it
    # answers (no commentsExtended.xml), so it reads as a second comment on the passage.
    assert set(covered[0].comments) == {by_text["Which ones?"].id, by_text["All."].id}
    point = by_text["A row more?"].id
    delta = find(read, "delta")
    assert point in delta.comments or any(point in r.comments for r in delta.runs)
    assert read.properties[anchors.PROP_DOCUMENT] == "lo-review"
    assert any(p.bookmarks for p in read.paragraphs)


def test_our_readings_are_libreoffices_accept_all_and_reject_all(review):
    """A file with every kind of tracked change the import reads (words inserted, deleted,
    replaced and moved, a heading and a paragraph inserted, a paragraph deleted, a table row
    inserted): LibreOffice's Accept All and Reject All give, paragraph by paragraph, the
    import's proposed and original readings."""
    data, _scope, _table = review
    data = edit.track_insert(
        data, paragraph_containing="The scope", after="scope", text=" and reach"
    )
    data = edit.track_replace(data, paragraph_containing="The scope", old="wide", new="broad")
    data = edit.track_delete(data, paragraph_containing="The scope", words="of the guidelines ")
    data = edit.track_new_paragraph(
        data, after_paragraph_containing="two", text="Ports", style="Heading 1"
    )
    data = edit.track_new_paragraph(
        data, after_paragraph_containing="Ports", text="Ports matter.", style="Normal"
    )
    data = edit.track_delete_paragraph(data, paragraph_containing="one")
    data = edit.track_insert_row(data, table_cell_containing="gamma", cells=["eps", "zeta"])
    data = edit.track_move(
        data, from_paragraph="The scope", words="is ", to_paragraph="two", after="two"
    )
    office = libreoffice_readings(data)
    assert office["tracked_changes"] >= 8
    word_file = read_docx(data, "review.docx")

    def texts(paragraphs):
        return [" ".join(t.split()) for t in paragraphs if t.strip()]

    for ours, theirs in ((PROPOSED, "accepted"), (ORIGINAL, "rejected")):
        read = [p.reading_text(ours) for p in reading(word_file.paragraphs, ours)]
        assert texts(read) == texts(office[theirs]), theirs
