"""Comments: post (on a section or on a proposal: its discussion), reply, resolve/reopen,
edit/delete own, hide, follow; inbox; e-mail settings. A comment of a proposal's discussion is
answered with the proposal page, any other with its section's page (``comment_url``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..context_processors import want_fresh_header_counts
from ..forms.comments import CommentForm, HideForm, InboxFilterForm, NotifyForm, ReplyForm
from ..models import Comment, Delegation
from ..permissions import rule
from ..selectors.comments import InboxFilters, comment_get, comment_history, comment_url, inbox
from ..selectors.documents import document_get
from ..selectors.history import section_get
from ..selectors.proposals import proposal_get
from ..selectors.ratelimits import COMMENT, rate_limit_check
from ..selectors.rounds import rounds_for_contributor
from ..services import comments as service
from .decisions import proposal_page
from .limits import with_limit

PAGE_SIZE = 30


def _comment(document, pk: int) -> Comment:
    comment = comment_get(document, pk)
    if comment is None:
        raise Http404("No such comment.")
    return comment


def _back_to(comment: Comment) -> HttpResponse:
    return redirect(comment_url(comment))


def _post(request: HttpRequest, form, write):
    """Run ``write(cleaned_data)`` for a valid ``form`` under the comment rate limit. Returns
    (what it wrote, None), or (None, the refusal) with the refusal on the form, or (None, None)
    for an invalid form."""
    if not form.is_valid():
        return None, None
    try:
        rate_limit_check(user=request.user, action=COMMENT)
        return write(form.cleaned_data), None
    except ValidationError as error:
        form.add_error(None, error)
        return None, error


@rule("propose_post")
def comment_create(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    document = document_get(slug)
    section = section_get(document, key)
    form = CommentForm(request.POST, rounds=rounds_for_contributor(request.user, document))
    comment, refused = _post(
        request,
        form,
        lambda data: service.comment_create(
            user=request.user,
            section=section,
            body=data["body"],
            quote=data["quote"],
            quote_start=data["quote_start"],
            round=data.get("round"),
            language=data["language"],
        ),
    )
    if comment is not None:
        messages.success(request, _("Comment posted."))
        return _back_to(comment)
    response = render(
        request,
        "guidelines/comment_form.html",
        {"document": document, "section": section, "form": form},
        status=400,
    )
    return with_limit(response, refused)


@rule("propose_post")
def proposal_comment_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A new thread in a proposal's discussion; refused, the proposal page again (400, or 429
    over the rate limit) with the text in its box."""
    document = document_get(slug)
    proposal = proposal_get(document, pk)
    form = CommentForm(request.POST, auto_id="id_comment_%s")
    comment, refused = _post(
        request,
        form,
        lambda data: service.comment_create(
            user=request.user, proposal=proposal, body=data["body"], language=data["language"]
        ),
    )
    if comment is not None:
        messages.success(request, _("Comment posted."))
        return _back_to(comment)
    messages.error(request, _("The comment was not posted; your text is kept below."))
    response = proposal_page(request, document, proposal, comment_form=form, status=400)
    return with_limit(response, refused)


@rule("propose_post")
def comment_reply(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = document_get(slug)
    parent = _comment(document, pk)
    form = ReplyForm(request.POST)
    reply, refused = _post(
        request,
        form,
        lambda data: service.comment_reply(
            user=request.user, parent=parent, body=data["body"], language=data["language"]
        ),
    )
    if reply is not None:
        return _back_to(reply)
    response = render(
        request,
        "guidelines/comment_form.html",
        {"document": document, "section": parent.section, "form": form, "reply_to": parent},
        status=400,
    )
    return with_limit(response, refused)


@rule("propose_post")
def comment_state(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Resolve or reopen a thread (facilitator, secretariat, or the thread's author)."""
    document = document_get(slug)
    thread = _comment(document, pk)
    if request.POST.get("action") == "reopen":
        service.comment_reopen(user=request.user, thread=thread)
    else:
        service.comment_resolve(user=request.user, thread=thread)
    return _back_to(thread)


@rule("propose")
def comment_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = document_get(slug)
    comment = _comment(document, pk)
    if comment.author_id != request.user.pk or comment.is_hidden or comment.is_deleted:
        return HttpResponse(status=403)  # a hidden or deleted text is shown to no one here
    form = ReplyForm(
        request.POST or None, initial={"body": comment.body, "language": comment.language}
    )
    form.fields["body"].label = _("Comment")
    if request.method == "POST" and form.is_valid():
        try:
            service.comment_edit(
                user=request.user,
                comment=comment,
                body=form.cleaned_data["body"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _back_to(comment)
    return render(
        request,
        "guidelines/comment_edit.html",
        {"document": document, "comment": comment, "form": form},
    )


@rule("propose_post")
def comment_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = document_get(slug)
    comment = _comment(document, pk)
    try:
        service.comment_delete(user=request.user, comment=comment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back_to(comment)


@rule("moderate")
def comment_hide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    document = document_get(slug)
    comment = _comment(document, pk)
    form = HideForm(request.POST)
    if form.is_valid():
        service.comment_hide(user=request.user, comment=comment, reason=form.cleaned_data["reason"])
        messages.success(request, _("Comment hidden; its text stays in the history."))
    else:
        messages.error(request, _("Say why the comment is hidden."))
    return _back_to(comment)


@rule("moderate_read")
def comment_history_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The secretariat reads every version of a comment, a hidden or deleted one included."""
    document = document_get(slug)
    comment = _comment(document, pk)
    return render(
        request,
        "guidelines/comment_history.html",
        {"document": document, "comment": comment, "versions": comment_history(comment)},
    )


@rule("propose_post")
def section_follow(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    document = document_get(slug)
    section = section_get(document, key)
    follow = request.POST.get("follow") == "1"
    service.section_follow(user=request.user, section=section, follow=follow)
    messages.success(
        request,
        _("You follow this section.") if follow else _("You no longer follow this section."),
    )
    return redirect("guidelines:section_detail", slug=slug, key=key)


@rule("account")
def comment_inbox(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        service.inbox_mark_seen(user=request.user)
        return redirect("guidelines:inbox")
    want_fresh_header_counts(request)
    form = InboxFilterForm(request.GET or None)
    filters = InboxFilters(**form.cleaned_data) if form.is_valid() else InboxFilters()
    page = Paginator(inbox(request.user, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "guidelines/inbox.html",
        {
            "page": page,
            "form": form,
            "delegations": Delegation.objects.all(),
        },
    )


@rule("account")
def notification_settings(request: HttpRequest) -> HttpResponse:
    form = NotifyForm(request.POST or None, initial={"notify": request.user.notify})
    if request.method == "POST" and form.is_valid():
        service.user_notify_set(user=request.user, mode=form.cleaned_data["notify"])
        messages.success(request, _("Your e-mail settings are saved."))
        return redirect("guidelines:notification_settings")
    return render(request, "guidelines/notification_settings.html", {"form": form})
