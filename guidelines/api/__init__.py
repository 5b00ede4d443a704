"""The read API under /api/v1/ (django-ninja: the OpenAPI schema is generated from the code, at
/api/v1/schema/). The paths of the first API (/api/documents/…) answer the same JSON.

Every operation carries the permission rule ``api`` (session or personal token, every role,
GET only); errors are JSON ``{"detail", "code"}`` (see ``core.py`` and ``ApiErrorsMiddleware``).
"""

from functools import wraps

from django.http import HttpRequest
from django.urls import path
from ninja import NinjaAPI

from ..permissions import RULES
from .core import (
    TokenOrSession,
    UnicodeJSON,
    UserThrottle,
    error,
    install_error_handlers,
    throttle_check,
)
from .endpoints import router

AUTH = TokenOrSession()

api = NinjaAPI(
    title="ISCM Tracker API",
    version="1",
    description="Read the ISCM Guidelines draft: documents, sections, proposals, comments, "
    "milestones and translation parity. Authenticate with the browser session or a personal "
    "token (`Authorization: Bearer …`, made on the API tokens page). Read-only.",
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url=None,
    auth=AUTH,
    throttle=[UserThrottle()],
    renderer=UnicodeJSON(),
)
install_error_handlers(api)
api.add_router("", router)


def _schema_guard(view):
    """The schema is for those who may use the API (same answers as any endpoint)."""

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs):
        if request.method not in RULES["api"].methods:
            response = error(405, "This method is not allowed here.", "method_not_allowed")
            response["Allow"] = "GET, HEAD"
            return response
        try:
            request.auth = AUTH(request)
            if not request.auth:
                return error(401, "Sign in, or send a personal token.", "not_authenticated")
            throttle_check(request, api.throttle)
        except Exception as exc:  # the same refusals as the endpoints
            return api.on_exception(request, exc)
        return view(request, *args, **kwargs)

    return guarded


api.docs_decorator = _schema_guard


def _annotated(patterns):
    """Every URL of the API carries the rule ``api`` (checked by the URL-walking test)."""
    for pattern in patterns:
        pattern.callback.permission_rule = RULES["api"]
    return patterns


_patterns, _app, _namespace = api.urls
# ninja's root (its schema reverses the name) answers as our "index" endpoint
_index = next(p.callback for p in _patterns if p.name == "index")
_patterns = [p for p in _patterns if p.name != "api-root"] + [path("", _index, name="api-root")]
urls = (_annotated(_patterns), _app, _namespace)
_by_name = {p.name: p.callback for p in _patterns}

# The first API's paths, answering the same JSON as /api/v1/ (not redirects).
aliases = [
    path("api/documents/", _by_name["documents"], name="api_documents"),
    path("api/documents/<slug:slug>/", _by_name["document"], name="api_document"),
    path("api/documents/<slug:slug>/proposals/", _by_name["proposals"], name="api_proposals"),
    path("api/documents/<slug:slug>/comments/", _by_name["comments"], name="api_comments"),
]
