"""Editing the draft: a section's text (with live preview and conflict page) and the structure."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ..forms.sections import DeleteForm, SectionAddForm, SectionEditForm
from ..permissions import rule
from ..rendering.diff import diff_text, diff_words
from ..rendering.markdown import render_markdown
from ..selectors.documents import document_get
from ..selectors.history import section_get, version_with_number
from ..services import structure
from ..services.sections import (
    EditConflict,
    SectionDeleted,
    clean_text,
    section_restore_version,
    section_update,
)


def _section_url(document, section) -> str:
    return reverse("guidelines:section_detail", kwargs={"slug": document.slug, "key": section.key})


def deleted_page(request: HttpRequest, document, section, *, status: int) -> HttpResponse:
    return render(
        request,
        "guidelines/section_deleted.html",
        {"document": document, "section": section},
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
                return conflict_page(request, document, conflict, data)
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
    preview = render_markdown(form["body"].value() or "", id_prefix="preview")
    return render(
        request,
        "guidelines/section_edit.html",
        {"document": document, "section": section, "form": form, "preview": preview},
    )


def conflict_page(
    request: HttpRequest, document, conflict: EditConflict, data: dict
) -> HttpResponse:
    """Someone saved first: show what they changed, keep what this person typed."""
    current = conflict.current
    base = version_with_number(current, conflict.base_version)
    form = SectionEditForm(initial={**data, "base_version": current.version})
    context = {
        "document": document,
        "section": current,
        "base": base,
        "theirs_heading": diff_words(base.heading, current.heading) if base else None,
        "theirs": diff_text(base.body, current.body) if base else None,
        "yours": diff_text(current.body, data["body"]),
        "form": form,
        "newer": current.history.filter(version__gt=conflict.base_version or 0)
        .select_related("history_user")
        .order_by("history_id"),
    }
    return render(request, "guidelines/section_conflict.html", context, status=409)


@rule("edit_text_post")
def section_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The live preview: the posted text through the same safe pipeline as the page."""
    html = render_markdown(clean_text(request.POST.get("body", "")), id_prefix="preview")
    return render(request, "guidelines/_preview.html", {"preview": html})


def _back(request: HttpRequest, default: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect(default)


STRUCTURE_ACTIONS = {
    "up": lambda s, u: structure.section_move(section=s, direction=structure.UP, user=u),
    "down": lambda s, u: structure.section_move(section=s, direction=structure.DOWN, user=u),
    "indent": lambda s, u: structure.section_indent(section=s, user=u),
    "outdent": lambda s, u: structure.section_outdent(section=s, user=u),
    "restore": lambda s, u: structure.section_restore(section=s, user=u),
}


@rule("edit_text_post")
def section_structure(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """Move up/down, indent/outdent, restore (POST only; GET is 405)."""
    document = document_get(slug)
    section = section_get(document, key)
    action = STRUCTURE_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Unknown action."))
    else:
        try:
            action(section, request.user)
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
    form = DeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        structure.section_delete(
            section=section, user=request.user, reason=form.cleaned_data["reason"]
        )
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
    form = SectionAddForm(
        request.POST or None, initial={"where": request.GET.get("where", "after")}
    )
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
            )
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
    document = document_get(slug)
    section = section_get(document, key)
    if section.is_deleted:
        return deleted_page(request, document, section, status=409)
    try:
        result = section_restore_version(section=section, history_id=history_id, user=request.user)
    except (ValidationError, EditConflict) as error:
        messages.error(request, _("Not restored: %(e)s") % {"e": error})
    else:
        if result.saved:
            messages.success(
                request, result.section.history.latest("history_id").history_change_reason
            )
        else:
            messages.info(request, _("That version is the current text already."))
    return redirect(_section_url(document, section))
