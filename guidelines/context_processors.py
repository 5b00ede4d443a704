from django.http import HttpRequest

from .permissions import CAPABILITIES, ROLE_LABELS, user_role


def role(request: HttpRequest) -> dict:
    current = user_role(request.user) if hasattr(request, "user") else None
    return {
        "user_role": current,
        "user_role_label": ROLE_LABELS.get(current, ""),
        "can": {name: current in roles for name, roles in CAPABILITIES.items()},
    }
