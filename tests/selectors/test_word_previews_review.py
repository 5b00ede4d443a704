"""The preview on files a reviewer may well send: a quote that occurs twice, a change the
tracker made meanwhile, a heading deleted without Track Changes."""

import pytest

from guidelines.imports.types import INFO, WARNING
from guidelines.models import Section, User
from guidelines.selectors.word_previews import build_preview
from guidelines.services.sections import section_update
from tests.factories import DocumentFactory, SectionFactory
from tests.imports import edit
from tests.imports.edit_comments import add_comment, review_file

reader = pytest.importorskip("guidelines.imports.reader")
pytestmark = pytest.mark.django_db


@pytest.fixture
def doc():
    document = DocumentFactory(title="Guidelines")
    SectionFactory(
        document=document,
        heading="Alpha",
        body="Declarations are sent to customs.\n\nAmendments are sent to customs later.",
    )
    SectionFactory(document=document, heading="Beta", body="Second body here.")
    return document


def _preview(document, data):
    return build_preview(document, reader.read_docx(data, "review.docx"))


def test_a_repeated_quote_is_anchored_where_the_reviewer_put_it(doc):
    data = add_comment(
        review_file(doc),
        paragraph_containing="Amendments are sent",
        quote="sent to customs",
        text="Which office?",
    )
    (item,) = _preview(doc, data).comments
    text = "Declarations are sent to customs. Amendments are sent to customs later."
    assert item.quote_found and item.quote_start == text.rindex("sent to customs")


def test_a_change_the_tracker_made_meanwhile_is_not_proposed_again(doc):
    data = edit.track_insert(
        review_file(doc), paragraph_containing="Second body", after="body", text=" and more"
    )
    beta = Section.objects.get(document=doc, heading="Beta")
    section_update(
        section=beta, heading="Beta", body="Second body and more here.",
        base_version=beta.version, user=User.objects.create(username="editor"), reason="same",
    )  # fmt: skip
    result = _preview(doc, data)
    assert result.proposals == ()
    assert [n.level for n in result.notices] == [INFO]
    assert "in its text already" in result.notices[0].message


def test_a_heading_deleted_without_track_changes_is_reported(doc):
    data = review_file(doc)

    @edit._edit
    def drop_heading(package):
        heading = edit.find_paragraph(package, "Beta")
        heading.getparent().remove(heading)

    result = _preview(doc, drop_heading(data))
    warnings = [n for n in result.notices if n.level == WARNING]
    assert len(warnings) == 1 and "Beta" in warnings[0].message
    assert "not in the file" in warnings[0].message
