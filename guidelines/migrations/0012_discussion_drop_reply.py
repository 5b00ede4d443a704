from django.db import migrations


class Migration(migrations.Migration):
    """Replies to proposals are comments now (moved by 0011): their tables go. Dropping a table
    sends no signal, so the guard on deleting history rows (signals.py) is not involved."""

    dependencies = [
        ("guidelines", "0011_discussion_move_replies"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalProposalReply"),
        migrations.DeleteModel(name="ProposalReply"),
    ]
