"""Working documents and exports: the secretariat's one-click PTC document as PDF."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ..exports import background
from ..exports.context import CLEAN, REDLINE, WORKING_DOCUMENT
from ..exports.files import FORMATS, export_job
from ..forms.working_documents import WorkingDocumentForm
from ..models import Milestone, Section, WorkingDocument
from ..permissions import rule
from ..selectors.documents import document_get
from ..selectors.snapshots import milestone_get
from ..services.versions import WorkingDocumentConflict
from ..services.working_documents import working_document_save
from .conflicts import working_document_conflict_page


def _working(document, pk) -> WorkingDocument:
    try:
        return WorkingDocument.objects.select_related("milestone", "redline_against").get(
            document=document, pk=pk
        )
    except WorkingDocument.DoesNotExist:
        raise Http404("No such working document.") from None


@rule("read")
def working_document_list(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    return render(
        request,
        "guidelines/working_documents.html",
        {
            "document": document,
            "items": WorkingDocument.objects.filter(document=document).select_related("milestone"),
            "milestones": Milestone.objects.filter(document=document),
        },
    )


@rule("manage_reference")
def working_document_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    document = document_get(slug)
    instance = _working(document, pk) if pk else None
    form = WorkingDocumentForm(request.POST or None, instance=instance, document=document)
    if request.method == "POST" and form.is_valid():
        try:
            saved = working_document_save(
                user=request.user,
                document=document,
                values=form.cleaned_data,
                instance=instance,
                expected_version=form.cleaned_data["version"],
            )
        except WorkingDocumentConflict as conflict:
            return working_document_conflict_page(request, document, conflict)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Working document %(r)s saved.") % {"r": saved.reference})
            return redirect("guidelines:working_documents", slug=slug)
    return render(
        request,
        "guidelines/working_document_form.html",
        {"document": document, "form": form, "instance": instance},
    )


def _download(data: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=FORMATS[fmt][1])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _serve(request: HttpRequest, *, document, fmt: str, filename: str, **options) -> HttpResponse:
    """Cached: at once. Large and not cached: rendered in the background, with a progress page
    that fetches the file when ready. Otherwise: rendered in the request."""
    key, run = export_job(document=document, fmt=fmt, language=request.LANGUAGE_CODE, **options)
    large = Section.objects.live().for_document(document).count() > settings.EXPORT_ASYNC_SECTIONS
    if settings.EXPORTS_ASYNC and large and background.state(key, fmt) != "ready":
        background.start(key, lambda: run(False))
        status = reverse("guidelines:export_status", kwargs={"key": key, "fmt": fmt})
        return render(
            request,
            "guidelines/export_progress.html",
            {
                "document": document,
                "status_url": f"{status}?next={request.get_full_path()}",
                "filename": f"{filename}.{fmt}",
            },
            status=202,
        )
    data, _hit = run(True)
    return _download(data, fmt, filename)


@rule("read")
def export_status(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    """Polled by the progress page: when the file is ready, send the browser to fetch it."""
    current = background.state(key, fmt)
    target = request.GET.get("next", "")
    if current == "ready" and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        response = HttpResponse(_("Ready."))
        response["HX-Redirect"] = target
        return response
    # 286 tells htmx to stop polling: a failed export will not fix itself.
    return render(
        request,
        "guidelines/_export_status.html",
        {"state": current},
        status=286 if current == "failed" else 200,
    )


@rule("read")
def working_document_export(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    document = document_get(slug)
    working = _working(document, pk)
    return _serve(
        request,
        document=document,
        fmt=fmt,
        filename=working.reference,
        variant=WORKING_DOCUMENT,
        working_document=working,
    )


@rule("read")
def document_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The draft alone: clean (``?milestone=``) or redlined (``?against=``)."""
    document = document_get(slug)
    get = request.GET
    milestone = milestone_get(document, get["milestone"]) if get.get("milestone") else None
    against = milestone_get(document, get["against"]) if get.get("against") else None
    variant = REDLINE if against else CLEAN
    return _serve(
        request,
        document=document,
        fmt=fmt,
        filename=f"{document.slug}-{variant}",
        variant=variant,
        milestone=milestone,
        against=against,
    )
