"""Restore in the test process: replacing a document by its own backup gives it back identically,
and every refusal writes nothing. The restore into an empty database, in real processes, is in
tests/test_backup_commands.py."""

import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from guidelines.models import Document, ExportJob, User
from guidelines.selectors.backup import checksum, document_backup
from guidelines.services.backup import backup_parse, document_restore
from tests.services.backup_checks import SLUG, add_activity, fingerprint


def database_state() -> dict[str, int]:
    """Rows per table of the app (history tables included), users and groups."""
    counts = {
        m._meta.label: m.objects.count() for m in apps.get_app_config("guidelines").get_models()
    }
    return counts | {"groups": Group.objects.count()}


def backup_text() -> str:
    return json.dumps(document_backup(Document.objects.get(slug=SLUG)))


def restore(tmp_path, text: str, *extra: str) -> None:
    path = tmp_path / "backup.json"
    path.write_text(text, encoding="utf-8")
    call_command("restore_document", str(path), *extra)


def resealed(text: str, change) -> str:
    """The backup edited by ``change`` with a matching checksum (so only the change counts)."""
    payload = json.loads(text)
    change(payload)
    payload["checksum"] = checksum(payload)
    return json.dumps(payload)


def test_replacing_a_document_by_its_backup_gives_it_back_identically(seeded, tmp_path):
    add_activity()
    before, state = fingerprint(), database_state()
    assert state["guidelines.Disposition"] > 0  # the demo's phase-two dispositions too
    text = backup_text()
    restore(tmp_path, text, "--replace")
    assert fingerprint() == before
    assert database_state() == state  # not one history row more or less


def test_an_unfinished_export_job_comes_back_failed_and_no_job_keeps_a_file(seeded):
    add_activity()
    document = Document.objects.get(slug=SLUG)
    ExportJob.objects.create(
        document=document, key="q" * 64, fmt="docx", variant="clean", language="fr",
        filename="queued", status="queued",
    )  # fmt: skip
    document_restore(payload=backup_parse(backup_text()), replace=True)
    jobs = {j.filename: j for j in ExportJob.objects.filter(document__slug=SLUG)}
    assert jobs["queued"].status == "failed" and jobs["queued"].language == "fr"
    assert jobs["draft"].status == "done" and jobs["draft"].size == 1234
    assert {j.file for j in jobs.values()} == {""}


@pytest.mark.parametrize(
    ("spoil", "why"),
    [
        (lambda text: text[: len(text) // 2], "not a complete backup file"),
        (lambda text: text.replace("assess risk", "assess the risk", 1), "checksum mismatch"),
        (lambda text: resealed(text, lambda p: p.update(version=2)), "format version 2, newer"),
        (
            lambda text: resealed(text, lambda p: p.update(migration="9999_future")),
            "newer version of ISCM Tracker",
        ),
        (lambda text: "", "not a complete backup file"),
        (lambda text: text, "exists already (use --replace"),
    ],
    ids=["truncated", "edited", "newer-format", "newer-schema", "empty", "slug-exists"],
)
def test_a_refused_restore_says_why_in_one_line_and_writes_nothing(seeded, tmp_path, spoil, why):
    add_activity()
    text = backup_text()
    before, state = fingerprint(), database_state()
    with pytest.raises(CommandError) as refused:
        restore(tmp_path, spoil(text))
    message = str(refused.value)
    assert message.startswith("refused: ") and why in message and "\n" not in message
    assert database_state() == state
    assert fingerprint() == before


def test_a_restore_failing_half_way_leaves_everything_as_it_was(seeded, tmp_path):
    """The working document's reference is unique site-wide: restoring the backup next to the
    document it came from fails late, after users, sections and history were inserted."""
    add_activity()
    text = backup_text()
    Document.objects.filter(slug=SLUG).update(slug="the-original")
    state = database_state()
    with pytest.raises(CommandError, match=r"^refused: the backup conflicts with this database"):
        restore(tmp_path, text)
    assert database_state() == state
    assert not Document.objects.filter(slug=SLUG).exists()


def test_a_failed_replace_keeps_the_old_document(seeded, tmp_path):
    add_activity()
    before, state = fingerprint(), database_state()

    def unknown_standard(payload):
        payload["mappings"][0]["standard"] = [99, 99]

    with pytest.raises(CommandError, match=r"^refused: the backup file is inconsistent"):
        restore(tmp_path, resealed(backup_text(), unknown_standard), "--replace")
    assert database_state() == state
    assert fingerprint() == before


def test_existing_users_are_matched_by_username_and_left_as_they_are(seeded, tmp_path):
    text = backup_text()
    member = User.objects.get(username="member-au")
    member.first_name = "Renamed"
    member.save()
    restore(tmp_path, text, "--replace")
    member = User.objects.get(username="member-au")
    assert member.first_name == "Renamed" and member.is_active and member.has_usable_password()
    assert User.objects.filter(username="member-au").count() == 1


def test_backup_document_refuses_an_unknown_slug_and_writes_the_file_whole(seeded, tmp_path):
    with pytest.raises(CommandError, match="no document 'nope'"):
        call_command("backup_document", "nope", "--output", str(tmp_path / "nope.json"))
    assert not list(tmp_path.iterdir())
    call_command("backup_document", SLUG, "--output", str(tmp_path / "iscm.json"))
    assert [p.name for p in tmp_path.iterdir()] == ["iscm.json"]  # no partial file left
    assert backup_parse((tmp_path / "iscm.json").read_text())["document"]["slug"] == SLUG


def test_a_backup_from_before_proposal_threads_brings_its_replies_back_as_threads(seeded):
    """A file with ``proposal_replies`` (written before migration 0011) restores them as the
    migration moved them: per proposal, the first reply starts a thread, the others answer."""
    from guidelines.models import Comment

    add_activity()
    on_proposals = Comment.objects.filter(proposal__isnull=False).order_by("created_at", "id")
    expected = [
        (c.proposal.rationale, c.author.username, c.body, c.created_at) for c in on_proposals
    ]

    def as_old_file(payload):
        ids = {c["id"] for c in payload["comments"] if c["proposal"]}
        fields = ("id", "proposal", "author", "body", "created_at")
        history = ("history_date", "history_user", "history_change_reason", "history_type")
        payload["proposal_replies"] = [
            {k: c[k] for k in fields} for c in payload["comments"] if c["id"] in ids
        ]
        payload["proposal_replies_history"] = [
            {k: c[k] for k in fields + history}
            for c in payload["comments_history"]
            if c["id"] in ids
        ]
        payload["comments"] = [c for c in payload["comments"] if c["id"] not in ids]
        payload["comments_history"] = [c for c in payload["comments_history"] if c["id"] not in ids]

    document_restore(payload=backup_parse(resealed(backup_text(), as_old_file)), replace=True)
    restored = Comment.objects.filter(proposal__isnull=False).order_by("created_at", "id")
    assert [
        (c.proposal.rationale, c.author.username, c.body, c.created_at) for c in restored
    ] == expected
    for comment in restored:
        first = restored.filter(proposal=comment.proposal).first()
        assert comment.parent_id == (None if comment == first else first.pk)
        assert comment.delegation == comment.author.delegation
        reasons = list(comment.history.values_list("history_change_reason", flat=True))
        assert reasons and set(reasons) <= {"Commented", "Replied"}
