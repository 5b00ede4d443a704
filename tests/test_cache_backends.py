"""``BatchDatabaseCache.put``: one entry in one upsert (the API's encoded documents)."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_put_stores_and_replaces_an_entry_in_one_statement():
    cache = caches["rendered"]
    with CaptureQueriesContext(connection) as ctx:
        assert cache.put("slot", ("tag-1", b"first"))
    assert len(ctx.captured_queries) == 1 and "ON CONFLICT" in ctx.captured_queries[0]["sql"]
    assert cache.put("slot", ("tag-2", b"second"))
    assert cache.get("slot") == ("tag-2", b"second")
