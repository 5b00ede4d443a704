import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A comment may belong to a proposal's discussion (``Comment.proposal``)."""

    dependencies = [
        ("guidelines", "0009_merge_0008_audit_0008_notification_comment"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="proposal",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="comments",
                to="guidelines.proposal",
                verbose_name="proposal",
            ),
        ),
        migrations.AddField(
            model_name="historicalcomment",
            name="proposal",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="guidelines.proposal",
                verbose_name="proposal",
            ),
        ),
    ]
