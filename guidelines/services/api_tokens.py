"""Writes of personal API tokens: create (the plain token returned once), revoke, and the
last-used time. Creating and revoking are recorded in the audit trail (``AccountChange``: who,
when, why, before → after), like every change to an account."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..models import AccountChange, ApiToken, User
from ..selectors.api_tokens import PREFIX, token_hash

TOUCH_EVERY = timedelta(minutes=1)  # last_used_at is written at most once a minute


def _record(*, token: ApiToken, by, reason: str, before: str, after: str) -> None:
    AccountChange.objects.create(
        user=token.user,
        username=token.user.username,
        changed_by=by if getattr(by, "is_authenticated", False) else None,
        reason=(reason or "").strip(),
        changes={"API token": [before, after]},
    )


def api_token_create(*, user: User, name: str, by, reason: str = "") -> tuple[ApiToken, str]:
    """A new token for ``user`` named ``name`` (required). Returns the row and the plain token,
    which is never stored and cannot be shown again."""
    name = (name or "").strip()
    if not name:
        raise ValueError("A token needs a name.")
    prefix = secrets.token_hex(4)
    plain = f"{PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name[:100], prefix=prefix, token_hash=token_hash(plain)
        )
        _record(token=token, by=by, reason=reason, before="", after=f"{token.name} ({prefix})")
    return token, plain


def api_token_revoke(*, token: ApiToken, by, reason: str = "", now=None) -> ApiToken:
    """Revoke ``token`` (for good); revoking a revoked token changes nothing."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            return token
        token.revoked_at = now or timezone.now()
        token.revoked_by = by if getattr(by, "is_authenticated", False) else None
        token.save(update_fields=["revoked_at", "revoked_by"])
        label = f"{token.name} ({token.prefix})"
        _record(token=token, by=by, reason=reason, before=label, after=f"{label}: revoked")
    return token


def api_token_touch(*, token: ApiToken, now=None) -> None:
    """Note that ``token`` was used (one UPDATE at most once a minute per token)."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < TOUCH_EVERY:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
