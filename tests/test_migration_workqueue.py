"""0014_workqueue: notifications written before the bell existed count as read (no one's bell
floods with old news) and stay e-mails."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("guidelines", "0013_rounds")]
AFTER = [("guidelines", "0014_workqueue")]


@pytest.mark.django_db(transaction=True)
def test_existing_notifications_are_read_and_remain_emails():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("guidelines", "User").objects.create(username="old-timer")
    old.get_model("guidelines", "Notification").objects.create(
        recipient=user, subject="Before the bell", body=""
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    row = new.get_model("guidelines", "Notification").objects.get(subject="Before the bell")
    assert row.read_at == row.created_at and row.by_email
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to the latest for other tests
