"""The Word import pages: upload (bad file message, on behalf of a delegation), the preview with
its submit form (re-shown with what was typed), discard, the results, the links on the
document page and the "Imported from Word" note. The file's reading is replaced by fixed
values (tests/e2e/test_word_import.py goes through a real file)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guidelines.imports.types import (
    WARNING,
    CommentItem,
    ImportPreview,
    Notice,
    ProposalItem,
    UnreadableFile,
    WordFile,
)
from guidelines.models import Delegation, Document, Proposal, Section, User, WordImport
from guidelines.selectors import word_imports as reads

SLUG = "iscm-guidelines"


@pytest.fixture
def fake(monkeypatch, seeded):
    section = Section.objects.get(key="risk-assessment")
    item = ProposalItem(
        ref=f"amend-{section.pk}", kind="amend", section_id=section.pk, label="2.1",
        heading=section.heading, base_version=section.version, base_heading=section.heading,
        base_body=section.body, proposed_heading=section.heading,
        proposed_body=section.body + "\n\nA new paragraph from Word.", tracked=True,
        words_inserted=5, rationale="From the Word comment",
    )  # fmt: skip
    comment = CommentItem(
        "comment-1", section.pk, "2.1", section.heading, "Please clarify.", "Bob Reviewer"
    )
    preview = ImportPreview(
        "review.docx", SLUG, "Current text", proposals=(item,), comments=(comment,),
        notices=(Notice(WARNING, "Some untracked edits were found."),), authors=("Bob Reviewer",),
    )  # fmt: skip
    monkeypatch.setattr(reads, "read_file", lambda data, name: WordFile(filename=name))
    monkeypatch.setattr(reads, "build", lambda document, word_file: preview)
    return preview


def new_url():
    return reverse("guidelines:word_import_new", kwargs={"slug": SLUG})


def upload(client, **extra):
    file = SimpleUploadedFile("review.docx", b"PK fake", content_type="application/octet-stream")
    return client.post(new_url(), {"file": file, **extra})


def test_document_page_links(client_for):
    page = client_for("member").get(reverse("guidelines:document_detail", kwargs={"slug": SLUG}))
    assert new_url().encode() in page.content
    assert reverse("guidelines:review_export", kwargs={"slug": SLUG}).encode() in page.content
    page = client_for("observer").get(reverse("guidelines:document_detail", kwargs={"slug": SLUG}))
    assert new_url().encode() not in page.content


def test_upload_page_offers_docx_and_the_delegation_only_to_the_facilitator(client_for):
    page = client_for("member").get(new_url()).content.decode()
    assert 'accept=".docx' in page and 'name="delegation"' not in page
    page = client_for("facilitator").get(new_url()).content.decode()
    assert 'name="delegation"' in page


def test_bad_file_reshows_the_form_with_the_message(client_for, monkeypatch):
    def unreadable(data, name):
        raise UnreadableFile("This file is a PDF, not a Word document.")

    monkeypatch.setattr(reads, "read_file", unreadable)
    response = upload(client_for("member"))
    assert response.status_code == 400
    assert "This file is a PDF, not a Word document." in response.content.decode()
    assert not WordImport.objects.exists()


def test_facilitator_must_choose_and_keeps_the_choice(client_for, fake):
    response = upload(client_for("facilitator"))
    assert response.status_code == 400 and not WordImport.objects.exists()
    delegation = Delegation.objects.order_by("name").last()
    response = upload(client_for("facilitator"), delegation=delegation.pk)
    assert response.status_code == 302
    assert WordImport.objects.get().delegation == delegation


def test_preview_then_submit(client_for, fake):
    client = client_for("member")
    response = upload(client)
    preview_url = response["Location"]
    page = client.get(preview_url).content.decode()
    assert "Some untracked edits were found." in page and "word-notice--warning" in page
    assert "From the Word comment" in page and "Please clarify." in page and "Bob Reviewer" in page
    assert fake.fingerprint in page and "<ins" in page
    wi = WordImport.objects.get()
    submit_url = reverse("guidelines:word_import_submit", kwargs={"slug": SLUG, "pk": wi.pk})
    item = fake.proposals[0]
    typed = {
        "fingerprint": fake.fingerprint,
        f"select-{item.ref}": "on",
        f"rationale-{item.ref}": "",
        "select-comment-1": "on",
    }
    refused = client.post(submit_url, typed)
    assert refused.status_code == 400 and "Give a rationale" in refused.content.decode()
    assert not Proposal.objects.filter(word_import=wi).exists()
    typed[f"rationale-{item.ref}"] = "Typed rationale"
    stale = client.post(submit_url, {**typed, "fingerprint": "old"})
    assert stale.status_code == 400 and "Typed rationale" in stale.content.decode()
    assert "changed since this preview" in stale.content.decode()
    done = client.post(submit_url, typed)
    assert done.status_code == 302
    proposal = Proposal.objects.get(word_import=wi)
    assert proposal.rationale == "Typed rationale"
    result = client.get(preview_url).content.decode()
    assert reverse("guidelines:proposal_detail", kwargs={"slug": SLUG, "pk": proposal.pk}) in result
    page = client.get(
        reverse("guidelines:proposal_detail", kwargs={"slug": SLUG, "pk": proposal.pk})
    )
    assert (
        "Imported from Word (review.docx; authors in the file: Bob Reviewer)"
        in page.content.decode()
    )


def test_someone_elses_import_is_not_found(client_for, fake):
    upload(client_for("member"))
    wi = WordImport.objects.get()
    url = reverse("guidelines:word_import_detail", kwargs={"slug": SLUG, "pk": wi.pk})
    other = User.objects.filter(groups__name="member").exclude(pk=wi.uploaded_by_id).first()
    from tests.conftest import login_client

    assert login_client(other.username).get(url).status_code == 404
    assert client_for("facilitator").get(url).status_code == 200
    assert client_for("observer").get(url).status_code == 403


def test_discard(client_for, fake):
    client = client_for("member")
    upload(client)
    wi = WordImport.objects.get()
    url = reverse("guidelines:word_import_discard", kwargs={"slug": SLUG, "pk": wi.pk})
    assert client.post(url).status_code == 302
    assert WordImport.objects.get().status == "discarded"
    assert Document.objects.get(slug=SLUG).proposals.filter(word_import=wi).count() == 0


def test_a_pdf_renamed_docx_gets_the_readers_message(client_for):
    file = SimpleUploadedFile("review.docx", b"%PDF-1.7\n1 0 obj\n", content_type="application/pdf")
    response = client_for("member").post(new_url(), {"file": file})
    assert response.status_code == 400
    assert "not a Word document" in response.content.decode()
    assert not WordImport.objects.exists()
