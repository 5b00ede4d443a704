"""Django's database cache with batch writes, for the rendered sections' cache (``CACHES
["rendered"]``, see rendering/render_cache.py).

Django's ``DatabaseCache.set_many`` stores key by key: a ``COUNT(*)``, a ``SELECT`` and an
``INSERT`` or ``UPDATE`` in a savepoint for each, so filling the cache for a 3,000-section
document took 12,000 queries. Here ``set_many`` is one count and one upsert per 500 entries
(``INSERT … ON CONFLICT DO UPDATE``: PostgreSQL and SQLite), rows in key order so that two
processes storing the same texts at once wait for each other instead of deadlocking; and
``get_many`` reads in as many statements as the database's parameter limit needs (one on
PostgreSQL; SQLite, 999 parameters, one per 999 keys). Everything else is Django's (the table
from ``createcachetable``, expiry, culling past ``MAX_ENTRIES``); other databases get Django's
own ``set_many``.
"""

import base64
import logging
import pickle
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router, transaction
from django.utils.timezone import now as tz_now

log = logging.getLogger(__name__)
ROWS_PER_STATEMENT = 500
_UPSERT_VENDORS = {"postgresql", "sqlite"}


class BatchDatabaseCache(DatabaseCache):
    def get_many(self, keys, version=None):
        keys = list(keys)
        connection = connections[router.db_for_read(self.cache_model_class)]
        size = connection.features.max_query_params or len(keys) or 1
        found = {}
        for start in range(0, len(keys), size):
            found.update(super().get_many(keys[start : start + size], version=version))
        return found

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        if not data or connection.vendor not in _UPSERT_VENDORS:
            return super().set_many(data, timeout=timeout, version=version)
        expires = connection.ops.adapt_datetimefield_value(self._expiry(timeout))
        rows = sorted(
            (self.make_and_validate_key(key, version=version), self._encoded(value))
            for key, value in data.items()
        )
        quote = connection.ops.quote_name
        table, key, value, expiry = (
            quote(n) for n in (self._table, "cache_key", "value", "expires")
        )
        try:
            # In a savepoint, failing quietly as Django's own writes do: a cache that cannot be
            # written (a lock timeout, a cull racing an upsert) costs a render next time, never
            # the page, nor the transaction the caller is in.
            with transaction.atomic(using=db), connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608  (our table name)
                count = cursor.fetchone()[0]
                if count > self._max_entries:
                    self._cull(db, cursor, tz_now().replace(microsecond=0), count)
                for start in range(0, len(rows), ROWS_PER_STATEMENT):
                    chunk = rows[start : start + ROWS_PER_STATEMENT]
                    cursor.execute(
                        f"INSERT INTO {table} ({key}, {value}, {expiry}) VALUES "  # noqa: S608
                        + ", ".join(["(%s, %s, %s)"] * len(chunk))
                        + f" ON CONFLICT ({key}) DO UPDATE SET {value} = excluded.{value}, "
                        f"{expiry} = excluded.{expiry}",
                        [param for k, v in chunk for param in (k, v, expires)],
                    )
        except DatabaseError:
            return list(data)  # not stored
        return []

    def put(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        """Store one entry in one statement (an upsert): no count, no cull, no savepoint. For a
        few large entries whose number is bounded by their keys (the API's encoded documents,
        api/response_cache.py: one per document, language and address); the table's bound is
        kept by ``set_many``'s counts. A failure is ``False`` (inside a transaction, as for
        Django's own ``get``, it is the caller's to roll back). Other databases: ``set``."""
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        if connection.vendor not in _UPSERT_VENDORS:
            return self.set(key, value, timeout=timeout, version=version) is not False
        quote = connection.ops.quote_name
        table, key_, value_, expiry = (
            quote(n) for n in (self._table, "cache_key", "value", "expires")
        )
        params = (
            self.make_and_validate_key(key, version=version),
            self._encoded(value),
            connection.ops.adapt_datetimefield_value(self._expiry(timeout)),
        )
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} ({key_}, {value_}, {expiry}) VALUES (%s, %s, %s) "  # noqa: S608
                    f"ON CONFLICT ({key_}) DO UPDATE SET {value_} = excluded.{value_}, "
                    f"{expiry} = excluded.{expiry}",
                    params,
                )
        except DatabaseError:
            return False
        return True

    def _expiry(self, timeout) -> datetime:
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            return datetime.max.replace(microsecond=0)
        tz = UTC if settings.USE_TZ else None
        return datetime.fromtimestamp(timeout, tz=tz).replace(microsecond=0)

    def _encoded(self, value) -> str:
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")


def quietly(alias: str, operation, default, *, savepoint: bool = False):
    """``operation(caches[alias])``, or ``default`` if the cache fails (logged): a cache that
    cannot be read or written costs work next time, never the page. ``savepoint``: a database
    cache used inside a transaction is used in a savepoint, so that its failure leaves the
    transaction as it was (two statements more; without it, as Django's own ``get``, a failed
    statement inside a transaction is the caller's to roll back)."""
    try:
        backend = caches[alias]
        if savepoint and isinstance(backend, DatabaseCache):
            db = router.db_for_write(backend.cache_model_class)
            if connections[db].in_atomic_block:
                with transaction.atomic(using=db):
                    return operation(backend)
        return operation(backend)
    except Exception as error:  # noqa: BLE001  (any backend's errors: Redis has its own)
        log.warning("Cache %r unavailable: %s", alias, error)
        return default


def store_one(alias: str, key: str, value, *, timeout, savepoint: bool = False) -> bool:
    """Keep one entry, replacing what was there: one upsert with ``BatchDatabaseCache``
    (``put``), ``set`` with any other backend. False, logged, if it was not stored."""

    def write(backend) -> bool:
        if isinstance(backend, BatchDatabaseCache):
            return backend.put(key, value, timeout=timeout)
        backend.set(key, value, timeout=timeout)
        return True

    stored = quietly(alias, write, False, savepoint=savepoint)
    if not stored:
        log.warning("Cache %r: %s was not stored", alias, key)
    return stored
