"""0017_frdocs: working documents written before the French edition get their date (and the French
place, for Brussels) from the free-text place and date; what cannot be read stays empty."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("guidelines", "0016_section_translations")]
AFTER = [("guidelines", "0017_frdocs")]


@pytest.mark.django_db(transaction=True)
def test_existing_dates_are_read_where_possible():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    document = old.get_model("guidelines", "Document").objects.create(slug="old-doc", title="Old")
    WorkingDocument = old.get_model("guidelines", "WorkingDocument")
    for reference, place_date in (("PC0001E1", "Brussels, 21 September 2017."),
                                  ("PC0002E1", "Somewhere, some day")):  # fmt: skip
        WorkingDocument.objects.create(
            document=document, reference=reference, place_date=place_date, title="T",
            agenda_item="Item I", cover_note="# A\n\nB",
        )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("guidelines", "WorkingDocument")
    read = new.objects.get(reference="PC0001E1")
    assert (read.date, read.place_fr) == (datetime.date(2017, 9, 21), "Bruxelles")
    unread = new.objects.get(reference="PC0002E1")
    assert (unread.date, unread.place_fr) == (None, "")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to the latest for other tests
