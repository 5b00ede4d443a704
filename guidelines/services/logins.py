"""Sign-ins, failed sign-ins and sign-outs, recorded from Django's authentication signals.

Each is one ``LoginEvent`` row: the username tried, the user if known, the client's address
(``REMOTE_ADDR``) and browser, the outcome and the time. Rows are never changed or deleted.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from ..models import LoginEvent, LoginOutcome, User


def _client(request) -> tuple[str | None, str]:
    if request is None:
        return None, ""
    meta = getattr(request, "META", {})
    ip = (meta.get("REMOTE_ADDR") or "").strip() or None
    return ip, (meta.get("HTTP_USER_AGENT") or "")[:300]


def login_record(*, outcome: str, username: str, user: User | None, request) -> LoginEvent:
    """Record one sign-in event: who tried (``username``, ``user`` if known), from where (the
    request's address and browser), when (now) and how it ended (``outcome``)."""
    ip, agent = _client(request)
    if user is not None and not getattr(user, "pk", None):
        user = None
    return LoginEvent.objects.create(
        outcome=outcome, username=(username or "")[:150], user=user, ip=ip, user_agent=agent
    )


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    login_record(
        outcome=LoginOutcome.SUCCESS, username=user.get_username(), user=user, request=request
    )


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None and getattr(user, "is_authenticated", False):
        login_record(
            outcome=LoginOutcome.LOGOUT, username=user.get_username(), user=user, request=request
        )


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")
    user = User.objects.filter(username=username).first() if username else None
    login_record(outcome=LoginOutcome.FAILURE, username=username, user=user, request=request)
