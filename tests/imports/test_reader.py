"""read_docx on the real "Word for review" export, edited as Word would (tests/imports/edit.py),
and on hand-written XML for what the export never writes (fields, content controls, links…)."""

import io
import time
import zipfile

import docx
import pytest

from guidelines.imports import anchors
from guidelines.imports.reader import read_docx
from guidelines.imports.types import DEL, INS, MOVE_FROM, MOVE_TO, ORIGINAL, PLAIN, PROPOSED
from tests.factories import DocumentFactory, SectionFactory
from tests.imports import edit

BODY = (
    "The scope of the guidelines is wide.\n\n- first item\n- second item\n\n1. one\n2. two\n\n"
    "Read *this* with `code` and **bold**."
)
TABLE = "| Name | Value |\n|---|---|\n| alpha | beta |\n| gamma | delta |\n\nAfter the table."


@pytest.fixture
def sections(db):
    document = DocumentFactory(slug="iscm-review")
    scope = SectionFactory(document=document, heading="Scope", body=BODY)
    data = SectionFactory(document=document, heading="Data", body=TABLE)
    return document, scope, data


@pytest.fixture
def review(sections) -> bytes:
    return edit.review_file(sections[0])


def find(word_file, containing: str):
    return next(p for p in word_file.paragraphs if containing in p.text)


def test_the_review_file_as_exported(sections, review):
    document, scope, data = sections
    read = read_docx(review, "review.docx")
    assert read.properties[anchors.PROP_DOCUMENT] == "iscm-review"
    assert read.properties[anchors.PROP_VERSION_SET] == anchors.CURRENT
    heading = find(read, "Scope")
    assert heading.bookmarks == (anchors.bookmark_name(scope.id, scope.version),)
    assert heading.heading_level == 1 and heading.style == "Heading 1"
    assert find(read, "Data").bookmarks == (anchors.bookmark_name(data.id, data.version),)
    assert [p.index for p in read.paragraphs] == list(range(len(read.paragraphs)))
    assert (find(read, "first item").list_kind, exact(read, "one").list_kind) == (
        "bullet",
        "number",
    )
    assert find(read, "The scope").list_kind == "" and find(read, "The scope").style == "Normal"
    runs = {r.text: r for r in find(read, "Read this").runs}
    assert runs["this"].italic and runs["code"].code and runs["bold"].bold
    assert not runs["Read "].bold and not runs["Read "].code
    name, value = find(read, "Name"), find(read, "beta")
    assert name.cell.header and (name.cell.table, name.cell.row, name.cell.cell) == (0, 0, 0)
    assert not value.cell.header and (value.cell.row, value.cell.cell) == (1, 1)
    assert find(read, "After the table").cell is None
    assert read.comments == () and read.authors == ()
    assert not any(r.change for p in read.paragraphs for r in p.runs)


def exact(word_file, text: str):
    return next(p for p in word_file.paragraphs if p.text == text)


def readings(paragraph):
    return paragraph.reading_text(ORIGINAL), paragraph.reading_text(PROPOSED)


def test_tracked_changes_in_body_heading_and_table(review):
    data = edit.track_insert(
        review, paragraph_containing="The scope", after="scope", text=" and reach"
    )
    data = edit.track_delete(data, paragraph_containing="The scope", words=" is wide")
    data = edit.track_replace(
        data, paragraph_containing="Scope", old="Scope", new="Range", author="Ann"
    )
    data = edit.track_replace(data, paragraph_containing="alpha", old="alpha", new="omega")
    data = edit.track_move(
        data, from_paragraph="Read this", words="with ", to_paragraph="first item", after="first "
    )
    read = read_docx(data, "review.docx")
    assert readings(find(read, "The scope")) == (
        "The scope of the guidelines is wide.",
        "The scope and reach of the guidelines.",
    )
    heading = find(read, "Range")
    assert readings(heading)[1].endswith("Range") and readings(heading)[0].endswith("Scope")
    assert {(r.change, r.author) for r in heading.runs if r.change} == {(DEL, "Ann"), (INS, "Ann")}
    assert readings(find(read, "omega")) == ("alpha", "omega")
    assert find(read, "omega").cell.row == 1
    assert readings(find(read, "first ")) == ("first item", "first with item")
    assert readings(find(read, "Read this")) == (
        "Read this with code and bold.",
        "Read this code and bold.",
    )
    changes = {r.change for p in read.paragraphs for r in p.runs}
    assert {INS, DEL, MOVE_FROM, MOVE_TO} <= changes
    assert read.authors == ("Ann", "Jane Reviewer")


