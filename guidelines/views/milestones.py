"""Milestones (named drafts) and the document-wide comparison of two drafts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms.milestones import MilestoneForm
from ..models import Milestone
from ..permissions import can, rule
from ..selectors.documents import document_get
from ..selectors.rounds import milestone_rounds
from ..selectors.snapshots import document_compare, snapshot_for, who_changed
from ..services.milestones import milestone_create


@rule("read")
def milestone_list(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    milestones = Milestone.objects.filter(document=document).select_related("created_by")
    return render(
        request,
        "guidelines/milestones.html",
        {
            "document": document,
            "milestones": milestones,
            "rounds": milestone_rounds(document),
            "form": MilestoneForm() if can(request.user, "edit_text") else None,
        },
    )


@rule("edit_text_post")
def milestone_new(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            milestone = milestone_create(document=document, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Milestone “%(n)s” created.") % {"n": milestone.name})
            return redirect("guidelines:milestones", slug=slug)
    milestones = Milestone.objects.filter(document=document).select_related("created_by")
    return render(
        request,
        "guidelines/milestones.html",
        {
            "document": document,
            "milestones": milestones,
            "rounds": milestone_rounds(document),
            "form": form,
        },
        status=400,
    )


@rule("read")
def document_compare_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Any two milestones, or a milestone and the current text (``?from=<id>&to=<id|current>``)."""
    document = document_get(slug)
    milestones = list(Milestone.objects.filter(document=document))
    old_ref = request.GET.get("from") or (str(milestones[0].pk) if milestones else "current")
    new_ref = request.GET.get("to") or "current"
    comparison = document_compare(snapshot_for(document, old_ref), snapshot_for(document, new_ref))
    only_changes = request.GET.get("all") != "1"
    return render(
        request,
        "guidelines/document_compare.html",
        {
            "document": document,
            "c": comparison,
            "milestones": milestones,
            "old_ref": old_ref,
            "new_ref": new_ref,
            "only_changes": only_changes,
            "entries": comparison.changed_entries if only_changes else comparison.entries,
            "who": who_changed(comparison),
            "sides": (comparison.old, comparison.new),
        },
    )
