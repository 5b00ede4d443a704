"""Phase two's dispositions: a section's phase-two page (its disposition, the open proposals and
the history), a member's proposal of a disposition, the facilitator's direct setting, and the
"phase-two draft" of a document. One view per action, one form per action."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms.phase_two import DispositionProposalForm, DispositionSetForm
from ..models import ProposalKind
from ..permissions import can, rule
from ..rendering.markdown import warm
from ..rendering.render_cache import section_texts
from ..selectors.documents import document_get
from ..selectors.history import section_get
from ..selectors.phase_two import (
    disposition_history,
    disposition_version,
    open_disposition_proposals,
    other_live_sections,
    phase_two_draft,
    section_disposition,
)
from ..selectors.proposals import section_numbers
from ..selectors.ratelimits import PROPOSAL, rate_limit_check
from ..services import proposals as proposal_service
from ..services.phase_two import DispositionConflict, disposition_set
from .conflicts import disposition_conflict_page
from .editing import deleted_page
from .limits import with_limit


def _page_url(document, section) -> str:
    return reverse(
        "guidelines:section_phase_two", kwargs={"slug": document.slug, "key": section.key}
    )


def _form_kwargs(section, numbers) -> dict:
    return {"sections": other_live_sections(section), "numbers": numbers}


def _section_page(request, document, section, *, set_form=None, status=200) -> HttpResponse:
    numbers = section_numbers(document)
    context = {
        "document": document,
        "section": section,
        "number": numbers.get(section.pk, ""),
        "numbers": numbers,
        "current": section_disposition(section),
        "open_proposals": open_disposition_proposals(section),
        "history": disposition_history(section),
    }
    if can(request.user, "decide") and not section.is_deleted:
        current = context["current"]
        initial = {"version": disposition_version(section)}
        if current is not None:
            initial |= {
                "disposition": current.disposition,
                "standard": current.standard_id if current.standard_id else None,
                "integrate_as": current.integrate_as,
                "duplicate_of": current.duplicate_of_id,
                "note": current.note,
            }
        context["set_form"] = set_form or DispositionSetForm(
            initial=initial, auto_id="id_set_%s", **_form_kwargs(section, numbers)
        )
    return render(request, "guidelines/section_phase_two.html", context, status=status)


@rule("read")
def section_phase_two(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    document = document_get(slug)
    return _section_page(request, document, section_get(document, key))


@rule("decide")
def disposition_set_view(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """The facilitator sets or changes the disposition directly (reason required)."""
    document = document_get(slug)
    section = section_get(document, key)
    if request.method != "POST":
        return redirect(_page_url(document, section))
    numbers = section_numbers(document)
    form = DispositionSetForm(request.POST, auto_id="id_set_%s", **_form_kwargs(section, numbers))
    if form.is_valid():
        data = form.cleaned_data
        try:
            disposition_set(
                section=section,
                disposition=data["disposition"],
                integrate_as=data["integrate_as"],
                standard=data["standard"],
                duplicate_of=data["duplicate_of"],
                note=data["note"],
                user=request.user,
                reason=data["reason"],
                expected_version=data["version"],
            )
        except DispositionConflict as conflict:
            return disposition_conflict_page(
                request,
                document,
                conflict,
                back_url=_page_url(document, section),
                back_label=_("Back to the phase-two page"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Disposition recorded."))
            return redirect(_page_url(document, section))
    return _section_page(request, document, section, set_form=form, status=400)


@rule("propose")
def disposition_propose(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """A member proposes a phase-two disposition for the section."""
    document = document_get(slug)
    section = section_get(document, key)
    if section.is_deleted:
        return deleted_page(request, document, section, status=409)
    numbers = section_numbers(document)
    form = DispositionProposalForm(request.POST or None, **_form_kwargs(section, numbers))
    refused = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rate_limit_check(user=request.user, action=PROPOSAL)
            proposal = proposal_service.proposal_create(
                user=request.user,
                section=section,
                kind=ProposalKind.DISPOSE,
                rationale=data["rationale"],
                disposition=data["disposition"],
                integrate_as=data["integrate_as"],
                standard=data["standard"],
                target=data["duplicate_of"],
                language=data["language"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            refused = error
        else:
            messages.success(request, _("Proposal #%(n)s submitted.") % {"n": proposal.pk})
            return redirect(
                reverse(
                    "guidelines:proposal_detail", kwargs={"slug": document.slug, "pk": proposal.pk}
                )
            )
    context = {
        "document": document,
        "section": section,
        "number": numbers.get(section.pk, ""),
        "form": form,
    }
    status = 400 if form.is_bound else 200
    response = render(request, "guidelines/disposition_propose.html", context, status=status)
    return with_limit(response, refused)


@rule("read")
def phase_two_draft_view(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    draft = phase_two_draft(document)
    warm(section_texts(row.node for row in draft.with_text))
    return render(
        request, "guidelines/phase_two_draft.html", {"document": document, "draft": draft}
    )
