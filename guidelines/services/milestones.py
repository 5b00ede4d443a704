"""Making a milestone: a name on the document as it stands now. Milestones are never edited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Document, Milestone
from ..permissions import require
from .history import save_versioned
from .sections import clean_text


def milestone_create(*, document: Document, name: str, description: str = "", user) -> Milestone:
    require(user, "edit_text")  # the facilitator or the secretariat
    name = clean_text(name).strip()
    if not name:
        raise ValidationError({"name": _("A milestone needs a name.")})
    if Milestone.objects.filter(document=document, name=name).exists():
        raise ValidationError({"name": _("A milestone of this document already has that name.")})
    milestone = Milestone(
        document=document,
        name=name,
        description=clean_text(description).strip(),
        taken_at=timezone.now(),
        created_by=user,
    )
    with transaction.atomic():
        return save_versioned(milestone, user=user, reason=_("Milestone created"))
