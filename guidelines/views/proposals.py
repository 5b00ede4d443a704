"""Proposals: propose, read as tracked changes, list, disposition table (the page and
the decisions on it are in ``decisions.py``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..exports.disposition import disposition_csv, disposition_xlsx
from ..forms.proposals import ProposalFilterForm, ProposalForm
from ..models import Delegation, ProposalKind, ProposalStatus, Section
from ..permissions import rule
from ..selectors.documents import document_get, document_tree
from ..selectors.history import section_get
from ..selectors.proposals import (
    ProposalFilters,
    disposition_rows,
    proposal_get,
    proposal_list,
    section_numbers,
    status_counts,
)
from ..selectors.ratelimits import PROPOSAL, rate_limit_check
from ..selectors.rounds import rounds_for_contributor
from ..services import proposals as service
from .decisions import proposal_page
from .editing import deleted_page
from .limits import with_limit
from .proposing import proposal_form_page

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
    if kind == ProposalKind.DISPOSE:  # its own form (views.phase_two)
        return redirect("guidelines:disposition_propose", slug=document.slug, key=section.key)
    numbers = section_numbers(document)
    sections = Section.objects.live().for_document(document).exclude(pk=section.pk)
    initial = {"heading": section.heading, "body": section.body} if kind == "amend" else {}
    form = ProposalForm(
        request.POST or None,
        initial={**initial, "placement": "after"},
        sections=sections,
        numbers=numbers,
        rounds=rounds_for_contributor(request.user, document),
    )
    refused = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rate_limit_check(user=request.user, action=PROPOSAL)
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
                round=data.get("round"),
                language=data["language"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            refused = error
        else:
            messages.success(request, _("Proposal #%(n)s submitted.") % {"n": proposal.pk})
            return redirect(_detail_url(document, proposal))
    response = proposal_form_page(request, document, section, form=form, kind=kind, numbers=numbers)
    return with_limit(response, refused)


@rule("read")
def proposal_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = document_get(slug)
    return proposal_page(request, document, proposal_get(document, pk))


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
    tree = document_tree(document)  # the section filter's choices and the numbers (1 query)
    numbers = {node.section.id: node.label for node in tree.nodes}
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
            "sections": tree.nodes,
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
