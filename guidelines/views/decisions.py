"""The proposal page and the decisions on it: one view, one form and one URL per decision
(accept; accept with changes, which is also the automatic merge; reject with a reason).

Each decision form carries the versions the page was rendered from. An invalid form shows the
page again (400) with what was typed; a change since the page gives a conflict page (409).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ..forms.comments import CommentForm
from ..forms.proposals import AcceptForm, AcceptWithChangesForm, RejectForm
from ..models import ProposalKind
from ..permissions import can, rule
from ..rendering.proposals import proposal_redline, three_way
from ..selectors.comments import proposal_threads
from ..selectors.documents import document_get
from ..selectors.proposals import adopted_text, proposal_get, section_numbers
from ..selectors.versions import decision_versions
from ..services import proposals as service
from ..services.phase_two import DispositionConflict
from ..services.sections import EditConflict
from ..services.versions import MappingConflict, StructureConflict
from .conflicts import (
    disposition_conflict_page,
    mapping_conflict_page,
    section_changed_page,
    structure_conflict_page,
    text_conflict_page,
)


def detail_url(document, proposal) -> str:
    return reverse("guidelines:proposal_detail", kwargs={"slug": document.slug, "pk": proposal.pk})


def _url(name: str, document, proposal) -> str:
    return reverse(f"guidelines:{name}", kwargs={"slug": document.slug, "pk": proposal.pk})


def _merge(proposal, section):
    """The three-way view of a stale amendment (None if the proposal is not stale)."""
    if not proposal.is_stale(section.version):
        return None
    return three_way(proposal, current_heading=section.heading, current_body=section.body)


def _text_to_accept(proposal, merge) -> dict[str, str]:
    """What the accept-with-changes form starts with: the automatic merge when the proposal is
    stale and the merge is clean, otherwise the proposed text."""
    if merge is not None and merge.clean:
        return {"heading": merge.heading.text, "body": merge.body.text}
    return {"heading": proposal.proposed_heading, "body": proposal.proposed_body}


def proposal_page(
    request: HttpRequest,
    document,
    proposal,
    *,
    accept_form: AcceptForm | None = None,
    changes_form: AcceptWithChangesForm | None = None,
    reject_form: RejectForm | None = None,
    comment_form: CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The proposal page with its discussion; a decision or comment form given (bound, with
    errors) is shown as it was sent."""
    section = proposal.section
    redline = proposal_redline(
        proposal,
        current_heading=section.heading,
        current_body=section.body,
        current_version=section.version,
        adopted=adopted_text(proposal) if proposal.kind == ProposalKind.AMEND else None,
    )
    deciding = can(request.user, "decide") and proposal.is_open
    merge = _merge(proposal, section) if deciding else None
    context = {
        "document": document,
        "proposal": proposal,
        "section": section,
        "redline": redline,
        "number": section_numbers(document).get(section.pk, ""),
        "merge": merge,
        "deciding": deciding,
        "can_withdraw": proposal.is_open and proposal.author_id == request.user.pk,
        "threads": proposal_threads(proposal),
        "comment_form": comment_form or CommentForm(auto_id="id_comment_%s"),
    }
    if deciding:
        initial = {**_text_to_accept(proposal, merge), "section_version": section.version}
        context |= {
            "accept_form": accept_form or AcceptForm(initial=decision_versions(proposal, section)),
            "changes_form": changes_form
            or AcceptWithChangesForm(initial=initial, auto_id="id_changes_%s"),
            "reject_form": reject_form or RejectForm(auto_id="id_reject_%s"),
        }
    return render(request, "guidelines/proposal_detail.html", context, status=status)


# --- Back to the section page (a decision taken from its "Show suggestions" view) ---
def return_to(request: HttpRequest, document, default: str) -> str:
    """Where a decision goes back to: ``next`` if it is a section page of this document on this
    site (checked as a URL, then resolved: nothing else, never another site), with its
    suggestions shown; otherwise ``default`` (the proposal page)."""
    target = request.POST.get("next", "")
    if not target or not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return default
    try:
        match = resolve(target.split("?", 1)[0].split("#", 1)[0])
    except Resolver404:
        return default
    if match.view_name != "guidelines:section_detail" or match.kwargs.get("slug") != document.slug:
        return default
    return reverse("guidelines:section_detail", kwargs=match.kwargs) + "?suggestions=1#suggestions"


# --- end of the return to the section page ---


