"""Versions: a section's history, comparing two versions, the document's activity."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..models import Delegation, User
from ..permissions import rule
from ..rendering.redline import render_redline, render_side_by_side, render_words
from ..selectors.documents import document_get
from ..selectors.history import document_activity, section_compare, section_history

PAGE_SIZE = 25


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@rule("read")
def section_history_view(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    document = document_get(slug)
    section, versions = section_history(document, key)
    page = Paginator(versions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "guidelines/section_history.html",
        {"document": document, "section": section, "versions": page},
    )


@rule("read")
def section_compare_view(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """Compare any two versions (``?from=<id>&to=<id>``; default: the last change)."""
    document = document_get(slug)
    section, versions = section_history(document, key)
    old_id, new_id = _int(request.GET.get("from")), _int(request.GET.get("to"))
    if old_id is None or new_id is None:
        latest_two = list(versions.values_list("history_id", flat=True)[:2])
        new_id = new_id or latest_two[0]
        old_id = old_id or latest_two[-1]
    if old_id > new_id:
        old_id, new_id = new_id, old_id
    comparison = section_compare(section, old_id, new_id)
    side = request.GET.get("view") == "side"
    left = right = inline = None
    if side:
        left, right = render_side_by_side(comparison.body, id_prefix="cmp")
    else:
        inline = render_redline(comparison.body, id_prefix="cmp")
    return render(
        request,
        "guidelines/section_compare.html",
        {
            "document": document,
            "section": section,
            "c": comparison,
            "heading_html": render_words(comparison.heading),
            "inline": inline,
            "left": left,
            "right": right,
            "side": side,
        },
    )


@rule("read")
def document_activity_view(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    username = request.GET.get("user", "")
    delegation = request.GET.get("delegation", "")
    rows = document_activity(document, username=username, delegation=delegation)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "guidelines/activity.html",
        {
            "document": document,
            "rows": page,
            "people": User.objects.filter(is_active=True).order_by("username"),
            "delegations": Delegation.objects.all(),
            "selected_user": username,
            "selected_delegation": delegation,
        },
    )
