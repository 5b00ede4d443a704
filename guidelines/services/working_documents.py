"""Writes on PTC working documents (the secretariat's)."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import WorkingDocument
from ..permissions import require
from .history import save_versioned
from .sections import clean_text

FIELDS = (
    "reference",
    "place_date",
    "title",
    "subtitle",
    "agenda_item",
    "purpose",
    "cover_note",
    "milestone",
    "redline_against",
    "include_disposition",
    "include_mappings",
    "line_numbers",
)


def working_document_save(
    *, user, document, values: dict, instance: WorkingDocument | None = None, reason: str = ""
) -> WorkingDocument:
    """Create or update a working document from form values (validated by ``full_clean``)."""
    require(user, "manage_reference")
    working = instance or WorkingDocument(document=document, created_by=user)
    for name in FIELDS:
        if name in values:
            value = values[name]
            setattr(working, name, clean_text(value).strip() if isinstance(value, str) else value)
    with transaction.atomic():
        return save_versioned(
            working, user=user, reason=reason or (_("Updated") if instance else _("Created"))
        )