def test_paragraph_marks_and_rows(review):
    data = edit.track_new_paragraph(review, after_paragraph_containing="two", text="Scanning")
    data = edit.track_new_paragraph(
        data,
        after_paragraph_containing="Scanning",
        text="All boxes.",
        style="Normal",
        mark_on="own",
    )
    data = edit.track_delete_paragraph(data, paragraph_containing="second item")
    data = edit.track_insert_row(data, table_cell_containing="alpha", cells=["eps", "zeta"])
    read = read_docx(data, "review.docx")
    new = find(read, "Scanning")
    assert (new.mark, new.heading_level, new.style) == (PLAIN, 2, "Heading 2")
    assert exact(read, "two").mark == INS  # Enter typed at its end
    assert readings(new) == ("", "Scanning")
    assert find(read, "All boxes").mark == INS and find(read, "All boxes").heading_level is None
    gone = find(read, "second item")
    assert gone.mark == DEL and readings(gone) == ("second item", "")
    eps, zeta = find(read, "eps"), find(read, "zeta")
    assert eps.cell.row_change == INS and (eps.cell.row, eps.cell.cell, zeta.cell.cell) == (2, 0, 1)
    assert find(read, "gamma").cell.row == 3 and find(read, "gamma").cell.row_change == PLAIN


def test_comments_replies_and_points(review):
    data = edit.add_comment(
        review, paragraph_containing="The scope", quote="guidelines", text="Which?\n\nAll?"
    )
    data = edit.add_comment(
        data, paragraph_containing="", quote="", text="All.", author="Bob", reply_to=0
    )
    data = edit.add_comment(data, paragraph_containing="delta", quote="", text="Add a row.")
    read = read_docx(data, "review.docx")
    first, reply, point = read.comments
    assert (first.id, first.author, first.text, first.parent) == (
        0,
        "Jane Reviewer",
        "Which?\n\nAll?",
        None,
    )
    assert first.initials == "JR" and first.date.startswith("2026-11-20")
    assert (reply.author, reply.text, reply.parent) == ("Bob", "All.", 0)
    assert point.parent is None
    scope = find(read, "The scope")
    assert [r.text for r in scope.runs if r.comments] == ["guidelines"]
    assert next(r for r in scope.runs if r.comments).comments == (0, 1)
    assert find(read, "delta").comments == (2,) and scope.comments == ()
    assert read.authors == ("Jane Reviewer", "Bob")


def test_untracked_edits_lost_anchors_and_properties(review):
    data = edit.untracked_replace(
        review, paragraph_containing="The scope", old="wide", new="narrow"
    )
    data = edit.remove_anchors(data)
    data = edit.set_property(data, anchors.PROP_DOCUMENT, "another")
    data = edit.set_property(data, "Reviewer", "Jane")
    read = read_docx(data, "review.docx")
    assert readings(find(read, "The scope"))[0] == "The scope of the guidelines is narrow."
    assert not any(p.bookmarks for p in read.paragraphs)
    assert read.properties[anchors.PROP_DOCUMENT] == "another"
    assert read.properties["Reviewer"] == "Jane"


def test_a_300_section_file_reads_in_well_under_a_second(db):
    document = DocumentFactory()
    for n in range(300):
        SectionFactory(document=document, heading=f"Part {n}", body=BODY if n % 2 else TABLE)
    data = edit.review_file(document)
    start = time.perf_counter()
    read = read_docx(data, "review.docx")
    elapsed = time.perf_counter() - start
    assert sum(1 for p in read.paragraphs if p.bookmarks) == 300
    print(f"read in {elapsed:.3f} s")
    assert elapsed < 0.8, elapsed


# Hand-written XML -------------------------------------------------------------------------------
NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def with_body(body: str, rels: str = "") -> bytes:
    out = io.BytesIO()
    docx.Document().save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w") as target:
        for info in source.infolist():
            blob = source.read(info)
            if info.filename == "word/document.xml":
                blob = f'<?xml version="1.0"?><w:document {NS}><w:body>{body}</w:body></w:document>'
            elif info.filename == "word/_rels/document.xml.rels" and rels:
                blob = blob.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            target.writestr(info.filename, blob)
    return result.getvalue()


