import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_runs_on_the_database_that_database_url_names():
    """Guards CI: the PostgreSQL run must really use PostgreSQL, the default run SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres", "postgresql")) else "sqlite"
    assert connection.vendor == expected
