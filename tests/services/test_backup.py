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


def _decide_dispositions() -> None:
    """Phase-two dispositions: one from an accepted proposal, one set directly then changed."""
    from guidelines.models import Proposal, Section, Standard
    from guidelines.selectors.phase_two import disposition_version
    from guidelines.selectors.versions import decision_versions
    from guidelines.services.phase_two import disposition_set
    from guidelines.services.proposals import proposal_accept, proposal_create

    users = {u.username: u for u in User.objects.all()}
    leaves = list(
        Section.objects.live()
        .filter(document__slug=SLUG, children__isnull=True)
        .exclude(key="seals")
        .order_by("position", "key")[:2]
    )
    aei = Standard.objects.get(pillar__number=1, number=6)
    proposal = proposal_create(
        user=users["member-au"], section=leaves[0], kind="dispose", rationale="Framework's",
        disposition="integrate", standard=aei, integrate_as="spec",
    )  # fmt: skip
    versions = decision_versions(proposal, leaves[0])
    proposal_accept(
        proposal=Proposal.objects.get(pk=proposal.pk),
        user=users["facilitator"],
        expected_version=versions["section_version"],
        expected_disposition=versions.get("disposition_version"),
    )
    facilitator, second = users["facilitator"], leaves[1]
    disposition_set(
        section=second, disposition="discuss", user=facilitator, reason="Not sure yet",
        expected_version=disposition_version(second),
    )  # fmt: skip
    disposition_set(
        section=second, disposition="delete", duplicate_of=leaves[0], note="Same words.",
        user=facilitator, reason="Decided at the meeting",
        expected_version=disposition_version(second),
    )  # fmt: skip


def _dispositions() -> list:
    from guidelines.models import Disposition

    return [
        (d.section.key, d.disposition, d.integrate_as, d.standard and d.standard.code,
         d.duplicate_of and d.duplicate_of.key, d.note, d.proposal and d.proposal.rationale,
         d.decided_by.username, d.decided_at.isoformat(),
         [(h.disposition, h.duplicate_of_id == d.duplicate_of_id, h.history_change_reason,
           h.history_user.username, h.history_date.isoformat())
          for h in d.history.order_by("history_id")])
        for d in Disposition.objects.filter(section__document__slug=SLUG).order_by("section__key")
    ]  # fmt: skip


def test_dispositions_are_backed_up_and_a_replace_restores_them_with_their_history(
    seeded, tmp_path
):
    add_activity()
    _decide_dispositions()
    before, dispositions, state = fingerprint(), _dispositions(), database_state()
    assert len(dispositions) > 2  # the demo's and the two decided here
    assert sum(len(d[-1]) for d in dispositions) > len(dispositions)  # a changed one's history
    text = backup_text()
    assert len(json.loads(text)["dispositions"]) == len(dispositions)
    restore(tmp_path, text, "--replace")  # was refused: the dispositions protect the sections
    assert _dispositions() == dispositions
    assert fingerprint() == before
    assert database_state() == state


def test_a_backup_from_before_phase_two_restores_without_dispositions(seeded, tmp_path):
    from guidelines.models import Disposition

    def as_old_file(payload):
        del payload["dispositions"], payload["dispositions_history"]

    text = resealed(backup_text(), as_old_file)
    _decide_dispositions()
    restore(tmp_path, text, "--replace")
    assert not Disposition.objects.filter(section__document__slug=SLUG).exists()
