"""Who may do what. Every view carries exactly one rule, checked here and by the URL-walking test.

Roles are Django groups: ``facilitator``, ``member``, ``secretariat``, ``observer``. A rule names
the roles that may use a view and whether it accepts writes (POST). Anonymous users are sent to
the login page; a signed-in user whose role is not allowed gets 403.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.translation import gettext_lazy as _

FACILITATOR = "facilitator"
MEMBER = "member"
SECRETARIAT = "secretariat"
OBSERVER = "observer"
ROLES = (FACILITATOR, MEMBER, SECRETARIAT, OBSERVER)
ALL_ROLES = frozenset(ROLES)
EDITORS = frozenset({FACILITATOR, SECRETARIAT})  # the secretariat edits for corrections
CONTRIBUTORS = frozenset({FACILITATOR, MEMBER, SECRETARIAT})  # propose, reply, comment
DECIDERS = frozenset({FACILITATOR})
ROLE_LABELS = {
    FACILITATOR: _("facilitator"),
    MEMBER: _("member"),
    SECRETARIAT: _("secretariat"),
    OBSERVER: _("observer"),
}


@dataclass(frozen=True)
class Rule:
    name: str
    roles: frozenset[str] | None  # None: anyone, signed in or not
    methods: frozenset[str]


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in [
        # Login page and language switch: open to all (the login form is a POST with CSRF).
        Rule("public", None, frozenset({"GET", "HEAD", "POST"})),
        Rule("public_post", None, frozenset({"POST"})),
        # Reading the draft and the reference data: every role, never a write.
        Rule("read", ALL_ROLES, frozenset({"GET", "HEAD"})),
        # The JSON API under /api/ (a session or a personal token; answers 401 JSON, never a
        # redirect, to anyone else; checked by guidelines.api.core.TokenOrSession).
        Rule("api", ALL_ROLES, frozenset({"GET", "HEAD"})),
        # Changing the text and structure of the draft.
        Rule("edit_text", EDITORS, frozenset({"GET", "HEAD", "POST"})),
        # The same people, for actions that exist only as a POST (move, restore, preview).
        Rule("edit_text_post", EDITORS, frozenset({"POST"})),
        # Translating sections (the secretariat and the facilitator, who edit the English), and
        # the parity page listing which translations are up to date.
        Rule("translate", EDITORS, frozenset({"GET", "HEAD", "POST"})),
        Rule("translate_read", EDITORS, frozenset({"GET", "HEAD"})),
        # Proposing changes and discussing them.
        Rule("propose", CONTRIBUTORS, frozenset({"GET", "HEAD", "POST"})),
        Rule("propose_post", CONTRIBUTORS, frozenset({"POST"})),
        # Accepting and rejecting proposals.
        Rule("decide", DECIDERS, frozenset({"GET", "HEAD", "POST"})),
        # Opening consultation rounds and changing their deadline (the facilitator).
        Rule("run_rounds", DECIDERS, frozenset({"GET", "HEAD", "POST"})),
        Rule("run_rounds_post", DECIDERS, frozenset({"POST"})),
        # Hiding comments (moderation).
        Rule("moderate", frozenset({SECRETARIAT}), frozenset({"POST"})),
        # Reading a comment's history, hidden or deleted text included.
        Rule("moderate_read", frozenset({SECRETARIAT}), frozenset({"GET", "HEAD"})),
        # One's own account settings, and one's notifications (the bell).
        Rule("account", ALL_ROLES, frozenset({"GET", "HEAD", "POST"})),
        Rule("account_post", ALL_ROLES, frozenset({"POST"})),
        # The work queue ("To do"): the work of those who write (propose, comment, decide,
        # moderate). Observers write nothing, so they have nothing to do and no queue.
        Rule("queue", CONTRIBUTORS, frozenset({"GET", "HEAD"})),
        Rule("queue_post", CONTRIBUTORS, frozenset({"POST"})),
        # Users, delegations and SAFE reference data.
        Rule("manage_reference", frozenset({SECRETARIAT}), frozenset({"GET", "HEAD", "POST"})),
        # The same people, for pages that only read (the audit trail).
        Rule("manage_reference_read", frozenset({SECRETARIAT}), frozenset({"GET", "HEAD"})),
    ]
}

# What each role may do, for templates (show a control only to those who may use it).
CAPABILITIES: dict[str, frozenset[str]] = {
    "edit_text": RULES["edit_text"].roles or frozenset(),
    "manage_reference": RULES["manage_reference"].roles or frozenset(),
    "translate": RULES["translate"].roles or frozenset(),
    "propose": CONTRIBUTORS,
    "decide": DECIDERS,
    "run_rounds": DECIDERS,
    # Importing a Word file on behalf of any delegation (files received by e-mail).
    "import_for_delegation": EDITORS,
}


def user_role(user) -> str | None:
    """The user's role: the first of ROLES among their groups (superusers act as secretariat)."""
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_iscm_role", False)
    if cached is not False:
        return cached
    if user.is_superuser:
        role = SECRETARIAT
    else:
        names = set(user.groups.values_list("name", flat=True))
        role = next((r for r in ROLES if r in names), None)
    user._iscm_role = role
    return role


def can(user, capability: str) -> bool:
    return user_role(user) in CAPABILITIES.get(capability, frozenset())


def require(user, capability: str) -> None:
    """For services: refuse (PermissionDenied) a user whose role lacks ``capability``."""
    if not can(user, capability):
        raise PermissionDenied


def check(request: HttpRequest, rule: Rule) -> HttpResponse | None:
    """Return a response that refuses the request, or None if it may proceed."""
    if request.method not in rule.methods:
        return HttpResponseNotAllowed(sorted(rule.methods))
    if rule.roles is None:
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if user_role(request.user) not in rule.roles:
        raise PermissionDenied
    return None


def rule(name: str) -> Callable:
    """Decorate a view with its permission rule (a KeyError for an unknown name, at import)."""
    chosen = RULES[name]

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            refusal = check(request, chosen)
            if refusal is not None:
                return refusal
            return view(request, *args, **kwargs)

        wrapped.permission_rule = chosen  # type: ignore[attr-defined]
        return wrapped

    return decorator
