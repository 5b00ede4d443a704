import json

from guidelines.models import Document, Section
from guidelines.selectors.backup import FORMAT, VERSION, checksum, document_backup
from tests.services.backup_checks import SLUG, add_activity


def test_the_backup_names_people_delegations_and_standards_by_their_natural_keys(seeded):
    payload = document_backup(Document.objects.get(slug=SLUG))
    assert (payload["format"], payload["version"]) == (FORMAT, VERSION)
    assert payload["migration"].startswith("00")
    assert {u["username"] for u in payload["users"]} >= {"facilitator", "member-au"}
    facilitator = next(u for u in payload["users"] if u["username"] == "facilitator")
    assert facilitator["role"] == "facilitator"
    assert facilitator["delegation"] in {d["code"] for d in payload["delegations"]}
    mapping = payload["mappings"][0]
    pillar, number = mapping["standard"]
    assert number in {
        s["number"] for p in payload["safe"] if p["number"] == pillar for s in p["standards"]
    }
    accepted = [p for p in payload["proposals"] if p["status"] == "accepted"]
    assert accepted and accepted[0]["author"] == "member-au"
    assert accepted[0]["decided_by"] == "facilitator"
    json.dumps(payload)  # plain JSON all through


def test_every_history_row_is_kept_in_the_order_it_was_written(seeded):
    add_activity()
    document = Document.objects.get(slug=SLUG)
    payload = document_backup(document)
    stored = list(
        Section.history.filter(document_id=document.pk)
        .order_by("history_id")
        .values_list("history_change_reason", "history_type", "history_user__username")
    )
    assert [
        (r["history_change_reason"], r["history_type"], r["history_user"])
        for r in payload["sections_history"]
    ] == stored
    assert "history_id" not in payload["sections_history"][0]
    by_proposal = [r for r in payload["sections_history"] if r["proposal"]]
    assert by_proposal, "the version made by accepting a proposal names it"
    assert by_proposal[0]["proposal"] in {p["id"] for p in payload["proposals"]}
    on_proposals = [c for c in payload["comments"] if c["proposal"]]
    # the demo's thread with the facilitator's reply, and a thread with a reply in add_activity
    assert len(on_proposals) == 4
    assert {c["proposal"] for c in on_proposals} <= {p["id"] for p in payload["proposals"]}
    assert "proposal_replies" not in payload
    hidden = next(c for c in payload["comments"] if c["is_hidden"])
    assert hidden["quote"] == "Locks are checked at loading."
    assert payload["export_jobs"][0]["requested_by"] == "secretariat"


def test_the_checksum_covers_every_value(seeded):
    payload = document_backup(Document.objects.get(slug=SLUG))
    assert payload["checksum"] == checksum(payload)
    payload["sections"][0]["body"] += "."
    assert payload["checksum"] != checksum(payload)


def test_a_proposal_comments_history_row_names_its_proposal(seeded):
    """The attribution hook in signals.py sets the extra ``proposal`` column of section history;
    it must not blank the proposal of a comment of a proposal's discussion."""
    from guidelines.models import Comment

    comments = Comment.objects.filter(proposal__isnull=False)  # the demo's thread and reply
    assert len(comments) == 2
    for comment in comments:
        history = list(comment.history.values_list("proposal_id", flat=True))
        assert history == [comment.proposal_id]
