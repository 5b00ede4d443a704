"""Editing the draft: a section's text (with live preview and conflict page) and the structure."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ..forms.sections import (
    DeleteForm,
    RestoreVersionForm,
    SectionAddForm,
    SectionEditForm,
    StructureForm,
)
from ..permissions import rule
from ..rendering.markdown import render_markdown
from ..selectors.documents import document_get
from ..selectors.history import past_version, section_get
from ..selectors.versions import structure_version
from ..services import structure
from ..services.sections import (
    EditConflict,
    SectionDeleted,
    clean_text,
    restore_reason,
    section_restore_version,
    section_update,
    validate_body,
)
from ..services.versions import StructureConflict
from .conflicts import structure_conflict_page, text_conflict_page


def _section_url(document, section) -> str:
    return reverse("guidelines:section_detail", kwargs={"slug": document.slug, "key": section.key})


def deleted_page(request: HttpRequest, document, section, *, status: int) -> HttpResponse:
    """A deleted section's page: what it said, and "Restore" (with the structure token)."""
    return render(
        request,
        "guidelines/section_deleted.html",
        {"document": document, "section": section, "version": structure_version(section)},
        status=status,
    )


@rule("edit_text")
def section_edit(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    document = document_get(slug)
    section = section_get(document, key)
    if section.is_deleted:
        return deleted_page(request, document, section, status=409)
    if request.method == "POST":
        form = SectionEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = section_update(
                    section=section,
                    heading=data["heading"],
                    body=data["body"],
                    base_version=form.base_version_number(),
                    user=request.user,
                    reason=data["reason"],
                )
            except EditConflict as conflict:
                return edit_conflict_page(request, document, conflict, data)
            except SectionDeleted:
                return deleted_page(request, document, section, status=409)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if result.saved:
                    messages.success(
                        request, _("Saved as version %(v)s.") % {"v": result.section.version}
                    )
                else:
                    messages.info(request, _("Nothing changed, so no new version was made."))
                return redirect(_section_url(document, section))
    else:
        form = SectionEditForm(
            initial={
                "heading": section.heading,
                "body": section.body,
                "base_version": section.version,
            }
        )
    return render(
        request,
        "guidelines/section_edit.html",
        {
            "document": document,
            "section": section,
            "form": form,
            **text_preview_context(form["body"].value()),
        },
    )


def text_preview_context(body: str | None, *, validate=validate_body) -> dict:
    """What the preview shows: the rendered text, or, for a text the save would refuse as too
    long, the save's own message (nothing is rendered). ``validate`` is the save's own size
    check: a section's or proposal's (the default) or a comment's."""
    body = clean_text(body or "")
    try:
        validate(body)
    except ValidationError as error:
        return {"preview": "", "preview_error": " ".join(error.messages)}
    return {"preview": render_markdown(body, id_prefix="preview", keep=False)}


def edit_conflict_page(
    request: HttpRequest, document, conflict: EditConflict, data: dict
) -> HttpResponse:
    """Someone saved first: show what they changed, keep what this person typed (``data``:
    heading, body, reason) in the edit form, on the current version."""
    section = conflict.current
    form = SectionEditForm(initial={**data, "base_version": section.version})
    return text_conflict_page(
        request,
        document,
        conflict,
        form=form,
        action=reverse("guidelines:section_edit", args=[document.slug, section.key]),
        submit_label=_("Save"),
    )


@rule("edit_text_post")
def section_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The live preview: the posted text through the same safe pipeline as the page; a text
    over the save's limit is refused (413) with the save's message, without being rendered."""
    context = text_preview_context(request.POST.get("body", ""))
    status = 413 if "preview_error" in context else 200
    return render(request, "guidelines/_preview.html", context, status=status)


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


def _back(request: HttpRequest, default: str) -> HttpResponse:
    return redirect(_next_url(request, default))


STRUCTURE_ACTIONS = {
    "up": lambda s, **kw: structure.section_move(section=s, direction=structure.UP, **kw),
    "down": lambda s, **kw: structure.section_move(section=s, direction=structure.DOWN, **kw),
    "indent": lambda s, **kw: structure.section_indent(section=s, **kw),
    "outdent": lambda s, **kw: structure.section_outdent(section=s, **kw),
    "restore": lambda s, **kw: structure.section_restore(section=s, **kw),
}


@rule("edit_text_post")
def section_structure(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """Move up/down, indent/outdent, restore (POST only; GET is 405), with the structure token
    of the page the button was on."""
    document = document_get(slug)
    section = section_get(document, key)
    form = StructureForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown action."))
        return _back(request, _section_url(document, section))
    action = STRUCTURE_ACTIONS[form.cleaned_data["action"]]
    try:
        action(section, user=request.user, expected_version=form.cleaned_data["version"])
    except StructureConflict as conflict:
        back = _next_url(request, _section_url(document, section))
        return structure_conflict_page(
            request, document, conflict, back_url=back, back_label=_("Back to the page")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Structure updated; numbers follow."))
    return _back(request, _section_url(document, section))


@rule("edit_text")
def section_delete_view(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    document = document_get(slug)
    section = section_get(document, key)
    if section.is_deleted:
        return deleted_page(request, document, section, status=409)
    form = DeleteForm(request.POST or None, initial={"version": structure_version(section)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            structure.section_delete(
                section=section,
                user=request.user,
                reason=data["reason"],
                expected_version=data["version"],
            )
        except StructureConflict as conflict:
            fresh = DeleteForm(initial={**data, "version": structure_version(section)})
            return structure_conflict_page(
                request, document, conflict, form=fresh, action=request.path,
                submit_label=_("Delete"), back_url=_section_url(document, section),
                back_label=_("Back to the section"),
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("“%(h)s” was deleted. It can be restored from the document page.")
                % {"h": section.heading},
            )
            return redirect("guidelines:document_detail", slug=document.slug)
    return render(
        request,
        "guidelines/section_delete.html",
        {"document": document, "section": section, "form": form},
    )


@rule("edit_text")
def section_add(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    document = document_get(slug)
    anchor = section_get(document, key)
    if anchor.is_deleted:
        return deleted_page(request, document, anchor, status=409)
    initial = {"where": request.GET.get("where", "after"), "version": structure_version(anchor)}
    form = SectionAddForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = structure.section_insert(
                anchor=anchor,
                document=document,
                where=data["where"],
                heading=data["heading"],
                body=data["body"],
                kind=data["kind"],
                user=request.user,
                reason=data["reason"],
                expected_version=data["version"],
            )
        except StructureConflict as conflict:
            fresh = SectionAddForm(initial={**data, "version": structure_version(anchor)})
            return structure_conflict_page(
                request, document, conflict, form=fresh, action=request.path,
                submit_label=_("Add section"), back_url=_section_url(document, anchor),
                back_label=_("Back to the section"),
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Section added."))
            return redirect(_section_url(document, new))
    return render(
        request,
        "guidelines/section_add.html",
        {"document": document, "anchor": anchor, "form": form},
    )


@rule("edit_text_post")
def section_restore_version_view(request: HttpRequest, slug: str, key: str, history_id: int):
    """Restore a past version, if the section is still at the version the history page showed;
    otherwise the conflict page, with the past text in the edit form to merge and save."""
    document = document_get(slug)
    section = section_get(document, key)
    if section.is_deleted:
        return deleted_page(request, document, section, status=409)
    form = RestoreVersionForm(request.POST)
    form.is_valid()  # one hidden field, kept as text: never invalid
    try:
        result = section_restore_version(
            section=section,
            history_id=history_id,
            user=request.user,
            expected_version=form.version_number(),
        )
    except EditConflict as conflict:
        past = past_version(section, history_id)
        data = {"heading": past.heading, "body": past.body, "reason": restore_reason(past)}
        return edit_conflict_page(request, document, conflict, data)
    except SectionDeleted:
        return deleted_page(request, document, section, status=409)
    except ValidationError as error:
        messages.error(request, _("Not restored: %(e)s") % {"e": " ".join(error.messages)})
    else:
        if result.saved:
            messages.success(
                request, result.section.history.latest("history_id").history_change_reason
            )
        else:
            messages.info(request, _("That version is the current text already."))
    return redirect(_section_url(document, section))
