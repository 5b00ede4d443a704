"""Migrations 0010-0012: replies to proposals become comment threads, with their dates, authors
and history (who, when, why), and come back as replies when migrating backwards."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from guidelines.models import Delegation, User
from guidelines.services.history import save_versioned

BEFORE = [("guidelines", "0009_merge_0008_audit_0008_notification_comment")]
AFTER = [("guidelines", "0012_discussion_drop_reply")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 3, 4, hour, minute, tzinfo=UTC)


def people():
    """Two delegations' members (tables unchanged by these migrations: today's models)."""
    made = {}
    for code, name in (("au", "Australia"), ("cn", "China")):
        delegation = save_versioned(Delegation(code=code, name=name), user=None, reason="Test")
        made[code] = User.objects.create(username=f"member-{code}", delegation=delegation)
    return made


def a_proposal(apps, author):
    """Made with the models as of migration 0009 (later migrations add columns to the
    document, section and proposal tables)."""
    document = apps.get_model("guidelines", "Document").objects.create(slug="doc", title="Doc")
    section = apps.get_model("guidelines", "Section").objects.create(
        document_id=document.pk, key="seals", heading="Seals", body="Text.", kind="section"
    )
    proposal = apps.get_model("guidelines", "Proposal")(
        document_id=document.pk, section_id=section.pk, kind="amend", author_id=author.pk,
        delegation_id=author.delegation_id, rationale="Why not", base_version=1,
        base_heading="Seals", base_body="Text.", proposed_heading="Seals", proposed_body="More.",
    )  # fmt: skip
    proposal.save()
    return proposal


@pytest.mark.django_db(transaction=True)
def test_replies_become_a_thread_with_their_history_and_come_back(transactional_db):
    old = migrate(BEFORE)
    users = people()
    au, cn = users["au"], users["cn"]
    proposal = a_proposal(old, cn)
    Reply = old.get_model("guidelines", "ProposalReply")
    HistoricalReply = old.get_model("guidelines", "HistoricalProposalReply")
    written = [  # (author, body, created_at): the second written is the earliest
        (au, "Australia agrees.", at(10)),
        (cn, "China thanks Australia.", at(9)),
        (au, "One more point.", at(11)),
    ]
    for author, body, when in written:
        reply = Reply.objects.create(proposal_id=proposal.pk, author_id=author.pk, body=body)
        Reply.objects.filter(pk=reply.pk).update(created_at=when)
        HistoricalReply.objects.create(
            id=reply.pk, proposal_id=proposal.pk, author_id=author.pk, body=body,
            created_at=when, history_date=when, history_user_id=author.pk,
            history_change_reason="Replied", history_type="+",
        )  # fmt: skip
    first = Reply.objects.get(body="Australia agrees.")
    HistoricalReply.objects.create(
        id=first.pk, proposal_id=proposal.pk, author_id=au.pk, body="Australia agrees.",
        created_at=at(10), history_date=at(12), history_user_id=None,
        history_change_reason="Tidied by an administrator", history_type="~",
    )  # fmt: skip

    new = migrate(AFTER)
    Comment = new.get_model("guidelines", "Comment")
    HistoricalComment = new.get_model("guidelines", "HistoricalComment")
    comments = list(Comment.objects.order_by("created_at", "id"))
    assert [(c.body, c.author_id, c.created_at) for c in comments] == [
        ("China thanks Australia.", cn.pk, at(9)),
        ("Australia agrees.", au.pk, at(10)),
        ("One more point.", au.pk, at(11)),
    ]
    root, *replies = comments
    assert root.parent_id is None and all(r.parent_id == root.pk for r in replies)
    assert {(c.proposal_id, c.section_id, c.document_id) for c in comments} == {
        (proposal.pk, proposal.section_id, proposal.document_id)
    }
    assert {c.section_version for c in comments} == {1}
    assert [c.delegation_id for c in comments] == [
        cn.delegation_id,
        au.delegation_id,
        au.delegation_id,
    ]
    agreed = next(c for c in comments if c.body == "Australia agrees.")
    history = list(
        HistoricalComment.objects.filter(id=agreed.pk)
        .order_by("history_date")
        .values_list("history_date", "history_user_id", "history_change_reason", "history_type")
    )
    assert history == [
        (at(10), au.pk, "Replied", "+"),
        (at(12), None, "Tidied by an administrator", "~"),
    ]
    assert HistoricalComment.objects.count() == 4
    assert HistoricalComment.objects.filter(id=root.pk).get().created_at == at(9)
    assert "guidelines_proposalreply" not in connection.introspection.table_names()

    old = migrate(BEFORE)
    Reply = old.get_model("guidelines", "ProposalReply")
    HistoricalReply = old.get_model("guidelines", "HistoricalProposalReply")
    back = list(Reply.objects.order_by("created_at", "id"))
    assert [(r.body, r.author_id, r.created_at, r.proposal_id) for r in back] == [
        ("China thanks Australia.", cn.pk, at(9), proposal.pk),
        ("Australia agrees.", au.pk, at(10), proposal.pk),
        ("One more point.", au.pk, at(11), proposal.pk),
    ]
    agreed = next(r for r in back if r.body == "Australia agrees.")
    reasons = HistoricalReply.objects.filter(id=agreed.pk).order_by("history_date")
    assert list(reasons.values_list("history_change_reason", flat=True)) == [
        "Replied",
        "Tidied by an administrator",
    ]
    assert not old.get_model("guidelines", "Comment").objects.exists()
    assert not old.get_model("guidelines", "HistoricalComment").objects.exists()

    migrate(latest())
