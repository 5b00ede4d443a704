"""The hidden anchors of a "Word for review" file, shared by the export that writes them and the
import that reads them back.

Each section's heading paragraph is wrapped in a bookmark named after the section's id and the
version the file holds (``_iscm_12_3``: section 12, version 3). Bookmark names starting with an
underscore are hidden in Word's Bookmark dialog; Word and LibreOffice keep bookmarks through
editing and saving. The document's slug and the version set the file was made from are custom
document properties (File > Properties > Custom in Word, File > Properties > Custom Properties in
LibreOffice), which both office suites keep as well.
"""

import re

PREFIX = "_iscm_"
_NAME = re.compile(r"^_?iscm_(\d+)_(\d+)$", re.IGNORECASE)

# Custom document properties (docProps/custom.xml).
PROP_DOCUMENT = "ISCM document"  # the document's slug
PROP_VERSION_SET = "ISCM version set"  # "current" or "milestone:<id>"
PROP_LABEL = "ISCM version set label"  # what the reader saw: "Current text", a milestone's name
PROP_MADE_AT = "ISCM made at"  # ISO 8601, when the file was made
PROP_FORMAT = "ISCM review format"  # the version of this scheme
FORMAT = "1"
CURRENT = "current"


def bookmark_name(section_id: int, version: int) -> str:
    """At most 40 characters, letters, digits and underscores (Word's limits)."""
    return f"{PREFIX}{int(section_id)}_{int(version)}"


def parse_bookmark(name: str) -> tuple[int, int] | None:
    """``(section id, version)`` of an anchor's name; None for any other bookmark. A name that
    lost its leading underscore (some office suites rename hidden bookmarks) still counts."""
    match = _NAME.match(name or "")
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2))


def version_set(milestone_id: int | None) -> str:
    return f"milestone:{milestone_id}" if milestone_id else CURRENT


def parse_version_set(value: str) -> int | None:
    """The milestone id of a version set ("milestone:7" -> 7); None for the current text or an
    unreadable value."""
    prefix, _, rest = (value or "").partition(":")
    return int(rest) if prefix == "milestone" and rest.isdigit() else None
