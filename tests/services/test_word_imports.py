"""The Word import's services: upload (on behalf of a delegation), submit all or nothing (the
fingerprint, rationales, conflicts merged or on their base, comments anchored or quoted,
replies, comments on an inserted passage), discard. The file's reading and its preview are
replaced by fixed values here (tests/views and the command test use real files)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guidelines.imports.types import (
    ERROR,
    CommentItem,
    Conflict,
    ImportPreview,
    Notice,
    ProposalItem,
    UnreadableFile,
    WordComment,
    WordFile,
)
from guidelines.models import Comment, Proposal, WordImport, WordImportStatus
from guidelines.selectors import word_imports as reads
from guidelines.services.sections import section_update
from guidelines.services.word_imports import (
    word_import_discard,
    word_import_submit,
    word_import_upload,
)
from tests.factories import DelegationFactory, DocumentFactory, SectionFactory, UserFactory

DATA = b"PK fake docx"


@pytest.fixture
def world(db):
    document = DocumentFactory()
    one = SectionFactory(document=document, heading="Scope", body="The scope is wide.")
    two = SectionFactory(document=document, heading="Risk", body="Assess the risk early.")
    three = SectionFactory(document=document, heading="Seals", body="Use seals on containers.")
    member = UserFactory(role="member")
    facilitator = UserFactory(role="facilitator", delegation=None)
    return {
        "document": document,
        "sections": (one, two, three),
        "member": member,
        "facilitator": facilitator,
    }


@pytest.fixture
def preview(monkeypatch):
    """Set the preview every reading of a file gives: preview.set(ImportPreview(...))."""

    class Holder:
        value = ImportPreview(filename="f.docx", document_slug="", version_set_label="Current")

        def set(self, value):
            self.value = value

    holder = Holder()
    monkeypatch.setattr(reads, "read_file", lambda data, name: WordFile(filename=name))
    monkeypatch.setattr(reads, "build", lambda document, word_file: holder.value)
    return holder


def amend(section, new_body, ref=None, **extra):
    return ProposalItem(
        ref=ref or f"amend-{section.pk}", kind="amend", section_id=section.pk, label="1",
        heading=section.heading, base_version=section.version, base_heading=section.heading,
        base_body=section.body, proposed_heading=section.heading, proposed_body=new_body,
        tracked=True, words_inserted=1, **extra,
    )  # fmt: skip


def upload(world, who="member", **kwargs):
    return word_import_upload(
        user=world[who], document=world["document"], filename="f.docx", data=DATA, **kwargs
    )


def submit(world, wi, preview, who="member", selected=None, rationales=None, **kwargs):
    refs = [i.ref for i in preview.proposals] + [i.ref for i in preview.comments]
    return word_import_submit(
        user=world[who],
        word_import=wi,
        selected=set(refs) if selected is None else selected,
        rationales=rationales
        if rationales is not None
        else {i.ref: "Because." for i in preview.proposals},
        resolutions=kwargs.pop("resolutions", {}),
        fingerprint=kwargs.pop("fingerprint", preview.fingerprint),
    )


def test_upload_stores_the_file_for_the_members_delegation(world, preview):
    wi = upload(world)
    assert (wi.delegation, wi.uploaded_by, wi.size) == (
        world["member"].delegation,
        world["member"],
        len(DATA),
    )
    assert bytes(WordImport.objects.get(pk=wi.pk).data) == DATA
    assert wi.status == WordImportStatus.WAITING and len(wi.sha256) == 64
    assert wi.history.first().history_user == world["member"]
    assert not Proposal.objects.exists()


def test_upload_refuses_an_unreadable_file_with_its_message(world, monkeypatch):
    def unreadable(data, name):
        raise UnreadableFile("This is a PDF renamed .docx.")

    monkeypatch.setattr(reads, "read_file", unreadable)
    with pytest.raises(ValidationError, match="PDF renamed"):
        upload(world)
    assert not WordImport.objects.exists()


def test_upload_refuses_a_file_over_the_limit_before_reading_it(world, monkeypatch, settings):
    settings.WORD_IMPORT_MAX_BYTES = 5
    monkeypatch.setattr(reads, "read_file", lambda *a: pytest.fail("read"))
    with pytest.raises(ValidationError, match="limit"):
        upload(world)


def test_on_behalf_of_a_delegation(world, preview):
    other = DelegationFactory()
    with pytest.raises(ValidationError, match="Choose the delegation"):
        upload(world, who="facilitator")
    wi = upload(world, who="facilitator", delegation=other)
    assert wi.delegation == other
    with pytest.raises(PermissionDenied):  # a member imports for their own delegation only
        upload(world, delegation=other)
    section = world["sections"][0]
    preview.set(ImportPreview("f.docx", "", "Current", proposals=(amend(section, "New."),)))
    submit(world, wi, preview.value, who="facilitator")
    proposal = Proposal.objects.get()
    assert (proposal.delegation, proposal.author, proposal.word_import) == (
        other, world["facilitator"], wi,
    )  # fmt: skip


def test_member_without_delegation_is_refused(world, preview):
    world["member"].delegation = None
    world["member"].save()
    with pytest.raises(ValidationError, match="not tied to a delegation"):
        upload(world)


def test_submit_creates_proposals_and_comments_and_records_the_authors(world, preview):
    one, two, three = world["sections"]
    reply = WordComment(id=2, author="Ann", text="Agreed.", parent=1)
    preview.set(
        ImportPreview(
            "f.docx", "", "Current",
            proposals=(amend(one, "The scope is narrow."),),
            comments=(
                CommentItem("comment-1", two.pk, "2", "Risk", "Too vague.", "Bob",
                            quote="the risk", quote_found=True, replies=(reply,)),
                CommentItem("comment-3", three.pk, "3", "Seals", "Which seals?", "Bob",
                            quote="seals on old containers", quote_found=False),
            ),
            authors=("Bob", "Ann"),
        )
    )  # fmt: skip
    wi = submit(world, upload(world), preview.value)
    wi = WordImport.objects.get(pk=wi.pk)
    assert wi.status == WordImportStatus.SUBMITTED and wi.authors == "Bob, Ann"
    assert wi.decided_at is not None
    proposal = Proposal.objects.get()
    assert (proposal.proposed_body, proposal.rationale) == ("The scope is narrow.", "Because.")
    anchored = Comment.objects.get(section=two, parent=None)
    assert anchored.quote == "the risk" and "Bob" in anchored.body
    assert anchored.word_import == wi and anchored.delegation == world["member"].delegation
    assert [r.body.split("\n")[0] for r in anchored.replies.all()] == ["Agreed."]
    quoted = Comment.objects.get(section=three)
    assert quoted.quote == "" and "« seals on old containers »" in quoted.body


def test_all_or_nothing(world, preview):
    """The third item fails (its text is the current text): nothing is created."""
    one, two, three = world["sections"]
    preview.set(
        ImportPreview(
            "f.docx", "", "Current",
            proposals=(amend(one, "New one."), amend(two, "New two."), amend(three, three.body)),
            comments=(CommentItem("comment-1", two.pk, "2", "Risk", "Hm.", "Bob"),),
        )
    )  # fmt: skip
    wi = upload(world)
    with pytest.raises(ValidationError, match="Seals"):
        submit(world, wi, preview.value)
    assert not Proposal.objects.exists() and not Comment.objects.exists()
    assert WordImport.objects.get(pk=wi.pk).status == WordImportStatus.WAITING


def test_fingerprint_refusal_when_the_preview_changed(world, preview):
    one = world["sections"][0]
    preview.set(ImportPreview("f.docx", "", "Current", proposals=(amend(one, "New."),)))
    shown = preview.value.fingerprint
    preview.set(ImportPreview("f.docx", "", "Current", proposals=(amend(one, "Newer."),)))
    with pytest.raises(ValidationError, match="changed since this preview"):
        submit(world, upload(world), preview.value, fingerprint=shown)
    assert not Proposal.objects.exists()


def test_blocking_preview_is_refused(world, preview):
    notice = Notice(ERROR, "This file is from another document.")
    preview.set(ImportPreview("f.docx", "", "Current", notices=(notice,)))
    with pytest.raises(ValidationError, match="cannot be imported"):
        submit(world, upload(world), preview.value)


def test_rationale_required_naming_the_section(world, preview):
    one, two, _ = world["sections"]
    preview.set(
        ImportPreview("f.docx", "", "Current", proposals=(amend(one, "A."), amend(two, "B.")))
    )
    items = preview.value.proposals
    with pytest.raises(ValidationError, match="Risk") as error:
        submit(
            world, upload(world), preview.value, rationales={items[0].ref: "Yes", items[1].ref: " "}
        )
    assert "Scope" not in str(error.value)
    assert not Proposal.objects.exists()


def test_unselected_items_are_not_created(world, preview):
    one, two, _ = world["sections"]
    preview.set(
        ImportPreview("f.docx", "", "Current", proposals=(amend(one, "A."), amend(two, "B.")))
    )
    first = preview.value.proposals[0].ref
    submit(world, upload(world), preview.value, selected={first}, rationales={first: "R"})
    assert Proposal.objects.get().section == one


def conflict_preview(world, merged_body):
    one = world["sections"][0]
    base = (one.version, one.heading, one.body)
    section_update(
        section=one, heading=one.heading, body="The scope is very wide.",
        base_version=one.version, user=world["facilitator"], reason="Edit",
    )  # fmt: skip
    one.refresh_from_db()
    conflict = Conflict(
        one.version, one.heading, one.body, one.heading if merged_body else None, merged_body
    )
    item = ProposalItem(
        ref="amend-1", kind="amend", section_id=one.pk, label="1", heading=one.heading,
        base_version=base[0], base_heading=base[1], base_body=base[2],
        proposed_heading=base[1], proposed_body="The scope is wide and deep.", conflict=conflict,
    )  # fmt: skip
    return one, base, ImportPreview("f.docx", "", "Current", proposals=(item,))


def test_conflict_merged_is_proposed_on_the_current_version(world, preview):
    one, _, value = conflict_preview(world, "The scope is very wide and deep.")
    preview.set(value)
    submit(world, upload(world), value, resolutions={"amend-1": "merged"})
    proposal = Proposal.objects.get()
    assert proposal.base_version == one.version
    assert proposal.proposed_body == "The scope is very wide and deep."
    assert not proposal.is_stale()


def test_conflict_base_is_a_stale_proposal_on_the_files_version(world, preview):
    one, base, value = conflict_preview(world, None)
    preview.set(value)
    wi = upload(world)
    with pytest.raises(ValidationError, match="choose"):
        submit(world, wi, value, resolutions={"amend-1": "merged"})  # no clean merge
    submit(world, wi, value, resolutions={"amend-1": "base"})
    proposal = Proposal.objects.get()
    assert (proposal.base_version, proposal.base_body) == (base[0], base[2])
    assert proposal.proposed_body == "The scope is wide and deep." and proposal.is_stale()


def test_a_comment_on_an_inserted_passage_joins_the_proposals_discussion(world, preview):
    one = world["sections"][0]
    item = amend(one, "The scope is wide. Very new words.")
    comment = CommentItem("comment-1", one.pk, "1", "Scope", "Why new?", "Bob",
                          quote="Very new words.", on_proposal=item.ref)  # fmt: skip
    preview.set(ImportPreview("f.docx", "", "Current", proposals=(item,), comments=(comment,)))
    submit(world, upload(world), preview.value)
    thread = Comment.objects.get()
    assert thread.proposal == Proposal.objects.get() and thread.quote == ""


def test_discard_and_no_second_submission(world, preview):
    wi = upload(world)
    word_import_discard(user=world["member"], word_import=wi)
    assert WordImport.objects.get(pk=wi.pk).status == WordImportStatus.DISCARDED
    with pytest.raises(ValidationError, match="discarded"):
        submit(world, wi, preview.value)


def test_only_the_uploader_or_the_facilitator_acts_on_an_import(world, preview):
    wi = upload(world)
    other = UserFactory(role="member")
    with pytest.raises(PermissionDenied):
        word_import_discard(user=other, word_import=wi)
    word_import_discard(user=world["facilitator"], word_import=wi)
