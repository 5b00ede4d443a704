"""Consultation rounds: list, open, the round page (who responded with what), declare "no
comments", change the deadline, the summary as CSV."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..forms.rounds import END_OF_DAY, DeclareForm, RoundForm, RoundUpdateForm
from ..permissions import can, rule
from ..selectors.documents import document_get
from ..selectors.rounds import round_get, round_list, round_summary
from ..services import rounds as service


def _detail(document, consultation) -> HttpResponse:
    return redirect("guidelines:round_detail", slug=document.slug, pk=consultation.pk)


@rule("read")
def round_index(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    return render(
        request,
        "guidelines/rounds.html",
        {"document": document, "rounds": round_list(document), "now": timezone.now()},
    )


@rule("run_rounds")
def round_new(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    form = RoundForm(request.POST or None, document=document, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = service.round_open(
                user=request.user,
                document=document,
                milestone=data["milestone"],
                title=data["title"],
                deadline=form.deadline(),
                delegations=data["delegations"],
                instructions=data["instructions"],
                late_comments_allowed=data["late_comments_allowed"],
            )
        except ValidationError as error:  # the service's keys are not the form's fields
            form.add_error(None, ValidationError(error.messages))
        else:
            messages.success(request, _("Round “%(t)s” opened.") % {"t": consultation.title})
            return _detail(document, consultation)
    return render(
        request,
        "guidelines/round_form.html",
        {"document": document, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _page(request, document, consultation, *, declare=None, update=None, status=200):
    summary = round_summary(consultation)
    delegation_id = getattr(request.user, "delegation_id", None)
    mine = next((r for r in summary.rows if r.delegation.pk == delegation_id), None)
    if not can(request.user, "propose"):
        mine = None  # an observer's delegation is shown in the table, nothing asked of them
    if update is None and can(request.user, "run_rounds"):
        local = timezone.localtime(consultation.deadline)
        update = RoundUpdateForm(
            initial={
                "deadline_date": local.date(),
                "deadline_time": local.time().replace(second=0, microsecond=0),
                "late_comments_allowed": consultation.late_comments_allowed,
            }
        )
    may_declare = (
        mine is not None
        and mine.declaration is None
        and not (mine.proposals or mine.comments)
        and consultation.is_open
    )
    return render(
        request,
        "guidelines/round_detail.html",
        {
            "document": document,
            "round": consultation,
            "summary": summary,
            "mine": mine,
            "declare_form": (declare or DeclareForm()) if may_declare else None,
            "update_form": update,
            "end_of_day": END_OF_DAY,
        },
        status=status,
    )


@rule("read")
def round_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = document_get(slug)
    return _page(request, document, round_get(document, pk))


@rule("propose_post")
def round_declare(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = document_get(slug)
    consultation = round_get(document, pk)
    form = DeclareForm(request.POST)
    if form.is_valid():
        try:
            service.round_declare_no_comments(
                user=request.user, consultation=consultation, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your delegation declared it has no comments."))
        return _detail(document, consultation)
    return _page(request, document, consultation, declare=form, status=400)


@rule("run_rounds_post")
def round_update(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = document_get(slug)
    consultation = round_get(document, pk)
    form = RoundUpdateForm(request.POST)
    if form.is_valid():
        try:
            service.round_update(
                user=request.user,
                consultation=consultation,
                deadline=form.deadline(),
                late_comments_allowed=form.cleaned_data["late_comments_allowed"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, ValidationError(error.messages))
        else:
            messages.success(request, _("Round updated."))
            return _detail(document, consultation)
    return _page(request, document, consultation, update=form, status=400)


def _safe(value) -> str:
    """Spreadsheet formula injection: a cell starting with = + - @ is read as text."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


@rule("read")
def round_summary_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = document_get(slug)
    summary = round_summary(round_get(document, pk))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [_("Delegation"), _("Responded"), _("Proposals"), _("Comments"), _("No comments")]
    )
    for row in summary.rows:
        proposals = "; ".join(
            f"#{p.pk} {p.get_kind_display()} ({p.get_status_display()})" for p in row.proposals
        )
        declared = ""
        if row.declaration:
            declared = timezone.localtime(row.declaration.declared_at).strftime("%Y-%m-%d %H:%M")
        writer.writerow(
            [
                _safe(row.delegation.name),
                _("yes") if row.responded else _("no"),
                _safe(proposals),
                len(row.comments),
                declared,
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="round-{pk}-summary.csv"'
    return response
