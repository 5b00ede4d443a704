"""The API's machinery: authentication (session or personal token), JSON errors, pagination
and throttling. The endpoints are in ``endpoints.py``; the instance in ``__init__.py``."""

import math
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import (
    AuthenticationError,
    AuthorizationError,
    HttpError,
    Throttled,
    ValidationError,
)
from ninja.pagination import PaginationBase
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from ..permissions import RULES, user_role
from ..security import client_ip
from ..selectors.api_tokens import api_token_find
from ..services.api_tokens import api_token_touch

MAX_PAGE_SIZE = 200
MAX_PAGE = 10**6  # beyond it an OFFSET overflows the database's integer
DEFAULT_PAGE_SIZE = 50


def error(status: int, detail: str, code: str, **extra: Any) -> JsonResponse:
    """The one shape of every error under /api/: ``{"detail": …, "code": …}``."""
    response = JsonResponse(
        {"detail": str(detail), "code": code, **extra},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


class UnicodeJSON(JSONRenderer):
    """Text as written ("« ISO »"), not as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


class TokenOrSession(HttpBearer):
    """A personal token (``Authorization: Bearer …``) or, without that header, the browser's
    session. A header that does not name a live token is refused (401) even with a session.
    The user must have a role the rule ``api`` admits (else 403)."""

    rule = RULES["api"]

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization")
        failures = FailureThrottle()
        if header is not None:
            failures.check(request)  # before the lookup: guessing tokens costs a wait
            scheme, _space, value = header.partition(" ")
            token = api_token_find(value.strip()) if scheme.lower() == "bearer" else None
            if token is None:
                failures.record(request)
                raise AuthenticationError(401, _("This token is not valid."))
            api_token_touch(token=token)
            user = token.user
            request.user = user
            request.api_token = token  # type: ignore[attr-defined]
        else:
            user = getattr(request, "user", None)
            if user is None or not user.is_authenticated:
                failures.check(request)
                failures.record(request)
                return None
        if request.method not in self.rule.methods:
            raise HttpError(405, _("The API only reads."))
        if user_role(user) not in (self.rule.roles or ()):
            raise AuthorizationError(403, _("Your account has no role that may read the API."))
        return user

    def authenticate(self, request: HttpRequest, token: str) -> Any:  # pragma: no cover
        return None  # everything happens in __call__


class UserThrottle(SimpleRateThrottle):
    """``API_RATE`` requests per user (per address for the rest), e.g. "300/m"."""

    scope = "api"

    def __init__(self) -> None:
        super().__init__(getattr(settings, "API_RATE", "300/m"))

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "auth", None)
        ident = f"user{user.pk}" if getattr(user, "pk", None) else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class FailureThrottle(SimpleRateThrottle):
    """Requests without a user (anonymous, or with a token that is not valid): ``API_RATE`` per
    client address, counted before the token is looked up (ninja's throttles run after it)."""

    scope = "api_failures"

    def __init__(self) -> None:
        super().__init__(getattr(settings, "API_RATE", "300/m"))

    def get_cache_key(self, request: HttpRequest) -> str | None:
        ident = client_ip(request) or "unknown"
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def check(self, request: HttpRequest) -> None:
        """Throttled (429) when this address has used up its failures."""
        self.key = self.get_cache_key(request)
        self.now = self.timer()
        self.history = [t for t in self.cache.get(self.key, []) if t > self.now - self.duration]
        if len(self.history) >= self.num_requests:
            raise Throttled(self.wait())

    def record(self, request: HttpRequest) -> None:
        self.throttle_success()


def throttle_check(request: HttpRequest, throttles) -> None:
    """For views outside ninja's operations (the schema): the API's throttles, or Throttled."""
    for throttle in throttles:
        if not throttle.allow_request(request):
            raise Throttled(throttle.wait())


class PageNumber(PaginationBase):
    """``?page=`` (from 1) and ``?page_size=`` (default 50, capped at 200). Gives ``count`` and
    the ``next`` and ``previous`` pages' links (null at the ends)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="The page, from 1.")
        page_size: int = Field(
            DEFAULT_PAGE_SIZE, ge=1, description=f"Items per page (at most {MAX_PAGE_SIZE})."
        )

    class Output(Schema):
        count: int
        next: str | None
        previous: str | None

    def __init__(self, *, items_attribute: str = "items", **kwargs: Any) -> None:
        self.items_attribute = items_attribute
        super().__init__(**kwargs)

    def _link(self, request: HttpRequest, page: int, size: int) -> str:
        query = request.GET.copy()
        query["page"], query["page_size"] = str(page), str(size)
        return request.build_absolute_uri(f"{request.path}?{urlencode(sorted(query.items()))}")

    def paginate_queryset(self, queryset, pagination: Input, request: HttpRequest, **params):
        size = min(pagination.page_size, MAX_PAGE_SIZE)
        page = pagination.page
        count = self._items_count(queryset)
        start = (page - 1) * size
        items = list(queryset[start : start + size])
        return {
            "count": count,
            "next": self._link(request, page + 1, size) if start + size < count else None,
            "previous": self._link(request, page - 1, size) if page > 1 and count else None,
            self.items_attribute: items,
        }


def install_error_handlers(api) -> None:
    """Every error the API raises answers ``{"detail", "code"}`` with its status."""

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        detail = str(exc.message) if exc.message != "Unauthorized" else ""
        return error(401, detail or _("Sign in, or send a personal token."), "not_authenticated")

    @api.exception_handler(AuthorizationError)
    def _forbidden(request, exc):
        return error(403, exc.message, "permission_denied")

    @api.exception_handler(Throttled)
    def _throttled(request, exc):
        response = error(429, _("Too many requests: wait and try again."), "throttled")
        if exc.wait:
            response["Retry-After"] = str(max(1, math.ceil(exc.wait)))
        return response

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return error(404, str(exc) or _("Not found."), "not_found")

    @api.exception_handler(ValidationError)
    def _invalid(request, exc):
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", "")}
            for e in exc.errors  # no "input": it may echo a huge or odd value back
        ]
        return error(422, _("Some parameters are not valid."), "invalid", errors=errors)

    @api.exception_handler(HttpError)
    def _http_error(request, exc):
        codes = {400: "bad_request", 405: "method_not_allowed"}
        return error(exc.status_code, exc.message, codes.get(exc.status_code, "error"))


def json_error_for(response: HttpResponse) -> JsonResponse | None:
    """For the middleware: a JSON body for an error Django or ninja answered another way."""
    status = response.status_code
    if status < 400 or response.get("Content-Type", "").startswith("application/json"):
        return None
    detail, code = {
        404: (_("Not found."), "not_found"),
        405: (_("This method is not allowed here."), "method_not_allowed"),
        403: (_("Forbidden."), "permission_denied"),
    }.get(status, (_("The request failed."), "error"))
    replacement = error(status, detail, code)
    if "Allow" in response:
        replacement["Allow"] = response["Allow"]
    return replacement
