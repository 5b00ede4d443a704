"""Sign-in: the page shown when it is locked out (django-axes calls ``locked_out``), and
two-factor sign-in (set up, and the code after the password)."""

import math

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ..forms.accounts import TokenForm
from ..permissions import rule
from ..selectors.two_factor import (
    SESSION_KEY,
    secret_for_display,
    two_factor_device,
    two_factor_pending,
    two_factor_required,
)
from ..services.two_factor import (
    two_factor_confirm,
    two_factor_disable,
    two_factor_start,
)
from ..services.two_factor import (
    two_factor_verify as two_factor_verify_token,
)


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """429 with a clear page: how long to wait, and who can lift the lock sooner."""
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    response = render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


@rule("account")
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up, confirm or turn off two-factor sign-in for one's own account."""
    form = TokenForm(request.POST or None)
    action = request.POST.get("action")
    status = 200
    if request.method == "POST" and action == "start":
        two_factor_start(user=request.user)
        return redirect("two_factor")
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        if action == "confirm":
            pending = two_factor_pending(request.user)
            if pending and two_factor_confirm(request=request, device=pending, token=token):
                messages.success(request, _("Two-factor sign-in is on."))
                return redirect(_next(request))
        elif action == "disable":
            try:
                if two_factor_disable(request=request, token=token):
                    messages.success(request, _("Two-factor sign-in is off."))
                    return redirect("two_factor")
            except ValidationError as error:
                form.add_error(None, error)
        if not form.errors:
            form.add_error("token", _("This code is not right (or has expired). Try the next."))
    if request.method == "POST":
        status = 400
    pending = two_factor_pending(request.user)
    return render(
        request,
        "registration/two_factor.html",
        {
            "form": form,
            "device": two_factor_device(request.user),
            "pending": pending,
            "secret": secret_for_display(pending) if pending else "",
            "required": two_factor_required(request.user),
            "next": request.GET.get("next", ""),
        },
        status=status,
    )


@rule("account")
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """After the password: the code from the authenticator app."""
    if two_factor_device(request.user) is None:  # nothing to verify (or removed meanwhile)
        request.session.pop(SESSION_KEY, None)
        return redirect(_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor_verify_token(request=request, token=form.cleaned_data["token"]):
            return redirect(_next(request))
        form.add_error("token", _("This code is not right (or has expired). Try the next."))
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
        status=400 if request.method == "POST" else 200,
    )
