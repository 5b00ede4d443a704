"""The search page: /search/?q=… with filters (a GET form, also in every page's header)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..forms.search import SearchForm
from ..permissions import rule
from ..selectors.search import filter_choices, search


@rule("read")
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET, choices=filter_choices())
    results = search(request.user, form.query(), filters=form.filters(), page=form.page_number())
    return render(
        request,
        "guidelines/search.html",
        {"form": form, "results": results, "has_filters": form.has_filters()},
    )
