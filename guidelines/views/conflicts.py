"""Conflict pages (409): a write was refused because what it would change changed since the page
was rendered. They say what changed (who, when, why) and keep what the person typed."""

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms.working_documents import WorkingDocumentForm
from ..rendering.diff import diff_text, diff_words
from ..selectors.history import version_with_number
from ..selectors.phase_two import disposition_changes_since
from ..selectors.versions import (
    Change,
    mapping_changes_since,
    structure_changes_since,
    text_changes_since,
    working_document_changes_since,
    working_document_version,
)
from ..services.phase_two import DispositionConflict
from ..services.sections import EditConflict
from ..services.versions import MappingConflict, StructureConflict, WorkingDocumentConflict
from ..services.working_documents import FIELDS


def text_conflict_page(
    request: HttpRequest,
    document,
    conflict: EditConflict,
    *,
    form: Form,
    action: str,
    submit_label: str,
    back_url: str = "",
) -> HttpResponse:
    """Someone saved the section first: the word diff of what they changed since the version the
    page was rendered from, and ``form`` (built on the current version) with this person's
    heading and text, to merge and send again."""
    current = conflict.current
    base = version_with_number(current, conflict.base_version)
    context = {
        "document": document,
        "section": current,
        "base": base,
        "theirs_heading": diff_words(base.heading, current.heading) if base else None,
        "theirs": diff_text(base.body, current.body) if base else None,
        "yours": diff_text(current.body, form.initial.get("body", "")),
        "form": form,
        "action": action,
        "submit_label": submit_label,
        "back_url": back_url,
        "newer": current.history.filter(version__gt=conflict.base_version or 0)
        .select_related("history_user")
        .order_by("history_id"),
    }
    return render(request, "guidelines/section_conflict.html", context, status=409)


def conflict_page(
    request: HttpRequest,
    *,
    document,
    message: str,
    changes: list[Change],
    back_url: str,
    back_label: str,
    fields: list[str] = (),
    form: Form | None = None,
    action: str = "",
    submit_label: str = "",
) -> HttpResponse:
    """The other conflicts: what changed, from the history, and the typed values if any."""
    context = {
        "document": document,
        "message": message,
        "changes": changes,
        "fields": list(fields),
        "form": form,
        "action": action,
        "submit_label": submit_label,
        "back_url": back_url,
        "back_label": back_label,
    }
    return render(request, "guidelines/conflict.html", context, status=409)


def structure_conflict_page(
    request: HttpRequest, document, conflict: StructureConflict, **kwargs
) -> HttpResponse:
    section = conflict.section
    message = _(
        "Nothing was changed: since you opened the page, sections were moved, added, deleted or "
        "restored around “%(heading)s”. Check the document as it is now, then try again."
    ) % {"heading": section.heading}
    changes = structure_changes_since(section, conflict.expected)
    return conflict_page(request, document=document, message=message, changes=changes, **kwargs)


def mapping_conflict_page(
    request: HttpRequest, document, conflict: MappingConflict, **kwargs
) -> HttpResponse:
    section = conflict.section
    message = _(
        "Nothing was changed: the SAFE mappings of “%(heading)s” changed since you opened the "
        "page. Check them as they are now, then decide again."
    ) % {"heading": section.heading}
    changes = mapping_changes_since(section, conflict.expected)
    return conflict_page(request, document=document, message=message, changes=changes, **kwargs)


def disposition_conflict_page(
    request: HttpRequest, document, conflict: DispositionConflict, **kwargs
) -> HttpResponse:
    """A phase-two disposition set by someone else since the page was rendered."""
    section = conflict.section
    message = _(
        "Nothing was changed: the phase-two disposition of “%(heading)s” was set by someone "
        "else since you opened the page. Read it as it is now, then decide again."
    ) % {"heading": section.heading}
    changes = disposition_changes_since(section, conflict.expected)
    return conflict_page(request, document=document, message=message, changes=changes, **kwargs)


def section_changed_page(
    request: HttpRequest, document, conflict: EditConflict, **kwargs
) -> HttpResponse:
    """A decision that writes no text, on a section whose text changed since the page."""
    section = conflict.current
    message = _(
        "Nothing was changed: “%(heading)s” was saved as version %(current)s since you opened "
        "the page (on version %(base)s). Read it as it is now, then decide again."
    ) % {
        "heading": section.heading,
        "current": section.version,
        "base": conflict.base_version if conflict.base_version is not None else "?",
    }
    changes = text_changes_since(section, conflict.base_version)
    return conflict_page(request, document=document, message=message, changes=changes, **kwargs)


def working_document_conflict_page(
    request: HttpRequest, document, conflict: WorkingDocumentConflict
) -> HttpResponse:
    """Someone saved the working document since the form was opened: which fields they changed,
    who and when, and this person's form as typed, on the current version."""
    current = conflict.current
    changes, fields = working_document_changes_since(current, conflict.expected, FIELDS)
    data = request.POST.copy()
    data["version"] = working_document_version(current)
    form = WorkingDocumentForm(data, instance=current, document=document)
    message = _(
        "Nothing was saved: %(reference)s was saved by someone else since you opened it. Your "
        "entries are kept below; compare them with the current version, then save again."
    ) % {"reference": current.reference}
    back = reverse("guidelines:working_document_edit", args=[document.slug, current.pk])
    return conflict_page(
        request, document=document, message=message, changes=changes, fields=fields, form=form,
        action=back, submit_label=_("Save"), back_url=back,
        back_label=_("Open the current version (your entries are not kept)"),
    )  # fmt: skip
