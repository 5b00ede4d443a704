"""``[[key]]`` cross-references in Word: "3.2 Transit procedures", the number a REF field to
the bookmark around the section's number (``ooxml.xref_bookmark``), so Word and LibreOffice
update it; its cached result is today's number. The review file writes none (it keeps
``[[key]]`` as typed, which its import reads back)."""

import re
from dataclasses import replace

from django.utils.translation import gettext as _

from ...rendering.numbering import shown_label
from ...rendering.xrefs import XrefTarget
from .ooxml import xref_bookmark
from .pieces import Piece

_KEY = re.compile(r"[A-Za-z0-9_-]{1,80}")


def is_placeholder(element) -> bool:
    """``element`` (an ``a``) is a ``[[key]]`` placeholder of the Markdown step: class ``xref``,
    a valid key in ``data-xref`` and the text ``[[key]]`` (an author's own link with class
    "xref" is a link)."""
    key = element.get("data-xref") or ""
    return (
        "xref" in (element.get("class") or "").split()
        and _KEY.fullmatch(key) is not None
        and "".join(element.itertext()) == f"[[{key}]]"
    )


def xref_pieces(key: str, target: XrefTarget | None, style: Piece, *, fields: bool) -> list[Piece]:
    """The pieces of one reference. ``fields``: False where the headings carry no bookmark (a
    redline): the number is then plain text. A key with no live section: the broken flag."""
    if target is None:
        return [replace(style, text=f"[[{key}]] ({_('broken reference: no such section')})")]
    if not target.label:
        return [replace(style, text=target.heading)]
    number = shown_label(target.label)
    if not fields:
        return [replace(style, text=f"{number} {target.heading}")]
    return [
        replace(style, text=number, field=f"REF {xref_bookmark(key)} \\h"),
        replace(style, text=f" {target.heading}"),
    ]
