"""The audit trail, for the secretariat: who did what and when, as a page, CSV or JSON."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..exports.audit import audit_csv, audit_json
from ..forms.audit import AuditFilterForm
from ..permissions import rule
from ..selectors.audit import EXPORT_LIMIT, audit_choices, audit_export, audit_log

PAGE_SIZE = 50


@rule("manage_reference_read")
def audit_trail(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET, choices=audit_choices())
    filters = form.filters()
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "json"):
        events = audit_export(filters)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        if fmt == "csv":
            body, content_type = audit_csv(events), "text/csv; charset=utf-8"
        else:
            body, content_type = audit_json(events), "application/json"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.{fmt}"'
        return response
    page = Paginator(audit_log(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "guidelines/audit.html",
        {"form": form, "page": page, "export_limit": EXPORT_LIMIT},
    )
