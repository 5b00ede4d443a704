"""Proposals: propose, read as tracked changes, discuss, decide, list, disposition table."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..exports.disposition import disposition_csv, disposition_xlsx
from ..forms.proposals import (
    AcceptWithChangesForm,
    ProposalFilterForm,
    ProposalForm,
    RejectForm,
    ReplyForm,
)
from ..models import Delegation, ProposalKind, ProposalStatus, Section
from ..permissions import can, rule
from ..rendering.proposals import proposal_redline, three_way
from ..selectors.documents import document_get
from ..selectors.history import section_get
from ..selectors.proposals import (
    ProposalFilters,
    adopted_text,
    disposition_rows,
    proposal_get,
    proposal_list,
    section_numbers,
    status_counts,
)
from ..services import proposals as service
from .editing import deleted_page

PAGE_SIZE = 50


def _detail_url(document, proposal) -> str:
    return reverse("guidelines:proposal_detail", kwargs={"slug": document.slug, "pk": proposal.pk})


@rule("propose")
def proposal_new(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    document = document_get(slug)
    section = section_get(document, key)
    if section.is_deleted:
        return deleted_page(request, document, section, status=409)
    kind = request.GET.get("kind") or request.POST.get("kind") or ProposalKind.AMEND
    if kind not in ProposalKind.values:
        kind = ProposalKind.AMEND
    numbers = section_numbers(document)
    sections = Section.objects.live().for_document(document).exclude(pk=section.pk)
    initial = {"heading": section.heading, "body": section.body} if kind == "amend" else {}
    form = ProposalForm(
        request.POST or None,
        initial={**initial, "placement": "after"},
        sections=sections,
        numbers=numbers,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = service.proposal_create(
                user=request.user,
                section=section,
                kind=kind,
                rationale=data["rationale"],
                heading=data["heading"],
                body=data["body"],
                placement=data["placement"],
                target=data["target"],
                standard=data["standard"],
                relation=data["relation"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Proposal #%(n)s submitted.") % {"n": proposal.pk})
            return redirect(_detail_url(document, proposal))
    return render(
        request,
        "guidelines/proposal_form.html",
        {
            "document": document,
            "section": section,
            "form": form,
            "kind": kind,
            "kind_label": ProposalKind(kind).label,
            "number": numbers.get(section.pk, ""),
            "kinds": ProposalKind.choices,
        },
    )


@rule("read")
def proposal_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = document_get(slug)
    proposal = proposal_get(document, pk)
    section = proposal.section
    redline = proposal_redline(
        proposal,
        current_heading=section.heading,
        current_body=section.body,
        current_version=section.version,
        adopted=adopted_text(proposal) if proposal.kind == ProposalKind.AMEND else None,
    )
    deciding = can(request.user, "decide") and proposal.is_open
    merge = None
    if deciding and redline.stale:
        merge = three_way(proposal, current_heading=section.heading, current_body=section.body)
    changes_initial = {"heading": proposal.proposed_heading, "body": proposal.proposed_body}
    if merge is not None and merge.clean:
        changes_initial = {"heading": merge.heading.text, "body": merge.body.text}
    return render(
        request,
        "guidelines/proposal_detail.html",
        {
            "document": document,
            "proposal": proposal,
            "section": section,
            "redline": redline,
            "number": section_numbers(document).get(section.pk, ""),
            "merge": merge,
            "deciding": deciding,
            "can_withdraw": proposal.is_open and proposal.author_id == request.user.pk,
            "changes_form": AcceptWithChangesForm(initial=changes_initial),
            "reject_form": RejectForm(),
            "reply_form": ReplyForm(),
        },
    )


@rule("decide")
def proposal_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Accept, accept with changes (or merged), or reject. GET shows the proposal page."""
    document = document_get(slug)
    proposal = proposal_get(document, pk)
    if request.method != "POST":
        return redirect(_detail_url(document, proposal))
    action = request.POST.get("action")
    try:
        if action == "accept":
            service.proposal_accept(proposal=proposal, user=request.user)
        elif action in ("accept_changes", "accept_merged"):
            form = AcceptWithChangesForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors.as_text())
            service.proposal_accept(
                proposal=proposal,
                user=request.user,
                heading=form.cleaned_data["heading"],
                body=form.cleaned_data["body"],
                note=form.cleaned_data["note"],
            )
        elif action == "reject":
            service.proposal_reject(
                proposal=proposal, user=request.user, reason=request.POST.get("reason", "")
            )
        else:
            raise ValidationError(_("Unknown decision."))
    except service.ProposalClosed as closed:
        messages.warning(
            request,
            _("This proposal was already %(s)s; nothing was changed.")
            % {"s": closed.proposal.get_status_display()},
        )
    except service.StaleProposal:
        messages.error(
            request,
            _(
                "The section changed since this proposal was made: resolve it "
                "with the three-way view before accepting."
            ),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect(_detail_url(document, proposal))


@rule("propose_post")
def proposal_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = document_get(slug)
    proposal = proposal_get(document, pk)
    try:
        service.proposal_withdraw(proposal=proposal, user=request.user)
    except service.ProposalClosed:
        messages.warning(request, _("This proposal is no longer open."))
    else:
        messages.success(request, _("Proposal withdrawn."))
    return redirect(_detail_url(document, proposal))


@rule("propose_post")
def proposal_reply(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = document_get(slug)
    proposal = proposal_get(document, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        service.proposal_reply(proposal=proposal, user=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Reply posted."))
    else:
        messages.error(request, _("The reply was empty or too long; nothing was posted."))
    return redirect(_detail_url(document, proposal) + "#discussion")


def _filters(request: HttpRequest) -> tuple[ProposalFilterForm, ProposalFilters]:
    form = ProposalFilterForm(request.GET or None)
    if not form.is_valid():
        return form, ProposalFilters()
    pillar, standard = form.pillar_and_standard()
    data = form.cleaned_data
    return form, ProposalFilters(
        status=data["status"],
        delegation=data["delegation"],
        section=data["section"],
        pillar=pillar,
        standard=standard,
    )


@rule("read")
def proposal_index(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    form, filters = _filters(request)
    page = Paginator(proposal_list(document, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    numbers = section_numbers(document)
    return render(
        request,
        "guidelines/proposal_list.html",
        {
            "document": document,
            "page": page,
            "form": form,
            "counts": status_counts(document),
            "statuses": ProposalStatus.choices,
            "numbers": numbers,
            "delegations": Delegation.objects.all(),
        },
    )


@rule("read")
def disposition(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    if request.GET.get("format") in ("csv", "xlsx"):
        return _disposition_file(document, request.GET["format"])
    _form, filters = _filters(request)
    page = Paginator(proposal_list(document, filters).order_by("id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = disposition_rows(document, page.object_list)
    return render(
        request, "guidelines/disposition.html", {"document": document, "page": page, "rows": rows}
    )


def _disposition_file(document, fmt: str) -> HttpResponse:
    rows = disposition_rows(document)
    if fmt == "xlsx":
        response = HttpResponse(
            disposition_xlsx(rows, title=document.title),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(disposition_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="disposition-{document.slug}.{fmt}"'
    return response
