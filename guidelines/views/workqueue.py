"""The work queue ("To do") and the in-app notifications (the bell): one view per action; every
action is a POST that goes back to its page."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..context_processors import want_fresh_header_counts
from ..forms.workqueue import SeenForm
from ..permissions import rule
from ..selectors.notifications import user_notifications
from ..selectors.workqueue import queue_proposal, queue_thread, work_queue
from ..services import notifications as notifications_service
from ..services import workqueue as service

PAGE_SIZE = 30


@rule("queue")
def todo(request: HttpRequest) -> HttpResponse:
    want_fresh_header_counts(request)
    shown = SeenForm(initial={"shown_at": timezone.now().isoformat()})
    return render(
        request, "guidelines/todo.html", {"queue": work_queue(request.user), "seen_form": shown}
    )


@rule("queue_post")
def todo_proposal_seen(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = queue_proposal(pk)
    if proposal is None:
        raise Http404("No such proposal.")
    until = SeenForm(request.POST).until()
    service.queue_mark_seen(user=request.user, proposal=proposal, until=until)
    return redirect("guidelines:todo")


@rule("queue_post")
def todo_thread_seen(request: HttpRequest, pk: int) -> HttpResponse:
    thread = queue_thread(pk)
    if thread is None:
        raise Http404("No such thread.")
    until = SeenForm(request.POST).until()
    service.queue_mark_seen(user=request.user, thread=thread, until=until)
    return redirect("guidelines:todo")


@rule("queue_post")
def todo_all_seen(request: HttpRequest) -> HttpResponse:
    count = service.queue_mark_all_seen(user=request.user, until=SeenForm(request.POST).until())
    messages.success(
        request,
        ngettext("%(n)s item marked as seen.", "%(n)s items marked as seen.", count) % {"n": count},
    )
    return redirect("guidelines:todo")


@rule("account")
def notification_list(request: HttpRequest) -> HttpResponse:
    want_fresh_header_counts(request)
    page = Paginator(user_notifications(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "guidelines/notifications.html", {"page": page})


def _safe_target(url: str) -> str | None:
    """An internal path of this site, or None (a notification never sends anyone elsewhere)."""
    internal = url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=set())
    return url if internal else None


@rule("account_post")
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notification read, then go where it points (an internal path only)."""
    row = notifications_service.notification_open(user=request.user, pk=pk)
    if row is None:
        raise Http404("No such notification.")
    target = _safe_target(row.url)
    if target is None:
        messages.warning(request, _("This notification has no page to open."))
        return redirect("guidelines:notifications")
    return redirect(target)


@rule("account_post")
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications_service.notifications_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext("%(n)s notification marked as read.", "%(n)s notifications marked as read.", count)
        % {"n": count},
    )
    return redirect("guidelines:notifications")
