"""Every reply to a proposal becomes a comment of the proposal's discussion.

Forward, per proposal: the first reply (by created_at, then id) becomes the thread's starter, the
others its replies, with their author, body and created_at; the delegation is the author's at
the time of the migration, the version the proposal's ``base_version``. Each history row of a
reply becomes a history row of its comment with the same date, user, reason and type, so who,
when and why survive.

Backward: the comments of proposals (except those hidden by the secretariat or deleted by their
authors, whose text must not come back into view) become replies again, in the order they were
written, with their history; the comments of proposals and their history rows are then removed.
Threads, resolution and edit times do not exist for replies and are lost.
"""

from django.db import migrations

HISTORY_FIELDS = ("history_date", "history_user_id", "history_change_reason", "history_type")


def _by_proposal(rows) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(row.proposal_id, []).append(row)
    return grouped


def replies_to_comments(apps, schema_editor):
    Reply = apps.get_model("guidelines", "ProposalReply")
    Comment = apps.get_model("guidelines", "Comment")
    HistoricalReply = apps.get_model("guidelines", "HistoricalProposalReply")
    HistoricalComment = apps.get_model("guidelines", "HistoricalComment")
    replies = Reply.objects.select_related("proposal", "author").order_by("created_at", "id")
    new_ids: dict[int, object] = {}  # reply id -> its comment
    for proposal_replies in _by_proposal(replies).values():
        root = None
        for reply in proposal_replies:
            proposal = reply.proposal
            comment = Comment.objects.create(
                document_id=proposal.document_id,
                section_id=proposal.section_id,
                proposal_id=proposal.pk,
                parent=root,
                author_id=reply.author_id,
                delegation_id=reply.author.delegation_id,
                body=reply.body,
                section_version=proposal.base_version,
            )
            # created_at is auto_now_add: the INSERT stamped the present; an UPDATE keeps the value
            Comment.objects.filter(pk=comment.pk).update(created_at=reply.created_at)
            comment.created_at = reply.created_at
            new_ids[reply.pk] = comment
            root = root or comment
    history = []
    for row in HistoricalReply.objects.order_by("history_id"):
        comment = new_ids.get(row.id)
        if comment is None:
            continue  # a reply deleted for good (nothing in the app does that): nothing to attach
        history.append(
            HistoricalComment(
                id=comment.pk,
                document_id=comment.document_id,
                section_id=comment.section_id,
                proposal_id=comment.proposal_id,
                parent_id=comment.parent_id,
                author_id=row.author_id,
                delegation_id=comment.delegation_id,
                body=row.body,
                section_version=comment.section_version,
                created_at=row.created_at,
                **{name: getattr(row, name) for name in HISTORY_FIELDS},
            )
        )
    HistoricalComment.objects.bulk_create(history, batch_size=500)


def comments_to_replies(apps, schema_editor):
    Reply = apps.get_model("guidelines", "ProposalReply")
    Comment = apps.get_model("guidelines", "Comment")
    Notification = apps.get_model("guidelines", "Notification")
    HistoricalReply = apps.get_model("guidelines", "HistoricalProposalReply")
    HistoricalComment = apps.get_model("guidelines", "HistoricalComment")
    comments = Comment.objects.filter(proposal__isnull=False)
    new_ids: dict[int, int] = {}  # comment id -> reply id
    for comment in comments.filter(is_hidden=False, is_deleted=False).order_by("created_at", "id"):
        reply = Reply.objects.create(
            proposal_id=comment.proposal_id, author_id=comment.author_id, body=comment.body
        )
        Reply.objects.filter(pk=reply.pk).update(created_at=comment.created_at)
        new_ids[comment.pk] = reply.pk
    history = HistoricalComment.objects.filter(proposal__isnull=False).order_by("history_id")
    HistoricalReply.objects.bulk_create(
        [
            HistoricalReply(
                id=new_ids[row.id],
                proposal_id=row.proposal_id,
                author_id=row.author_id,
                body=row.body,
                created_at=row.created_at,
                **{name: getattr(row, name) for name in HISTORY_FIELDS},
            )
            for row in history
            if row.id in new_ids
        ],
        batch_size=500,
    )
    # History rows are append-only for the application (a pre_delete guard in signals.py); a
    # raw delete sends no signal: this is the one place that undoes the forward move.
    history._raw_delete(schema_editor.connection.alias)
    Notification.objects.filter(comment__in=comments).update(comment=None)
    comments.filter(parent__isnull=False).delete()
    comments.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("guidelines", "0010_discussion"),
    ]

    operations = [
        migrations.RunPython(replies_to_comments, comments_to_replies),
    ]
