"""The e-mail outbox, for the secretariat: what could not be sent, and why; retry it."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from ..permissions import rule
from ..selectors.outbox import outbox_counts, outbox_problems
from ..services.notifications import notifications_retry


@rule("manage_reference")
def outbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(outbox_problems(), 50).get_page(request.GET.get("page"))
    return render(request, "guidelines/outbox.html", {"page": page, "counts": outbox_counts()})


@rule("manage_reference")
def outbox_retry(request: HttpRequest) -> HttpResponse:
    """POST: try the chosen notifications again now (GET shows the outbox)."""
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("notification") if i.isdigit()]
        count = notifications_retry(user=request.user, ids=ids)
        messages.success(
            request,
            ngettext(
                "%(n)s notification will be sent again.",
                "%(n)s notifications will be sent again.",
                count,
            )
            % {"n": count},
        )
    return redirect("guidelines:outbox")
