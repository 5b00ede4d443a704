"""manage.py import_docx: the preview printed, --submit through the services, clear errors. The
file's reading is replaced by a fixed preview here (the e2e test reads a real file)."""

import pytest
from django.core.management import CommandError, call_command

from guidelines.imports.types import (
    CommentItem,
    Conflict,
    ImportPreview,
    ProposalItem,
    UnreadableFile,
    WordFile,
)
from guidelines.models import Comment, Delegation, Proposal, Section, WordImport
from guidelines.selectors import word_imports as reads

SLUG = "iscm-guidelines"


@pytest.fixture
def fake(monkeypatch, seeded, tmp_path):
    seals = Section.objects.get(key="seals")
    risk = Section.objects.get(key="risk-assessment")
    amend = ProposalItem(
        ref="amend-1", kind="amend", section_id=seals.pk, label="3.1", heading="Seals",
        base_version=seals.version, base_heading=seals.heading, base_body=seals.body,
        proposed_heading=seals.heading, proposed_body=seals.body + "\n\nMore.", tracked=True,
        words_inserted=1,
    )  # fmt: skip
    stale = ProposalItem(
        ref="amend-2", kind="amend", section_id=risk.pk, label="2.1", heading=risk.heading,
        base_version=risk.version, base_heading=risk.heading, base_body="Old text.",
        proposed_heading=risk.heading, proposed_body="Old text, changed.", untracked=True,
        words_inserted=1, rationale="From a Word comment",
        conflict=Conflict(risk.version, risk.heading, risk.body, None, None),
    )  # fmt: skip
    comment = CommentItem(
        "comment-0", seals.pk, "3.1", "Seals", "Why?", "Jane", "seal number", True
    )
    preview = ImportPreview(
        "au.docx", SLUG, "Current text", proposals=(amend, stale), comments=(comment,),
        authors=("Jane",),
    )  # fmt: skip
    monkeypatch.setattr(reads, "read_file", lambda data, name: WordFile(filename=name))
    monkeypatch.setattr(reads, "build", lambda document, word_file: preview)
    path = tmp_path / "au.docx"
    path.write_bytes(b"PK fake")
    return path


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_docx", *args, stdout=out)
    return out.getvalue()


def test_prints_the_preview_and_creates_nothing(fake):
    out = run(SLUG, str(fake), "--delegation", "Australia")
    assert "amend 3.1 Seals: +1 -0 words (tracked)" in out
    assert "(untracked)" in out and "conflict: now version" in out and "no clean merge" in out
    assert "comment on 3.1 Seals by Jane: quote found" in out
    assert not WordImport.objects.exists() and not Proposal.objects.filter(
        word_import__isnull=False
    )


def test_submit_creates_everything_for_the_delegation(fake):
    out = run(SLUG, str(fake), "--delegation", "Australia", "--submit")
    assert "Recorded as: secretariat" in out and "2 proposal(s), 1 comment(s)" in out
    australia = Delegation.objects.get(name="Australia")
    made = Proposal.objects.filter(word_import__isnull=False).order_by("pk")
    assert {p.delegation for p in made} == {australia}
    assert [p.rationale for p in made] == ["Imported from Word: au.docx", "From a Word comment"]
    assert made[1].base_body == "Old text."  # no clean merge: on the file's version
    assert Comment.objects.get(word_import__isnull=False).quote == "seal number"


def test_user_option(fake):
    out = run(SLUG, str(fake), "--delegation", "Australia", "--submit", "--user", "facilitator")
    assert "Recorded as: facilitator" in out
    assert (
        Proposal.objects.filter(word_import__isnull=False).first().author.username == "facilitator"
    )


def test_clear_errors(fake, monkeypatch):
    with pytest.raises(CommandError, match="No document"):
        run("nope", str(fake), "--delegation", "Australia")
    with pytest.raises(CommandError, match="No delegation"):
        run(SLUG, str(fake), "--delegation", "Atlantis")
    with pytest.raises(CommandError, match="No such file"):
        run(SLUG, str(fake) + ".missing", "--delegation", "Australia")

    def unreadable(data, name):
        raise UnreadableFile("Not a Word document.")

    monkeypatch.setattr(reads, "read_file", unreadable)
    with pytest.raises(CommandError, match="au.docx: Not a Word document."):
        run(SLUG, str(fake), "--delegation", "Australia")


def test_a_real_file_from_the_export(seeded, tmp_path):
    from guidelines.models import Document
    from tests.imports import edit
    from tests.imports.edit_comments import review_file

    data = review_file(Document.objects.get(slug=SLUG))
    data = edit.track_delete(
        data, paragraph_containing="When the export office identifies", words="any "
    )
    path = tmp_path / "cn.docx"
    path.write_bytes(data)
    out = run(SLUG, str(path), "--delegation", "China")
    assert "amend" in out and "-1 words (tracked)" in out
    out = run(SLUG, str(path), "--delegation", "China", "--submit", "--user", "member-cn")
    assert "Submitted for China: 1 proposal(s), 0 comment(s)." in out
    proposal = Proposal.objects.get(word_import__isnull=False)
    assert "any examination" not in proposal.proposed_body
    assert proposal.rationale == "Imported from Word: cn.docx"
    # The same file again: refused, and nothing is left waiting.
    with pytest.raises(CommandError, match="imported already"):
        run(SLUG, str(path), "--delegation", "China", "--submit", "--user", "member-cn")
    assert WordImport.objects.count() == 1


def test_a_refused_submission_leaves_no_import_waiting(seeded, tmp_path):
    from guidelines.models import Document
    from tests.imports import edit
    from tests.imports.edit_comments import review_file

    data = review_file(Document.objects.get(slug=SLUG))
    data = edit.track_delete(
        data, paragraph_containing="When the export office identifies", words="any "
    )
    path = tmp_path / "cn.docx"
    path.write_bytes(data)
    # A member of China may not import for Australia: a clear error, no traceback, no import.
    with pytest.raises(CommandError, match="may not import for Australia"):
        run(SLUG, str(path), "--delegation", "Australia", "--submit", "--user", "member-cn")
    assert not WordImport.objects.exists()