def _closed(request: HttpRequest, document, closed: service.ProposalClosed) -> HttpResponse:
    messages.warning(
        request,
        _("This proposal was already %(s)s; nothing was changed.")
        % {"s": closed.proposal.get_status_display()},
    )
    return redirect(return_to(request, document, detail_url(document, closed.proposal)))


def _decided(request: HttpRequest, document, proposal) -> HttpResponse:
    messages.success(request, _("Decision recorded."))
    return redirect(return_to(request, document, detail_url(document, proposal)))


def _changes_conflict(request, document, proposal, conflict: EditConflict, data: dict):
    """The section was saved since: what changed, and the text to accept, on the new version."""
    form = AcceptWithChangesForm(
        initial={**data, "section_version": conflict.current.version}, auto_id="id_changes_%s"
    )
    return text_conflict_page(
        request,
        document,
        conflict,
        form=form,
        action=_url("proposal_accept_changes", document, proposal),
        submit_label=_("Accept with these changes"),
        back_url=detail_url(document, proposal),
    )


@rule("decide")
def proposal_accept(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Accept as proposed. GET shows the proposal page."""
    document = document_get(slug)
    proposal = proposal_get(document, pk)
    if request.method != "POST":
        return redirect(detail_url(document, proposal))
    form = AcceptForm(request.POST)
    form.is_valid()  # hidden tokens kept as text: never invalid
    data = form.cleaned_data
    back = {"back_url": detail_url(document, proposal), "back_label": _("Back to the proposal")}
    try:
        service.proposal_accept(
            proposal=proposal,
            user=request.user,
            expected_version=form.section_version_number(),
            expected_structure=data["structure_version"],
            expected_mappings=data["mappings_version"],
            expected_disposition=data["disposition_version"],
        )
    except service.ProposalClosed as closed:
        return _closed(request, document, closed)
    except service.StaleProposal:
        messages.error(
            request,
            _(
                "The section changed since this proposal was made: resolve it "
                "with the three-way view before accepting."
            ),
        )
        return redirect(detail_url(document, proposal))
    except EditConflict as conflict:
        if proposal.kind == ProposalKind.AMEND:
            text = _text_to_accept(proposal, _merge(proposal, conflict.current))
            return _changes_conflict(request, document, proposal, conflict, text)
        return section_changed_page(request, document, conflict, **back)
    except StructureConflict as conflict:
        return structure_conflict_page(request, document, conflict, **back)
    except MappingConflict as conflict:
        return mapping_conflict_page(request, document, conflict, **back)
    except DispositionConflict as conflict:
        return disposition_conflict_page(request, document, conflict, **back)
    except ValidationError as error:
        form.add_error(None, error)
        return proposal_page(request, document, proposal, accept_form=form, status=400)
    return _decided(request, document, proposal)


@rule("decide")
def proposal_accept_changes(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Accept an amendment with the facilitator's text, or with the automatic merge."""
    document = document_get(slug)
    proposal = proposal_get(document, pk)
    if request.method != "POST":
        return redirect(detail_url(document, proposal))
    form = AcceptWithChangesForm(request.POST, auto_id="id_changes_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            service.proposal_accept_with_changes(
                proposal=proposal,
                user=request.user,
                heading=data["heading"],
                body=data["body"],
                note=data["note"],
                expected_version=form.section_version_number(),
            )
        except service.ProposalClosed as closed:
            return _closed(request, document, closed)
        except EditConflict as conflict:
            typed = {k: data[k] for k in ("heading", "body", "note")}
            return _changes_conflict(request, document, proposal, conflict, typed)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _decided(request, document, proposal)
    return proposal_page(request, document, proposal, changes_form=form, status=400)


@rule("decide")
def proposal_reject(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Reject with a reason (required). Rejecting writes nothing on the section, so it carries no
    section version; a proposal decided meanwhile is refused (``ProposalClosed``)."""
    document = document_get(slug)
    proposal = proposal_get(document, pk)
    if request.method != "POST":
        return redirect(detail_url(document, proposal))
    form = RejectForm(request.POST, auto_id="id_reject_%s")
    if form.is_valid():
        try:
            service.proposal_reject(
                proposal=proposal, user=request.user, reason=form.cleaned_data["reason"]
            )
        except service.ProposalClosed as closed:
            return _closed(request, document, closed)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _decided(request, document, proposal)
    return proposal_page(request, document, proposal, reject_form=form, status=400)
