"""What the Markdown editor (static/js/editor.js) asks for: the document's sections for "Link to
a section", and a preview of a comment or proposal text for those who cannot use the editors'
preview."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..permissions import rule
from ..rendering.links import section_url_builder
from ..selectors.documents import document_get, document_tree
from ..services.comments import validate_comment_size
from .editing import text_preview_context


@rule("read")
def section_links(request: HttpRequest, slug: str) -> HttpResponse:
    """The sections of the document, numbered, each with its address: an HTML fragment that
    the editor's "Link to a section" picker lists and filters."""
    document = document_get(slug)
    url_for = section_url_builder(document.slug)
    sections = [
        {"label": node.label, "heading": node.section.heading, "url": url_for(node.key),
         "depth": node.depth, "key": node.key}
        for node in document_tree(document).nodes
    ]  # fmt: skip
    return render(request, "guidelines/_section_links.html", {"sections": sections})


@rule("propose_post")
def text_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The preview of a proposed text: the same safe pipeline as the page, refusing what saving
    the text would refuse (a section's size limit)."""
    document_get(slug)
    return _preview(request, text_preview_context(request.POST.get("body", "")))


@rule("propose_post")
def comment_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The preview of a comment or reply (the editor's Preview button), refusing what posting
    the comment would refuse (the comment size limit), with the same message."""
    document_get(slug)
    body = request.POST.get("body", "")
    return _preview(request, text_preview_context(body, validate=validate_comment_size))


def _preview(request: HttpRequest, context: dict) -> HttpResponse:
    status = 413 if "preview_error" in context else 200
    return render(request, "guidelines/_preview.html", context, status=status)
