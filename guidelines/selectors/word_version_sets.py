"""What a "Word for review" file was made from, read from its custom properties: the label the
preview shows, and the sections the file held (to tell which anchors were lost)."""

from datetime import datetime

from django.utils.translation import gettext as _

from ..imports import anchors
from ..imports.preview import Place, Version, made_at
from ..models import Document, Milestone, Section


def version_set_label(document: Document, properties: dict[str, str]) -> str:
    """What the file was made from, in the reader's language: the milestone's name (as it is
    now), or "Current text"; the label the file carries when it names neither."""
    milestone_id = anchors.parse_version_set(properties.get(anchors.PROP_VERSION_SET, ""))
    if milestone_id is not None:
        name = Milestone.objects.filter(document=document, pk=milestone_id).values_list(
            "name", flat=True
        )
        return next(iter(name), properties.get(anchors.PROP_LABEL, ""))
    if properties.get(anchors.PROP_VERSION_SET) == anchors.CURRENT:
        return str(_("Current text"))
    return properties.get(anchors.PROP_LABEL, "")


def expected_sections(document: Document, properties: dict[str, str]) -> set[int]:
    """Ids of the live sections of the draft the file was made from (a milestone's, or the
    text when the file was made); empty when the file does not say."""
    milestone_id = anchors.parse_version_set(properties.get(anchors.PROP_VERSION_SET, ""))
    if milestone_id is not None:
        at = (
            Milestone.objects.filter(document=document, pk=milestone_id)
            .values_list("taken_at", flat=True)
            .first()
        )
    else:
        at = made_at(properties)
    if at is None:
        return set()
    rows = Section.history.filter(document_id=document.pk, history_date__lte=at).latest_of_each()
    return {r.id for r in rows if r.history_type != "-" and not r.is_deleted}


def section_versions(ids: set[int], at: datetime | None):
    """({(id, version): that version}, {id: document id}, [the sections' places in the tree
    when the file was made]) from the history (one query)."""
    versions: dict[tuple[int, int], Version] = {}
    documents: dict[int, int] = {}
    places: dict[int, Place] = {}
    rows = Section.history.filter(id__in=ids).order_by("history_date", "history_id")
    fields = ("id", "version", "heading", "body", "document_id", "history_type", "history_date")
    for row in rows.values(*fields, "parent_id", "position"):
        documents[row["id"]] = row["document_id"]
        if row["history_type"] == "-":
            continue
        versions[(row["id"], row["version"])] = Version(
            row["id"], row["version"], row["heading"], row["body"]
        )
        if at is None or row["history_date"] <= at or row["id"] not in places:
            places[row["id"]] = Place(row["id"], row["parent_id"], row["position"])
    return versions, documents, list(places.values())