def test_fields_links_controls_and_special_characters():
    body = (
        '<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:hyperlink r:id="rId99"><w:r><w:t>the site</w:t></w:r></w:hyperlink>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
        ' HYPERLINK "https://example.org/f" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">, or'
        '</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:sdt><w:sdtContent><w:r><w:t xml:space="preserve"> in a control</w:t>'
        "</w:r></w:sdtContent></w:sdt>"
        '<w:smartTag><w:r><w:t xml:space="preserve"> tagged</w:t></w:r></w:smartTag>'
        '<w:fldSimple w:instr="DATE"><w:r><w:t xml:space="preserve"> today</w:t>'
        "</w:r></w:fldSimple>"
        "<w:r><w:tab/><w:t>a</w:t><w:noBreakHyphen/><w:t>b</w:t>"
        "<w:softHyphen/><w:t>c</w:t><w:br/><w:t>d</w:t></w:r>"
        '<w:r><w:rPr><w:b w:val="0"/><w:i w:val="false"/><w:strike/></w:rPr><w:t>struck</w:t></w:r>'
        '<w:r><w:rPr><w:b/><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/>'
        "</w:rPr><w:t>mono</w:t></w:r>"
        "</w:p>"
        '<w:sdt><w:sdtContent><w:p><w:pPr><w:pStyle w:val="Heading2"/>'
        '<w:outlineLvl w:val="4"/></w:pPr>'
        "<w:r><w:t>In a block control</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        '<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Outlined</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>A title</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="ListBullet2"/></w:pPr><w:r><w:t>Listed</w:t></w:r></w:p>'
    )
    rels = (
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/hyperlink" Target="https://example.org/x" TargetMode="External"/>'
    )
    read = read_docx(with_body(body, rels), "x.docx")
    first, control, outlined, title, listed = read.paragraphs
    assert first.text == "See 7the site, or in a control tagged today\ta-bc\ndstruckmono"
    assert [r.link for r in first.runs if r.text == ", or"] == ["https://example.org/f"]
    assert [r.link for r in first.runs if r.text == "the site"] == ["https://example.org/x"]
    struck = next(r for r in first.runs if r.text == "struck")
    assert struck.strike and not struck.bold and not struck.italic
    mono = next(r for r in first.runs if r.text == "mono")
    assert mono.code and mono.bold
    assert (control.style, control.heading_level) == ("Heading 2", 2)
    assert (outlined.style, outlined.heading_level) == ("Normal", 3)
    assert (title.style, title.heading_level) == ("Title", None)
    assert (listed.style, listed.list_kind, listed.list_level) == ("List Bullet 2", "bullet", 1)


def test_comment_ranges_across_paragraphs_and_bookmarks_between_them():
    body = (
        '<w:p><w:r><w:t xml:space="preserve">One </w:t></w:r><w:commentRangeStart w:id="5"/>'
        "<w:r><w:t>two</w:t></w:r></w:p>"
        '<w:bookmarkStart w:id="1" w:name="_iscm_4_2"/>'
        '<w:p><w:r><w:t xml:space="preserve">three </w:t></w:r><w:commentRangeEnd w:id="5"/>'
        '<w:r><w:t>four</w:t></w:r><w:bookmarkEnd w:id="1"/>'
        '<w:commentRangeStart w:id="6"/><w:commentRangeEnd w:id="6"/></w:p>'
        '<w:p><w:ins w:id="3" w:author="Ann"><w:r><w:delText>x</w:delText></w:r></w:ins>'
        '<w:r><w:rPr><w:rStyle w:val="CommentReference"/>'
        '</w:rPr><w:commentReference w:id="7"/></w:r>'
        "</w:p>"
    )
    one, three, last = read_docx(with_body(body), "x.docx").paragraphs
    assert [(r.text, r.comments) for r in one.runs] == [("One ", ()), ("two", (5,))]
    assert [(r.text, r.comments) for r in three.runs] == [("three ", (5,)), ("four", ())]
    assert three.bookmarks == ("_iscm_4_2",) and three.comments == (6,)
    assert last.comments == (7,) and last.runs[0].change == INS
