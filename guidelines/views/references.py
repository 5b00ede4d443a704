"""A document's references: broken ``[[key]]`` cross-references, references typed as words
that would go stale, and the one-click conversion of one of those into a link."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms.references import TypedReferenceConvertForm
from ..permissions import rule
from ..selectors.documents import document_get
from ..selectors.history import section_get
from ..selectors.references import document_references
from ..selectors.versions import text_changes_since
from ..services.sections import EditConflict, SectionDeleted
from ..services.translations import TranslationConflict
from ..services.xrefs import typed_reference_convert
from .conflicts import conflict_page


@rule("read")
def references(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    return render(
        request,
        "guidelines/references.html",
        {"document": document, "report": document_references(document)},
    )


@rule("edit_text_post")
def typed_reference_convert_view(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    form = TypedReferenceConvertForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("This conversion is not one the page offered."))
    data = form.cleaned_data
    try:
        section = section_get(document, data["section"])
    except Http404:
        return HttpResponseBadRequest(_("This conversion is not one the page offered."))
    back = reverse("guidelines:references", args=[document.slug])
    try:
        typed_reference_convert(
            section=section, language=data["language"], start=data["start"], text=data["text"],
            target_key=data["target"], version=form.version_number(), user=request.user,
        )  # fmt: skip
    except (EditConflict, TranslationConflict, SectionDeleted) as conflict:
        message = _(
            "Nothing was changed: the text of “%(heading)s” changed since you opened the "
            "references page. Check the list as it is now, then convert again."
        ) % {"heading": section.heading}
        changes = (
            text_changes_since(conflict.current, conflict.base_version)
            if isinstance(conflict, EditConflict)
            else []
        )
        return conflict_page(
            request, document=document, message=message, changes=changes, back_url=back,
            back_label=_("Back to the references"),
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(
        request,
        _("“%(text)s” in “%(heading)s” is now a link to the section.")
        % {"text": data["text"], "heading": section.heading},
    )
    return redirect(back)
