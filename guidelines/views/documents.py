"""Reading the draft: document list, document page, section page, section history."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..permissions import can, rule
from ..selectors.documents import (
    document_get,
    document_list,
    document_tree,
    section_page,
)
from ..selectors.history import deleted_sections, section_get


@rule("read")
def document_index(request: HttpRequest) -> HttpResponse:
    return render(request, "guidelines/document_list.html", {"documents": document_list()})


@rule("read")
def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    tree = document_tree(document, with_mappings=True)
    deleted = deleted_sections(document) if can(request.user, "edit_text") else []
    return render(
        request,
        "guidelines/document_detail.html",
        {"document": document, "tree": tree, "deleted": deleted},
    )


@rule("read")
def section_detail(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    document = document_get(slug)
    section = section_get(document, key)
    if section.is_deleted:
        return render(
            request,
            "guidelines/section_deleted.html",
            {"document": document, "section": section},
            status=410,
        )
    page = section_page(document, key)
    return render(
        request,
        "guidelines/section_detail.html",
        {"document": document, "page": page, "tree": page.tree, "current": page.node},
    )
