"""The SAFE Framework's text: the import of a YAML/Markdown file and a text's history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms.framework import FrameworkUploadForm
from ..imports.framework import MAX_BYTES, FrameworkFileError, parse_framework
from ..permissions import rule
from ..selectors.framework import framework_text_get, framework_text_history
from ..services.framework import framework_import
from ..services.versions import VersionConflict


def _read(upload) -> bytes:
    """At most one byte over the limit: enough for the parser to refuse a big file."""
    return upload.read(MAX_BYTES + 1)


@rule("manage_reference")
def framework_import_page(request: HttpRequest) -> HttpResponse:
    form = FrameworkUploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = parse_framework(_read(upload), filename=upload.name)
            counts = framework_import(
                parsed=parsed, user=request.user, reason=form.cleaned_data["reason"]
            )
        except FrameworkFileError as error:
            errors = error.messages
        except ValidationError as error:
            errors = list(error.messages)
        except VersionConflict:
            errors = [_("A text was changed while the file was read: nothing was imported. "
                        "Upload the file again.")]  # fmt: skip
        else:
            messages.success(
                request,
                _("Imported: %(created)s texts created, %(changed)s changed, %(unchanged)s "
                  "unchanged.") % counts.__dict__,
            )  # fmt: skip
            return redirect("guidelines:safe")
    return render(
        request, "guidelines/framework_import.html", {"form": form, "file_errors": errors}
    )


@rule("read")
def framework_text_history_page(request: HttpRequest, pk: int) -> HttpResponse:
    text = framework_text_get(pk)
    if text is None:
        raise Http404
    page = Paginator(framework_text_history(text), 50).get_page(request.GET.get("page"))
    return render(
        request, "guidelines/framework_text_history.html", {"text": text, "versions": page}
    )
