"""Read API (JSON): how integrations and checks read the draft. Same login as the pages."""

from django.http import HttpRequest, JsonResponse
from django.urls import reverse

from ..permissions import rule
from ..rendering.links import section_url_builder
from ..selectors.documents import document_get, document_list, document_tree


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
