"""What the Markdown editor (static/js/editor.js) asks for: the document's sections for "Link to
a section", and a preview of a comment or proposal text for those who cannot use the editors'
preview."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..permissions import rule
from ..rendering.links import section_url_builder
from ..selectors.documents import document_get, document_tree
from .editing import text_preview_context


@rule("read")
def section_links(request: HttpRequest, slug: str) -> HttpResponse:
    """The sections of the document, numbered, each with its address: an HTML fragment that
    the editor's "Link to a section" picker lists and filters."""
    document = document_get(slug)
    url_for = section_url_builder(document.slug)
    sections = [
        {"label": node.label, "heading": node.section.heading, "url": url_for(node.key),
         "depth": node.depth}
        for node in document_tree(document).nodes
    ]  # fmt: skip
    return render(request, "guidelines/_section_links.html", {"sections": sections})


@rule("propose_post")
def text_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The preview of a comment, reply or proposed text: the same safe pipeline as the page."""
    document_get(slug)
    context = text_preview_context(request.POST.get("body", ""))
    status = 413 if "preview_error" in context else 200
    return render(request, "guidelines/_preview.html", context, status=status)
