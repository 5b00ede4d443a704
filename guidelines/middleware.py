"""Content-Security-Policy (scripts only from our own static files, defence in depth behind nh3),
and reads retried when the database restarts."""

import logging
import sys
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

log = logging.getLogger(__name__)
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",  # table alignment attributes from Markdown
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", POLICY)  # the admin's pages too
        return response


def _mark_database_error(sender, request=None, **kwargs) -> None:
    """Remember on the request that it failed because the database was unavailable."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_UNAVAILABLE):
        request._iscm_database_error = error


got_request_exception.connect(_mark_database_error, dispatch_uid="iscm-database-retry")


def _close_connections() -> None:
    """Drop the connections so the next query connects afresh; one inside a transaction that
    is not ours (a test's) is left to its owner."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


class DatabaseRetryMiddleware:
    """A database that restarts costs only the requests in flight at that instant.

    A read (GET, HEAD) that failed because the database was unavailable is run again after a
    short wait, up to about four seconds in all, with fresh connections. A write is never run
    twice: it gets a 503 page saying the change could not be confirmed, instead of a bare 500.
    """

    delays = (0.25, 0.5, 1.0, 2.0)

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for delay in (*self.delays, None):
            response = self.get_response(request)
            error = request.__dict__.pop("_iscm_database_error", None)
            if error is None:
                return response
            _close_connections()
            if delay is None or request.method not in ("GET", "HEAD"):
                break
            log.warning(
                "database unavailable (%s); %s %s again", error, request.method, request.path
            )
            time.sleep(delay)
        if request.path_info.startswith("/api/"):
            from .api.core import error

            response = error(503, translation.gettext("The request failed."), "unavailable")
        else:
            # Rendered without the request: its context processors would ask the database again.
            page = render_to_string("503.html", {"LANGUAGE_CODE": translation.get_language()})
            response = HttpResponse(page, status=503)
        response["Retry-After"] = "5"
        return response


class TwoFactorMiddleware:
    """A user with two-factor sign-in enters their code before anything else; a facilitator or
    secretariat member without it sets it up first when ``TWO_FACTOR_REQUIRED`` is on.

    What is due is decided once, at sign-in (``guidelines.signals``), and kept in the session,
    so pages cost no query for it. Needs django-otp's OTPMiddleware before it.
    """

    OPEN = ("login", "logout", "set_language", "two_factor", "two_factor_verify")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.contrib.auth.views import redirect_to_login
        from django.urls import Resolver404, resolve

        from .selectors.two_factor import SESSION_KEY, SETUP

        due = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if due and request.path_info.startswith("/api/") and "Authorization" in request.headers:
            return self.get_response(request)  # the API authenticates by the token, not the session
        if not due or not request.user.is_authenticated or request.user.is_verified():
            return self.get_response(request)
        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            name = None
        if name in self.OPEN:
            return self.get_response(request)
        target = "two_factor" if due == SETUP else "two_factor_verify"
        return redirect_to_login(request.get_full_path(), target)


class ApiErrorsMiddleware:
    """Under /api/: every error is JSON ``{"detail", "code"}`` (Django's own 404 for an unknown
    path, a 405, a 500), a redirect (to the login or two-factor page) is a 401, and a HEAD is
    answered as a GET without its body (as Django's class-based views do)."""

    REDIRECTS = (301, 302, 303, 307, 308)
    SIGN_IN = ("login", "two_factor", "two_factor_verify")

    def _to_sign_in(self, response: HttpResponse) -> bool:
        """Whether a redirect goes to the login or two-factor page (else: CommonMiddleware's
        added slash)."""
        from django.urls import Resolver404, resolve

        try:
            return resolve(urlsplit(response["Location"]).path).url_name in self.SIGN_IN
        except Resolver404:
            return False

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith("/api/"):
            return self.get_response(request)
        from .api.core import error, json_error_for

        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = self.get_response(request)
        if response.status_code in self.REDIRECTS and self._to_sign_in(response):
            response = error(401, translation.gettext("Sign in, or send a personal token."),
                             "not_authenticated")  # fmt: skip
        elif response.status_code in self.REDIRECTS:  # APPEND_SLASH: name the path, never redirect
            location = urlsplit(response["Location"]).path
            response = error(404, translation.gettext("Not found."), "not_found", path=location)
        else:
            response = json_error_for(response) or response
        if head:
            request.method = "HEAD"
            if not response.streaming:
                response["Content-Length"] = str(len(response.content))
                response.content = b""
        return response


class HeaderCountsMiddleware:
    """Once a request of a signed-in user that may write (not GET, HEAD or OPTIONS) has been
    answered, the header counts started before it are not used again, so the user's own action
    shows on the next page at once (``header_counts``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                from .header_counts import user_wrote

                user_wrote(user.pk)
        return response
