"""The cache key of an export: every input (options, template version, language, and the latest
history row of everything the export shows). Unchanged inputs: the stored file of a finished job
is served again; any change (a section edited, a proposal decided, the working document saved):
a new key, a new job."""

import hashlib
import json

from django.db.models import Max

from ..models import Mapping, Proposal, Section
from .pdf import TEMPLATE_VERSION


def export_key(
    *,
    document,
    variant: str,
    fmt: str,
    language: str,
    milestone=None,
    against=None,
    working_document=None,
) -> str:
    section_ids = Section.objects.filter(document=document).values("id")
    fingerprint = {
        "v": TEMPLATE_VERSION,
        "variant": variant,
        "format": fmt,
        "language": language,
        "document": document.pk,
        "milestone": milestone.pk if milestone else None,
        "against": against.pk if against else None,
        "working": [working_document.pk, working_document.updated_at.isoformat()]
        if working_document
        else None,
        "sections": Section.history.filter(document_id=document.pk).aggregate(m=Max("history_id"))[
            "m"
        ],
        "mappings": Mapping.history.filter(section_id__in=section_ids).aggregate(
            m=Max("history_id")
        )["m"],
        "proposals": Proposal.history.filter(document_id=document.pk).aggregate(
            m=Max("history_id")
        )["m"],
    }
    return hashlib.sha256(json.dumps(fingerprint, sort_keys=True).encode()).hexdigest()[:32]
