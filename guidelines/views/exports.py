"""Working documents and exports: the secretariat's one-click PTC document as PDF."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..exports.context import BILINGUAL, CLEAN, REDLINE, REVIEW, WORKING_DOCUMENT
from ..exports.files import FORMATS, export_plan
from ..exports.storage import export_storage
from ..forms.working_documents import WorkingDocumentForm
from ..models import ExportStatus, Milestone, WorkingDocument
from ..permissions import can, rule
from ..rendering.editions import LANGUAGES as EDITION_LANGUAGES
from ..selectors.documents import document_get
from ..selectors.exports import export_job_get, export_job_list
from ..selectors.ratelimits import RateLimited
from ..selectors.snapshots import milestone_get
from ..services.exports import export_request
from ..services.versions import WorkingDocumentConflict
from ..services.working_documents import working_document_save
from .conflicts import working_document_conflict_page
from .limits import with_limit


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
                reason=form.cleaned_data.get("reason") or "",
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
        status=400 if form.is_bound else 200,  # re-shown with what was typed
    )


def _file_response(job) -> HttpResponse:
    storage = export_storage()
    if not job.file or not storage.exists(job.file):
        raise Http404("The file of this export is no longer stored.")
    with storage.open(job.file, "rb") as handle:
        response = HttpResponse(handle.read(), content_type=FORMATS[job.fmt][1])
    response["Content-Disposition"] = f'attachment; filename="{job.download_name}"'
    return response


def serve_export(
    request: HttpRequest, *, document, fmt: str, filename: str, language: str = "", **options
) -> HttpResponse:
    """The file when it is stored already (or the task ran at once); otherwise the job's
    progress page, which fetches the file when the worker has made it. ``language``: the
    edition's (default: the interface's)."""
    language = language or request.LANGUAGE_CODE
    plan = export_plan(document=document, fmt=fmt, language=language, **options)
    try:
        job = export_request(user=request.user, plan=plan, filename=filename, limited=True)
    except RateLimited as error:
        response = render(
            request,
            "guidelines/export_limited.html",
            {"document": document, "message": error.messages[0]},
        )
        return with_limit(response, error)
    if job.status == ExportStatus.DONE:
        return _file_response(job)
    return redirect(_job_url(job))


def _job_url(job, name: str = "export_job") -> str:
    return reverse(f"guidelines:{name}", kwargs={"slug": job.document.slug, "pk": job.pk})


def _job_or_404(document, pk):
    job = export_job_get(document, pk)
    if job is None:
        raise Http404("No such export.")
    return job


def job_source_url(job) -> str:
    """The address that asks for the same export again (for "Try again")."""
    slug = job.document.slug
    if job.working_document_id:
        url = reverse(
            "guidelines:working_document_export",
            kwargs={"slug": slug, "pk": job.working_document_id, "fmt": job.fmt},
        )
        return f"{url}?{urlencode({'language': job.language})}"
    if job.variant == BILINGUAL:
        url = reverse("guidelines:translations_export", kwargs={"slug": slug, "fmt": job.fmt})
        return f"{url}?{urlencode({'language': job.language})}"
    if job.variant == REVIEW:  # the "Word for review" file (views/word_imports.py)
        url = reverse("guidelines:review_export", kwargs={"slug": slug})
        return f"{url}?{urlencode({'milestone': job.milestone_id})}" if job.milestone_id else url
    url = reverse("guidelines:document_export", kwargs={"slug": slug, "fmt": job.fmt})
    query = {k: v for k, v in (("milestone", job.milestone_id), ("against", job.against_id)) if v}
    return f"{url}?{urlencode(query)}" if query else url


def _again_url(request: HttpRequest, job) -> str:
    """ "Try again" only for who may ask for this export (the bilingual review: translators)."""
    if job.variant == BILINGUAL and not can(request.user, "translate"):
        return ""
    return job_source_url(job)


@rule("read")
def export_job_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = document_get(slug)
    job = _job_or_404(document, pk)
    return render(
        request,
        "guidelines/export_job.html",
        {"document": document, "job": job, "again_url": _again_url(request, job)},
        status=202 if job.is_active else 200,
    )


@rule("read")
def export_job_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Polled by the progress page: when the file is ready, send the browser to fetch it."""
    document = document_get(slug)
    job = _job_or_404(document, pk)
    if job.status == ExportStatus.DONE:
        response = render(request, "guidelines/_export_job_status.html", {"job": job})
        response["HX-Redirect"] = _job_url(job, "export_job_download")
        return response
    # 286 tells htmx to stop polling: a failed export will not fix itself.
    return render(
        request,
        "guidelines/_export_job_status.html",
        {"job": job, "again_url": _again_url(request, job)},
        status=286 if job.status == ExportStatus.FAILED else 200,
    )


@rule("read")
def export_job_download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = document_get(slug)
    job = _job_or_404(document, pk)
    if job.status != ExportStatus.DONE:
        return redirect(_job_url(job))
    return _file_response(job)


@rule("read")
def export_job_index(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    page = Paginator(export_job_list(document), 50).get_page(request.GET.get("page"))
    return render(request, "guidelines/export_jobs.html", {"document": document, "page": page})


@rule("read")
def working_document_export(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    document = document_get(slug)
    working = _working(document, pk)
    # The edition: ?language=en|fr (the buttons say which); else the interface's language.
    language = request.GET.get("language", "")
    language = language if language in EDITION_LANGUAGES else request.LANGUAGE_CODE
    reference = working.french_reference if language == "fr" else ""
    return serve_export(
        request,
        document=document,
        fmt=fmt,
        language=language,
        filename=reference or working.reference,
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
    return serve_export(
        request,
        document=document,
        fmt=fmt,
        filename=f"{document.slug}-{variant}",
        variant=variant,
        milestone=milestone,
        against=against,
    )


@rule("translate_read")
def translations_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The bilingual review (English | French per section) for the translators; its labels in
    ``?language=`` (en|fr), else the interface's."""
    document = document_get(slug)
    language = request.GET.get("language", "")
    language = language if language in EDITION_LANGUAGES else request.LANGUAGE_CODE
    return serve_export(
        request,
        document=document,
        fmt=fmt,
        language=language,
        filename=f"{document.slug}-{BILINGUAL}",
        variant=BILINGUAL,
    )
