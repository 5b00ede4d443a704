"""The duplication finder's pages: a section's overlaps side by side, and the document's
redundant pairs above a threshold."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..forms.overlaps import ThresholdForm
from ..permissions import rule
from ..rendering.overlaps import side_by_side
from ..selectors.documents import document_get, document_tree
from ..selectors.overlaps import (
    DEFAULT_THRESHOLD,
    framework_text_exists,
    redundant_pairs,
    section_overlaps,
)


@rule("read")
def section_overlaps_view(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    document = document_get(slug)
    tree = document_tree(document)
    node = tree.by_key.get(key)
    if node is None:
        raise Http404("No such section.")
    section = node.section
    items = section_overlaps(section, tree)
    rows = [(item, side_by_side(item.overlap.passages, item.overlap.language)) for item in items]
    return render(
        request,
        "guidelines/section_overlaps.html",
        {
            "document": document,
            "node": node,
            "section": section,
            "rows": rows,
            "stale": any(i.overlap.section_version < section.version for i in items),
            "has_framework": framework_text_exists(),
        },
    )


@rule("read")
def redundant_pairs_view(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    form = ThresholdForm(request.GET or None)
    threshold = form.value()
    if form.is_bound and not form.is_valid():
        messages.warning(
            request,
            _("The threshold must be a whole number from 0 to 100: %(n)s %% is used.")
            % {"n": DEFAULT_THRESHOLD},
        )
    tree = document_tree(document)
    return render(
        request,
        "guidelines/redundant_pairs.html",
        {
            "document": document,
            "form": form,
            "threshold": threshold,
            "pairs": redundant_pairs(tree, threshold / 100),
            "has_framework": framework_text_exists(),
        },
    )
