"""Writes on PTC working documents (the secretariat's)."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import WorkingDocument
from ..permissions import require
from .history import save_versioned
from .sections import clean_text
from .versions import check_working_document

FRENCH_FIELDS = (
    "place_fr",
    "title_fr",
    "subtitle_fr",
    "agenda_item_fr",
    "purpose_fr",
    "cover_note_fr",
)
FIELDS = (
    "reference",
    "place_date",
    "date",
    "title",
    "subtitle",
    "agenda_item",
    "purpose",
    "cover_note",
    "milestone",
    "redline_against",
    "round",
    "include_disposition",
    "include_mappings",
    "include_integration",
    "line_numbers",
    *FRENCH_FIELDS,
)


def working_document_save(
    *,
    user,
    document,
    values: dict,
    instance: WorkingDocument | None = None,
    expected_version: str | None = None,
    reason: str = "",
) -> WorkingDocument:
    """Create or update a working document from form values (validated by ``full_clean``).

    An update carries ``expected_version``, the ``updated_at`` the form was opened on
    (``selectors.versions.working_document_version``): the row is locked and, if it was saved
    since (or the token is missing), ``WorkingDocumentConflict`` and nothing is written.
    """
    require(user, "manage_reference")
    with transaction.atomic():
        if instance is None:
            working = WorkingDocument(document=document, created_by=user)
        else:
            working = WorkingDocument.objects.select_for_update().get(pk=instance.pk)
            check_working_document(working, expected_version)
        for name in FIELDS:
            if name in values:
                value = values[name]
                if isinstance(value, str):
                    value = clean_text(value).strip()
                setattr(working, name, value)
        return save_versioned(
            working, user=user, reason=reason or (_("Updated") if instance else _("Created"))
        )
