from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .permissions import CAPABILITIES, ROLE_LABELS, user_role
from .selectors.workqueue import header_counts


def role(request: HttpRequest) -> dict:
    current = user_role(request.user) if hasattr(request, "user") else None
    return {
        "user_role": current,
        "user_role_label": ROLE_LABELS.get(current, ""),
        "can": {name: current in roles for name, roles in CAPABILITIES.items()},
    }


def header(request: HttpRequest) -> dict:
    """The header's "To do (N)" and the bell's unread count: one query, run only when a page
    shows them (partials rendered with the request never touch them)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"header_counts": SimpleLazyObject(lambda: header_counts(user))}
