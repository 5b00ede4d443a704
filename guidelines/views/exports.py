"""Working documents and exports: the secretariat's one-click PTC document as PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..exports.context import CLEAN, REDLINE, WORKING_DOCUMENT
from ..exports.files import FORMATS, export_file
from ..forms.working_documents import WorkingDocumentForm
from ..models import Milestone, WorkingDocument
from ..permissions import rule
from ..selectors.documents import document_get
from ..selectors.snapshots import milestone_get
from ..services.working_documents import working_document_save


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
                user=request.user, document=document, values=form.cleaned_data, instance=instance
            )
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


@rule("read")
def working_document_export(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    document = document_get(slug)
    working = _working(document, pk)
    data, _hit = export_file(
        document=document,
        variant=WORKING_DOCUMENT,
        fmt=fmt,
        language=request.LANGUAGE_CODE,
        working_document=working,
    )
    return _download(data, fmt, working.reference)


@rule("read")
def document_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The draft alone: clean (``?milestone=``) or redlined (``?against=``)."""
    document = document_get(slug)
    get = request.GET
    milestone = milestone_get(document, get["milestone"]) if get.get("milestone") else None
    against = milestone_get(document, get["against"]) if get.get("against") else None
    variant = REDLINE if against else CLEAN
    data, _hit = export_file(
        document=document,
        variant=variant,
        fmt=fmt,
        language=request.LANGUAGE_CODE,
        milestone=milestone,
        against=against,
    )
    return _download(data, fmt, f"{document.slug}-{variant}")
