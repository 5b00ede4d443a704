"""The cache key of an export: every input (options, template version, language, and the latest
history row of everything the export shows). Unchanged inputs: the stored file of a finished job
is served again; any change (a section edited, a proposal decided, the working document saved):
a new key, a new job."""

import hashlib
import json

from django.conf import settings
from django.db.models import Count, Max

from ..models import (
    Comment,
    ConsultationRound,
    Disposition,
    Mapping,
    Overlap,
    Proposal,
    RoundDeclaration,
    Section,
    SectionTranslation,
    Standard,
)
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
    round_id = working_document.round_id if working_document else None
    fingerprint = {
        "v": TEMPLATE_VERSION,
        # Links typed as site paths become addresses on SITE_URL in the PDF (rendering/links.py).
        "site": settings.SITE_URL,
        "variant": variant,
        "format": fmt,
        "language": language,
        "document": [document.pk, document.title, document.title_fr],
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
        # The French edition and the bilingual review print the sections' translations.
        "translations": _max_history(SectionTranslation.history, section_id__in=section_ids)
        if language != "en" or variant == "bilingual"
        else None,
        "proposals": Proposal.history.filter(document_id=document.pk).aggregate(
            m=Max("history_id")
        )["m"],
        # The annexed round's summary: the round (deadline), its declarations, its comments
        # (proposals are covered above, document-wide).
        "round": _round_state(round_id) if round_id else None,
        # The annexed phase-two integration report: the decided dispositions (history), the
        # standards' removal, and the finder's overlaps (replaced, never edited, when recomputed).
        "integration": _integration_state(document, section_ids)
        if working_document is not None and working_document.include_integration
        else None,
    }
    return hashlib.sha256(json.dumps(fingerprint, sort_keys=True).encode()).hexdigest()[:32]


def _max_history(manager, **lookup):
    return manager.filter(**lookup).aggregate(m=Max("history_id"))["m"]


def _round_state(round_id: int) -> list:
    return [
        round_id,
        _max_history(ConsultationRound.history, id=round_id),
        _max_history(RoundDeclaration.history, round_id=round_id),
        _max_history(Comment.history, round_id=round_id),
    ]


def _integration_state(document, section_ids) -> list:
    overlaps = Overlap.objects.filter(document=document).aggregate(
        m=Max("id"), n=Count("id"), t=Max("computed_at")
    )
    return [
        _max_history(Disposition.history, section_id__in=section_ids),
        _max_history(Standard.history),
        # Its French headings, whatever the edition's language above.
        _max_history(SectionTranslation.history, section_id__in=section_ids),
        overlaps["m"],
        overlaps["n"],
        overlaps["t"].isoformat() if overlaps["t"] else None,
    ]
