"""The Word import's services on real files: the "Word for review" export edited as Word would,
read and previewed by the real reader and preview (no fixed values)."""

import pytest
from django.core.exceptions import ValidationError

from guidelines.models import Comment, Document, Proposal, Section, User, WordImportStatus
from guidelines.selectors.word_imports import import_preview
from guidelines.services.sections import section_update
from guidelines.services.word_imports import word_import_submit, word_import_upload
from tests.imports import edit
from tests.imports.edit_comments import add_comment, review_file

SEALS = "The seal number is part of the advance data"


@pytest.fixture
def document(seeded):
    return Document.objects.get(slug="iscm-guidelines")


def upload(document, data, username="member-au", **kwargs):
    user = User.objects.get(username=username)
    return word_import_upload(user=user, document=document, filename="au.docx", data=data, **kwargs)


def edit_in_tracker(seals):
    section_update(
        section=seals,
        heading=seals.heading,
        body=seals.body.replace("Containers", "All containers"),
        base_version=seals.version,
        user=User.objects.get(username="facilitator"),
        reason="Edit",
    )


def everything(word_import, preview, username="member-au", **resolutions):
    return word_import_submit(
        user=User.objects.get(username=username),
        word_import=word_import,
        selected={i.ref for i in preview.proposals} | {i.ref for i in preview.comments},
        rationales={i.ref: "Our review." for i in preview.proposals},
        resolutions=resolutions,
        fingerprint=preview.fingerprint,
    )


def test_a_pdf_is_refused_with_the_readers_message(document):
    with pytest.raises(ValidationError, match="not a Word document"):
        upload(document, b"%PDF-1.7\n1 0 obj\n")


def test_tracked_insertion_comment_and_reply(document):
    data = review_file(document)
    data = edit.track_insert(
        data, paragraph_containing=SEALS, after="advance data", text=" and manifest"
    )
    data = add_comment(data, paragraph_containing=SEALS, quote="seal number", text="Which number?")
    data = add_comment(
        data, paragraph_containing=SEALS, quote="seal number", text="The ISO one.",
        author="Tom Other", reply_to=0,
    )  # fmt: skip
    wi = upload(document, data)
    preview = import_preview(wi)
    assert [i.kind for i in preview.proposals] == ["amend"]
    done = everything(wi, preview)
    assert done.status == WordImportStatus.SUBMITTED and "Jane Reviewer" in done.authors
    proposal = Proposal.objects.get(word_import=wi)
    assert "advance data and manifest" in proposal.proposed_body
    assert proposal.delegation.name == "Australia"
    thread = Comment.objects.get(word_import=wi, parent=None)
    assert thread.quote == "seal number" and "Which number?" in thread.body
    assert ["The ISO one." in r.body for r in thread.replies.all()] == [True]


def test_section_changed_meanwhile_merged_or_on_its_base(document):
    data = review_file(document)
    data = edit.track_insert(
        data, paragraph_containing=SEALS, after="advance data", text=" and manifest"
    )
    seals = Section.objects.get(key="seals")
    wi = upload(document, data)
    before = import_preview(wi)
    edit_in_tracker(seals)
    preview = import_preview(wi)
    with pytest.raises(ValidationError, match="changed since this preview"):
        everything(wi, before)
    item = preview.proposals[0]
    assert item.conflict is not None and item.conflict.clean
    everything(wi, preview, **{item.ref: "merged"})
    proposal = Proposal.objects.get(word_import=wi)
    assert "All containers" in proposal.proposed_body and "and manifest" in proposal.proposed_body
    assert not proposal.is_stale()


def test_conflict_on_its_base_is_stale(document):
    data = review_file(document)
    data = edit.track_insert(
        data, paragraph_containing=SEALS, after="advance data", text=" and manifest"
    )
    seals = Section.objects.get(key="seals")
    edit_in_tracker(seals)
    wi = upload(document, data)
    preview = import_preview(wi)
    everything(wi, preview, **{preview.proposals[0].ref: "base"})
    proposal = Proposal.objects.get(word_import=wi)
    assert proposal.is_stale() and "All containers" not in proposal.proposed_body


def test_imported_items_cost_no_query_each_on_the_section_page(document, client):
    """The "Imported from Word" note under each card and comment comes with the rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from guidelines.services.comments import comment_create
    from guidelines.services.proposals import proposal_create

    member = User.objects.get(username="member-au")
    word_import = upload(document, review_file(document))
    section = Section.objects.get(document=document, heading="Seals")
    client.force_login(member)
    url = f"/documents/{document.slug}/sections/{section.key}/"
    client.get(url)  # the document's structure read once, then cached

    def imported(n: int) -> int:
        for i in range(n):
            proposal_create(
                user=member, section=section, kind="amend", rationale="From Word.",
                heading=section.heading, body=f"{section.body} Added {i}.",
                word_import=word_import,
            )  # fmt: skip
            comment_create(user=member, section=section, body=f"Note {i}", word_import=word_import)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert "Imported from Word (au.docx" in response.content.decode()
        return len(queries)

    assert imported(1) == imported(3)
