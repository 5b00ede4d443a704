"""The "Word for review" file: the draft without redline, each section's heading wrapped in a
hidden bookmark naming the section and the version the file holds, and custom properties naming
the document and the version set it was made from."""

import io
import zipfile

import pytest
from django.core.management import call_command
from docx import Document as WordDocument
from lxml import etree

from guidelines.exports.files import export_plan
from guidelines.imports import anchors
from guidelines.models import Document, Section, User
from guidelines.services.milestones import milestone_create
from guidelines.services.sections import section_update

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"


def review(document, milestone=None) -> bytes:
    plan = export_plan(document=document, variant="review", fmt="docx", milestone=milestone)
    return plan.render()


def headings_with_anchors(data: bytes) -> list[tuple[str, str]]:
    """(bookmark name, heading text) of every anchored paragraph, in order."""
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    found = []
    for paragraph in body.iter(f"{W}p"):
        for mark in paragraph.iter(f"{W}bookmarkStart"):
            if anchors.parse_bookmark(mark.get(f"{W}name")):
                text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
                found.append((mark.get(f"{W}name"), text))
    return found


def properties(data: bytes) -> dict[str, str]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("docProps/custom.xml"))
    return {p.get("name"): "".join(p.itertext()) for p in root.iter(f"{CUSTOM}property")}


def test_bookmark_names_round_trip():
    assert anchors.bookmark_name(12, 3) == "_iscm_12_3"
    assert anchors.parse_bookmark("_iscm_12_3") == (12, 3)
    assert anchors.parse_bookmark("iscm_12_3") == (12, 3)  # an office suite dropped the "_"
    assert anchors.parse_bookmark("_Toc123") is None
    assert anchors.parse_bookmark("_iscm_x_3") is None
    assert len(anchors.bookmark_name(10**12, 10**6)) <= 40
    assert anchors.parse_version_set(anchors.version_set(7)) == 7
    assert anchors.parse_version_set(anchors.version_set(None)) is None


@pytest.mark.django_db
def test_every_section_heading_carries_its_anchor(seeded):
    document = Document.objects.get(slug="iscm-guidelines")
    data = review(document)
    marked = headings_with_anchors(data)
    live = Section.objects.filter(document=document, is_deleted=False)
    assert len(marked) == live.count()
    for name, text in marked:
        section_id, version = anchors.parse_bookmark(name)
        section = live.get(pk=section_id)
        assert version == section.version
        assert text.endswith(section.heading)  # "<number>\t<heading>"
    assert properties(data) == {
        anchors.PROP_DOCUMENT: "iscm-guidelines",
        anchors.PROP_VERSION_SET: "current",
        anchors.PROP_LABEL: "Current text",
        anchors.PROP_MADE_AT: properties(data)[anchors.PROP_MADE_AT],
        anchors.PROP_FORMAT: anchors.FORMAT,
    }
    # The draft without redline: no tracked change anywhere.
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "<w:ins " not in xml and "<w:del " not in xml
    # Word opens it: a number, a tab, the heading.
    paragraphs = WordDocument(io.BytesIO(data)).paragraphs
    assert any(p.style.name == "Heading 1" and "\t" in p.text for p in paragraphs)


@pytest.mark.django_db
def test_a_milestone_file_holds_the_versions_of_the_milestone(seeded):
    document = Document.objects.get(slug="iscm-guidelines")
    facilitator = User.objects.get(username="facilitator")
    milestone = milestone_create(document=document, name="Before review", user=facilitator)
    section = Section.objects.filter(document=document, is_deleted=False).order_by("pk")[3]
    old_version = section.version
    section_update(
        section=section,
        heading=section.heading,
        body=section.body + "\n\nA paragraph added after the milestone.",
        base_version=old_version,
        user=facilitator,
        reason="test",
    )
    data = review(document, milestone)
    versions = dict(anchors.parse_bookmark(name) for name, _text in headings_with_anchors(data))
    assert versions[section.pk] == old_version
    assert properties(data)[anchors.PROP_VERSION_SET] == f"milestone:{milestone.pk}"
    assert properties(data)[anchors.PROP_LABEL] == "Before review"
    assert "A paragraph added after the milestone." not in WordDocument(io.BytesIO(data)).paragraphs


@pytest.mark.django_db
def test_the_command_writes_it_as_word_only(seeded, tmp_path):
    out = tmp_path / "review.docx"
    call_command(
        "export_pdf", "iscm-guidelines", "--variant", "review", "--format", "docx",
        "--output", str(out), "--no-cache",
    )  # fmt: skip
    assert headings_with_anchors(out.read_bytes())
    with pytest.raises(Exception, match="docx"):
        call_command("export_pdf", "iscm-guidelines", "--variant", "review", "--output", str(out))
