"""Exports are cached on disk by a key made of every input: options, template version, language,
and the latest history row of everything the export shows. Unchanged inputs: the stored file is
served; any change (a section edited, a proposal decided, the working document saved): a new
render. Files are written atomically."""

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db.models import Max

from ..models import Mapping, Proposal, Section
from .pdf import TEMPLATE_VERSION


def cache_dir() -> Path:
    path = Path(settings.EXPORT_CACHE_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


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


def cached_export(
    *, key: str, suffix: str, render: Callable[[], bytes], use_cache: bool = True
) -> tuple[bytes, bool]:
    """(file bytes, True if served from the cache)."""
    path = cache_dir() / f"{key}.{suffix}"
    if use_cache and path.exists():
        return path.read_bytes(), True
    data = render()
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)
    return data, False
