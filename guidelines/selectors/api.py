"""Reads for the JSON API's lists: a document's proposals and comments, each in one query."""

from ..models import Comment, Document, Proposal


def api_proposals(document: Document) -> list[Proposal]:
    """The document's proposals, oldest first, with what the API names (section, delegation)."""
    return list(
        Proposal.objects.for_document(document)
        .select_related("section", "delegation", "author", "target", "standard__pillar")
        .order_by("created_at", "id")
    )


def api_comments(document: Document) -> list[Comment]:
    """The document's comments (threads and replies), oldest first."""
    return list(
        Comment.objects.filter(document=document)
        .select_related("document", "section", "author", "delegation")
        .order_by("created_at", "id")
    )
