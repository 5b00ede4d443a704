"""Word import pages: the "Word for review" download, the upload, the preview with its submit
form, the discard. Thin: forms check the input, services write, selectors read."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..exports.context import REVIEW
from ..forms.word_imports import WordDiscardForm, WordSubmitForm, WordUploadForm
from ..imports.types import UnreadableFile
from ..permissions import can, rule
from ..rendering.word_imports import item_redline
from ..selectors.documents import document_get
from ..selectors.snapshots import milestone_get
from ..selectors.word_imports import (
    import_preview,
    import_results,
    review_milestones,
    word_import_get,
    word_imports_open,
)
from ..services.word_imports import (
    check_size,
    word_import_discard,
    word_import_submit,
    word_import_upload,
)
from .exports import serve_export


@rule("read")
def review_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The "Word for review" file (current text, or ``?milestone=``), through the export queue."""
    document = document_get(slug)
    pk = request.GET.get("milestone")
    milestone = milestone_get(document, pk) if pk else None
    name = f"{document.slug}-review"
    if milestone is not None:
        name = f"{name}-{milestone.pk}"
    return serve_export(
        request, document=document, fmt="docx", filename=name, variant=REVIEW, milestone=milestone
    )


def _import_or_404(request: HttpRequest, document, pk):
    word_import = word_import_get(request.user, document, pk)
    if word_import is None:
        raise Http404("No such import.")
    return word_import


@rule("propose")
def word_import_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload a marked-up file: stored once it reads, then its preview page."""
    document = document_get(slug)
    on_behalf = can(request.user, "import_for_delegation")
    posted = request.method == "POST"
    form = WordUploadForm(
        request.POST if posted else None, request.FILES if posted else None, on_behalf=on_behalf
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_size(upload.size)  # before reading it
            word_import = word_import_upload(
                user=request.user,
                document=document,
                filename=upload.name,
                data=upload.read(),
                delegation=form.cleaned_data.get("delegation"),
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect(_detail_url(word_import))
    context = {
        "document": document,
        "form": form,
        "milestones": review_milestones(document),
        "imports": word_imports_open(request.user, document),
    }
    return render(
        request, "guidelines/word_import_new.html", context, status=400 if form.is_bound else 200
    )


def _detail_url(word_import) -> str:
    return reverse(
        "guidelines:word_import_detail",
        kwargs={"slug": word_import.document.slug, "pk": word_import.pk},
    )


def _preview_page(
    request, document, word_import, *, form=None, preview=None, status=200
) -> HttpResponse:
    """``preview``: when the caller computed it already (a refused submission)."""
    context = {"document": document, "word_import": word_import}
    if word_import.is_waiting:
        try:
            preview = preview or import_preview(word_import)
        except UnreadableFile as error:  # the reader changed since the upload
            context["unreadable"] = str(error)
        else:
            form = form or WordSubmitForm(preview=preview)
            redlines = {item.ref: item_redline(item) for item in preview.proposals}
            context.update(preview=preview, form=form, redlines=redlines)
            context["discard_form"] = WordDiscardForm()
    else:
        context["proposals"], context["comments"] = import_results(word_import)
    return render(request, "guidelines/word_import_detail.html", context, status=status)


@rule("propose")
def word_import_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The preview (waiting) or what was created (submitted)."""
    document = document_get(slug)
    return _preview_page(request, document, _import_or_404(request, document, pk))


@rule("propose_post")
def word_import_submit_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Submit the selected items, all or nothing; re-shown with what was typed when refused."""
    document = document_get(slug)
    word_import = _import_or_404(request, document, pk)
    if not word_import.is_waiting:
        return redirect(_detail_url(word_import))
    try:
        preview = import_preview(word_import)
    except UnreadableFile:  # the detail page says why
        return redirect(_detail_url(word_import))
    form = WordSubmitForm(request.POST, preview=preview)
    if form.is_valid():
        try:
            word_import_submit(user=request.user, word_import=word_import, **form.submission())
        except ValidationError as error:
            data = request.POST.copy()
            data["fingerprint"] = preview.fingerprint  # the new preview, if it changed
            form = WordSubmitForm(data, preview=preview)
            form.is_valid()
            form.add_error(None, error)
        else:
            messages.success(request, _("Submitted: the proposals and comments are listed below."))
            return redirect(_detail_url(word_import))
    return _preview_page(request, document, word_import, form=form, preview=preview, status=400)


@rule("propose_post")
def word_import_discard_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = document_get(slug)
    word_import = _import_or_404(request, document, pk)
    if word_import.is_waiting:
        word_import_discard(user=request.user, word_import=word_import)
        messages.info(request, _("The import was discarded; nothing was created."))
    return redirect(reverse("guidelines:word_import_new", kwargs={"slug": document.slug}))
