"""Refusing a write over a state newer than the page it came from.

Every write made from a page carries the version token the page was rendered from (see
``selectors/versions.py``). A service takes the row locks the write needs, reads the current
token inside the same transaction and raises a ``VersionConflict`` if it differs: nothing is
written, and the view shows a conflict page. ``None`` (a missing or unreadable token) never
matches.

Lock order, everywhere: the document (the structure lock), then a proposal, then sections.
"""

from ..models import Document, Section, WorkingDocument
from ..selectors.versions import (
    mappings_digest,
    split_token,
    structure_digest,
    working_document_version,
)


class VersionConflict(Exception):
    """The record changed since the page was rendered; nothing was written."""


class StructureConflict(VersionConflict):
    """The structure around ``section`` changed since the page's token ``expected``."""

    def __init__(self, section: Section, expected: str | None) -> None:
        super().__init__(f"the structure around section {section.key} changed")
        self.section, self.expected = section, expected


class MappingConflict(VersionConflict):
    """The SAFE mappings of ``section`` changed since the page's token ``expected``."""

    def __init__(self, section: Section, expected: str | None) -> None:
        super().__init__(f"the mappings of section {section.key} changed")
        self.section, self.expected = section, expected


class WorkingDocumentConflict(VersionConflict):
    """The working document was saved by someone else since the form was opened."""

    def __init__(self, current: WorkingDocument, expected: str | None) -> None:
        super().__init__(f"working document {current.reference} changed")
        self.current, self.expected = current, expected


def structure_lock(document_id: int) -> None:
    """Serialise the structure writes of one document (inside a transaction). Every write of a
    section's parent, position or deleted flag takes it first, so a structure token read after
    it stays true until the transaction ends (``select_for_update`` refuses to run outside one)."""
    Document.objects.select_for_update().only("pk").get(pk=document_id)


def check_structure(
    section: Section, expected: str | None, *, target: Section | None = None
) -> None:
    """Raise ``StructureConflict`` unless the structure around ``section`` (and ``target``, for
    a move) is still as it was when ``expected`` was taken. The caller holds the structure
    lock."""
    _seen, digest = split_token(expected)
    if digest != structure_digest(section, target=target):
        raise StructureConflict(Section.objects.get(pk=section.pk), expected)


def check_mappings(section: Section, expected: str | None) -> None:
    """Raise ``MappingConflict`` unless the section's live mappings are as they were when
    ``expected`` was taken. The caller holds the section's row lock."""
    _seen, digest = split_token(expected)
    if digest != mappings_digest(section):
        raise MappingConflict(section, expected)


def check_working_document(current: WorkingDocument, expected: str | None) -> None:
    """The caller holds the working document's row lock."""
    if expected != working_document_version(current):
        raise WorkingDocumentConflict(current, expected)
