"""Rendered Markdown shared by every process: Django's cache ``CACHES["rendered"]`` (a table in
the database by default; Redis or memcached for several servers, README).

An entry is addressed by its content: a hash of the renderer's version, the id prefix and the
text. A section's version and language determine its text, so this is "by section, version and
language" without asking the database which version is current, and an entry is never stale:
a new text is a new key. ``RENDERER_VERSION`` is a digest of the pipeline's own source files
(rendering/markdown.py with its sanitiser rules, rendering/xref_syntax.py) and of the installed
python-markdown and nh3 versions: a change to any of them (a sanitiser fix in an nh3 upgrade,
a tightened allow-list) addresses every text anew, and the old entries are never read again
and are culled in time.

The values are the sanitised HTML that ``render_markdown`` returns. The cache is trusted like
the database it lives in: whoever can write it can write the sections too.
"""

import hashlib
from collections.abc import Iterable, Iterator
from importlib.metadata import version
from pathlib import Path

from django.core.cache import caches

ALIAS = "rendered"
_PIPELINE = ("markdown.py", "xref_syntax.py")  # what turns a text into the stored HTML


def _renderer_version() -> str:
    parts = hashlib.sha256()
    for name in _PIPELINE:
        parts.update((Path(__file__).parent / name).read_bytes())
    for library in ("Markdown", "nh3"):
        parts.update(f"\x00{library}={version(library)}".encode())
    return parts.hexdigest()[:16]


RENDERER_VERSION = _renderer_version()


def digest(text: str, id_prefix: str) -> str:
    """The text's address, the same in every process (no per-process salt)."""
    source = f"{RENDERER_VERSION}\x00{id_prefix}\x00{text}".encode()
    return hashlib.sha256(source).hexdigest()


def _key(address: str) -> str:
    return f"md:{address}"


def fetch(addresses: Iterable[str]) -> dict[str, str]:
    """The HTML stored for those addresses (one ``get_many``); absent ones are left out."""
    keys = {_key(a): a for a in addresses}
    if not keys:
        return {}
    found = caches[ALIAS].get_many(list(keys))
    return {keys[k]: html for k, html in found.items() if isinstance(html, str)}


def store(rendered: dict[str, str]) -> None:
    """Keep freshly rendered HTML by address (one ``set_many``)."""
    if rendered:
        caches[ALIAS].set_many({_key(a): html for a, html in rendered.items()})


def section_texts(nodes, readings: dict | None = None) -> Iterator[tuple[str, str]]:
    """The ``(text, id_prefix)`` pairs that the document page shows for ``nodes``
    (templates/guidelines/_section_reading.html): the English text where it has no reading, a
    missing translation or an out-of-date one; the reading's text where there is one."""
    for node in nodes:
        reading = readings.get(node.section.pk) if readings else None
        if reading is None or reading.missing or reading.out_of_date:
            yield node.section.body, node.key
        if reading is not None and not reading.missing:
            yield reading.body, reading.id_prefix
