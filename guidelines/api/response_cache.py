"""The API document's encoded JSON, kept in Django's cache ``CACHES["rendered"]`` (a table in the
database by default, shared by every process; Redis or memcached if configured there).

Encoding a 3,000-section document (3.9 MB of JSON) costs ~290 ms of CPU; the validators that
say which version is current cost 2 queries. So a 200 stores the body it sent, and the next
request for the same version sends those bytes again.

One entry per *slot*: the document (or one of its milestones) as given to one base address in
one language, with the format of this code. The slot's key digests what the body depends on
beyond the validators: the document's absolute address (scheme, host, script prefix and slug:
every ``html_url`` in the body is built from the same request), the language, the milestone and
``FORMAT_VERSION``. The body does not depend on who asks (every role that may read the API reads
the same text; the permission checks run before the endpoint). The value holds the ETag it was
encoded for: a body is sent only when that tag is the one just computed, so an edit is a miss
(every committed write to a section, a mapping, a mapped standard or its pillar changes the tag,
whatever order concurrent writes commit in: ``selectors.api.document_validators``; a deployment
changes ``FORMAT_VERSION``), and the next 200 overwrites the slot (one entry per slot, not one
per version: a document edited all day does not pile up megabytes of dead versions).

The bytes are stored zlib-compressed, level 1. Measured on the 3,000-section synthetic document
(3.9 MB of JSON, PostgreSQL, database cache): stored raw, the row is 5.2 MB (pickled, base64)
and a read takes 33 ms; at level 1 the value is 0.83 MB (row 1.1 MB), compressing takes 20 ms
on a miss, and a hit reads in 4 ms and decompresses in 8 ms; level 6 gives 0.61 MB but takes
106 ms to compress. (The compression middleware compresses the response again for the client:
stored brotli or gzip bytes cannot be sent as they are, each response carries its own random
padding, compression.py.) Bodies over ``MAX_BYTES`` are not stored.

A cache that fails (a missing table, a server down, an entry that does not decompress) is a
miss, logged, never an error: the body is encoded as without it. (The database cache's read
takes no savepoint, as Django's own ``get``: a GET runs outside a transaction, where a failed
statement is only that.)
"""

import hashlib
import logging
import zlib
from importlib.metadata import version
from pathlib import Path

from ..cache_backends import quietly, store_one

ALIAS = "rendered"
LEVEL = 1  # zlib (measured above)
MAX_BYTES = 64 * 1024 * 1024  # encoded bodies larger than this are sent, not kept
KEEP_SECONDS = 7 * 24 * 3600  # a slot nobody asked for in a week goes (it is overwritten anyway)

log = logging.getLogger(__name__)


def _format_version() -> str:
    """A digest of the code that shapes the bytes: every Python module of the app (the API's
    endpoints and schemas, and what they build on: the tree selectors, numbering, section
    addresses), and the installed django-ninja and pydantic. A deployment that changes any of
    them addresses every slot anew."""
    parts = hashlib.sha256()
    app = Path(__file__).resolve().parent.parent
    for path in sorted(app.rglob("*.py")):
        parts.update(str(path.relative_to(app)).encode() + b"\x00" + path.read_bytes())
    for library in ("django-ninja", "pydantic"):
        parts.update(f"\x00{library}={version(library)}".encode())
    return parts.hexdigest()[:16]


FORMAT_VERSION = _format_version()


def slot(*, document_url: str, language: str, milestone: int | None) -> str:
    """The key of the one entry for this document (at ``milestone``, or current) as given at
    ``document_url`` (its absolute address) in ``language``."""
    source = f"{FORMAT_VERSION}\x00{document_url}\x00{language}\x00{milestone}".encode()
    return f"api:document:{hashlib.sha256(source).hexdigest()}"


def fetch(key: str, etag: str) -> bytes | None:
    """The body stored in slot ``key`` if it was encoded for ``etag``; else None (one ``get``:
    one query with the database cache)."""
    value = quietly(ALIAS, lambda cache: cache.get(key), None)
    if not (isinstance(value, tuple) and len(value) == 2 and value[0] == etag):
        return None
    if not isinstance(value[1], bytes):
        return None
    try:
        return zlib.decompress(value[1])
    except zlib.error as error:
        log.warning("API response cache: %s does not decompress: %s", key, error)
        return None


def store(key: str, etag: str, body: bytes) -> None:
    """Keep ``body`` (the encoded JSON for ``etag``) in slot ``key``, replacing what was there
    (the database cache: one upsert; ``BatchDatabaseCache.put``)."""
    if len(body) > MAX_BYTES:
        return
    store_one(ALIAS, key, (etag, zlib.compress(body, LEVEL)), timeout=KEEP_SECONDS)
