"""The SAFE Framework pages: standards with mapped sections, and the coverage matrix."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..permissions import rule
from ..selectors.documents import document_get, document_list, document_tree
from ..selectors.framework import framework_texts_by_standard
from ..selectors.phase_two import dispositions_by_section
from ..selectors.safe import coverage_matrix, safe_overview


@rule("read")
def safe_index(request: HttpRequest) -> HttpResponse:
    pillars, mapped = safe_overview()
    texts = framework_texts_by_standard(request.LANGUAGE_CODE)
    context = {"pillars": pillars, "mapped": mapped, "texts": texts, "documents": document_list()}
    return render(request, "guidelines/safe_overview.html", context)


def _pillar_filter(request: HttpRequest) -> int | None:
    value = request.GET.get("pillar", "")
    return int(value) if value.isdigit() else None


@rule("read")
def coverage(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    pillar = _pillar_filter(request)
    matrix = coverage_matrix(
        document_tree(document, with_mappings=True, with_text=False),
        pillar_number=pillar,
        dispositions=dispositions_by_section(document),
    )
    template = "guidelines/_coverage_table.html" if request.htmx else "guidelines/coverage.html"
    return render(
        request, template, {"document": document, "matrix": matrix, "selected_pillar": pillar}
    )
