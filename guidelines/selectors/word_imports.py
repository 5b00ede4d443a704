"""Reads of Word imports: one import as a user may see it, a document's imports waiting for
review, and the preview of an import (the file read again and compared with the draft now)."""

from django.db.models import QuerySet

from ..imports.reader import read_docx
from ..imports.types import ImportPreview, WordFile
from ..models import Document, Milestone, WordImport, WordImportStatus
from ..permissions import can
from .word_previews import build_preview


def read_file(data: bytes, filename: str) -> WordFile:
    """The reader (``imports.reader.read_docx``): raises ``UnreadableFile``."""
    return read_docx(data, filename)


def build(document: Document, word_file: WordFile) -> ImportPreview:
    """What the file would create against the draft now (``selectors.word_previews``)."""
    return build_preview(document, word_file)


def import_preview(word_import: WordImport) -> ImportPreview:
    """The preview of a stored import (its file read again, against the current draft)."""
    word_file = read_file(bytes(word_import.data), word_import.filename)
    return build(word_import.document, word_file)


def _visible(user) -> QuerySet:
    rows = WordImport.objects.select_related("document", "uploaded_by", "delegation")
    if can(user, "import_for_delegation"):
        return rows
    return rows.filter(uploaded_by_id=getattr(user, "pk", None))


def word_import_get(user, document: Document, pk) -> WordImport | None:
    """The import ``pk`` of ``document`` if ``user`` may see it (their own; the facilitator and
    the secretariat: any), else None."""
    return _visible(user).filter(document=document, pk=pk).first()


def word_imports_open(user, document: Document) -> list[WordImport]:
    """The imports of ``document`` still waiting for review that ``user`` may see, newest first
    (the file's bytes not loaded)."""
    rows = _visible(user).filter(document=document, status=WordImportStatus.WAITING)
    return list(rows.order_by("-created_at", "-id")[:50])


def review_milestones(document: Document) -> list:
    """The milestones a "Word for review" file can be made from, newest first."""
    return list(Milestone.objects.filter(document=document).order_by("-taken_at", "-id"))


def import_results(word_import: WordImport) -> tuple[list, list]:
    """What a submitted import created: its proposals and its comment threads (replies not
    listed), with their sections."""
    proposals = list(word_import.proposals.select_related("section").order_by("id"))
    threads = word_import.comments.filter(parent__isnull=True).select_related("section", "proposal")
    return proposals, list(threads.order_by("id"))


def submitted_copy(document: Document, sha256: str) -> WordImport | None:
    """An import of ``document`` already submitted from a file with exactly these bytes."""
    return (
        WordImport.objects.filter(
            document=document, sha256=sha256, status=WordImportStatus.SUBMITTED
        )
        .select_related("delegation")
        .order_by("decided_at")
        .first()
    )
