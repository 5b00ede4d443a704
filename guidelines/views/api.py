"""Read API (JSON): how integrations and checks read the draft. Same login as the pages."""

from django.http import HttpRequest, JsonResponse
from django.urls import reverse

from ..permissions import rule
from ..rendering.links import section_url_builder
from ..selectors.api import api_comments, api_proposals
from ..selectors.comments import comment_url
from ..selectors.documents import document_get, document_list, document_tree

_UNICODE = {"ensure_ascii": False}


def _absolute(request: HttpRequest, name: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


@rule("read")
def api_documents(request: HttpRequest) -> JsonResponse:
    documents = [
        {
            "slug": d.slug,
            "title": d.title,
            "html_url": _absolute(request, "guidelines:document_detail", slug=d.slug),
            "api_url": _absolute(request, "guidelines:api_document", slug=d.slug),
        }
        for d in document_list()
    ]
    return JsonResponse({"documents": documents})


@rule("read")
def api_document(request: HttpRequest, slug: str) -> JsonResponse:
    document = document_get(slug)
    tree = document_tree(document, with_mappings=True)
    section_url = section_url_builder(slug)
    sections = [
        {
            "key": node.key,
            "number": node.label,
            "heading": node.section.heading,
            "kind": node.section.kind,
            "body": node.section.body,
            "parent_key": node.parent.key if node.parent else None,
            "depth": node.depth,
            "version": node.section.version,
            "html_url": request.build_absolute_uri(section_url(node.key)),
            "mappings": [
                {
                    "pillar": m.standard.pillar.number,
                    "standard": m.standard.number,
                    "standard_title": m.standard.title,
                    "relation": m.relation,
                    "note": m.note,
                }
                for m in node.section.live_mappings
            ],
        }
        for node in tree.nodes
    ]
    return JsonResponse(
        {
            "slug": document.slug,
            "title": document.title,
            "html_url": _absolute(request, "guidelines:document_detail", slug=slug),
            "sections": sections,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _when(value) -> str | None:
    return value.isoformat() if value else None


@rule("read")
def api_proposals_list(request: HttpRequest, slug: str) -> JsonResponse:
    """The document's proposals. ``language``: the language the rationale is written in
    (shown as written, never translated); a proposal always amends the English."""
    document = document_get(slug)
    proposals = [
        {
            "id": p.pk,
            "section_key": p.section.key,
            "kind": p.kind,
            "status": p.status,
            "delegation": p.delegation.code,
            "author": p.author.display_name(),
            "language": p.language,
            "rationale": p.rationale,
            "base_version": p.base_version,
            "proposed_heading": p.proposed_heading,
            "proposed_body": p.proposed_body,
            "placement": p.placement,
            "target_key": p.target.key if p.target_id else None,
            "standard": f"P{p.standard.pillar.number}.S{p.standard.number}"
            if p.standard_id
            else None,
            "relation": p.relation,
            "created_at": _when(p.created_at),
            "decided_at": _when(p.decided_at),
            "html_url": _absolute(request, "guidelines:proposal_detail", slug=slug, pk=p.pk),
        }
        for p in api_proposals(document)
    ]
    return JsonResponse({"slug": slug, "proposals": proposals}, json_dumps_params=_UNICODE)


@rule("read")
def api_comments_list(request: HttpRequest, slug: str) -> JsonResponse:
    """The document's comments, threads and replies (``thread``: the thread a reply answers).
    A hidden or deleted comment's text is never given (``body`` empty, as on the pages)."""
    document = document_get(slug)
    comments = [
        {
            "id": c.pk,
            "thread": c.parent_id,
            "section_key": c.section.key,
            "proposal": c.proposal_id,
            "author": c.author.display_name(),
            "delegation": c.delegation.code if c.delegation_id else None,
            "language": c.language,
            "body": "" if c.is_hidden or c.is_deleted else c.body,
            "quote": "" if c.is_hidden or c.is_deleted else c.quote,
            "is_hidden": c.is_hidden,
            "is_deleted": c.is_deleted,
            "section_version": c.section_version,
            "created_at": _when(c.created_at),
            "edited_at": _when(c.edited_at),
            "resolved_at": _when(c.resolved_at),
            "html_url": request.build_absolute_uri(comment_url(c)),
        }
        for c in api_comments(document)
    ]
    return JsonResponse({"slug": slug, "comments": comments}, json_dumps_params=_UNICODE)
