"""Writes on documents and sections."""

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from ..models import Document, Section, SectionKind
from .history import save_versioned
from .versions import structure_lock


def document_create(
    *,
    slug: str,
    title: str,
    description: str = "",
    title_fr: str = "",
    description_fr: str = "",
    user,
    reason: str,
) -> Document:
    with transaction.atomic():
        document = Document(
            slug=slug,
            title=title,
            description=description,
            title_fr=title_fr,
            description_fr=description_fr,
        )
        return save_versioned(document, user=user, reason=reason)


def section_key_for(document: Document, heading: str) -> str:
    """A readable, unique, permanent key made from the heading at creation time."""
    base = slugify(heading)[:60].strip("-") or "section"
    taken = set(
        Section.objects.filter(document=document, key__startswith=base).values_list(
            "key", flat=True
        )
    )
    key, suffix = base, 2
    while key in taken:
        key = f"{base}-{suffix}"
        suffix += 1
    return key


def section_create(
    *,
    document: Document,
    heading: str,
    body: str = "",
    kind: str = SectionKind.SECTION,
    parent: Section | None = None,
    position: int | None = None,
    key: str | None = None,
    user,
    reason: str,
    proposal=None,
) -> Section:
    """Add a section under ``parent`` (or at the top level), last among its siblings by default.
    Takes the document's structure lock (a new section changes its level); no token is checked:
    callers from a page check theirs first (``section_insert``)."""
    if parent is not None and parent.document_id != document.pk:
        raise ValueError("The parent section belongs to another document.")
    with transaction.atomic():
        structure_lock(document.pk)
        if position is None:
            last = Section.objects.filter(document=document, parent=parent).aggregate(
                Max("position")
            )["position__max"]
            position = 0 if last is None else last + 1
        section = Section(
            document=document,
            parent=parent,
            position=position,
            kind=kind,
            heading=heading.strip(),
            body=body,
            key=key or section_key_for(document, heading),
        )
        return save_versioned(section, user=user, reason=reason, proposal=proposal)
