"""Reading the draft: document list, document page, section page, section history."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..permissions import rule
from ..selectors.documents import (
    document_get,
    document_list,
    document_tree,
    section_history,
    section_page,
)

HISTORY_PAGE_SIZE = 25


@rule("read")
def document_index(request: HttpRequest) -> HttpResponse:
    return render(request, "guidelines/document_list.html", {"documents": document_list()})


@rule("read")
def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    tree = document_tree(document, with_mappings=True)
    return render(request, "guidelines/document_detail.html", {"document": document, "tree": tree})


@rule("read")
def section_detail(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    document = document_get(slug)
    page = section_page(document, key)
    return render(
        request,
        "guidelines/section_detail.html",
        {"document": document, "page": page, "tree": page.tree, "current": page.node},
    )


@rule("read")
def section_history_view(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    document = document_get(slug)
    section, versions = section_history(document, key)
    page = Paginator(versions, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "guidelines/section_history.html",
        {"document": document, "section": section, "versions": page},
    )
