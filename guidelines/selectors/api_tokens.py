"""Reads of personal API tokens: the token a request presents, and a user's tokens."""

import hashlib
import hmac

from django.db.models import QuerySet

from ..models import ApiToken

PREFIX = "iscm"  # every token reads "iscm_<8 hex>_<secret>"


def token_hash(plain: str) -> str:
    """SHA-256 of the token (a high-entropy random value: no salt or slow hash needed)."""
    return hashlib.sha256(plain.encode("utf-8", "surrogatepass")).hexdigest()


def api_token_find(plain: str) -> ApiToken | None:
    """The live token ``plain`` names, with its user (1 query), or None: malformed, unknown,
    revoked, or its user deactivated."""
    parts = (plain or "").split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or len(parts[1]) != 8 or not parts[2]:
        return None
    token = (
        ApiToken.objects.select_related("user__delegation")
        .filter(prefix=parts[1], revoked_at__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.token_hash, token_hash(plain)):
        return None
    if not token.user.is_active:
        return None
    return token


def api_tokens_of(user) -> QuerySet[ApiToken]:
    """``user``'s tokens, newest first (revoked ones included, shown as revoked)."""
    return ApiToken.objects.filter(user=user).select_related("revoked_by")


def api_token_of(user, pk) -> ApiToken | None:
    try:
        return ApiToken.objects.filter(user=user, pk=int(pk)).first()
    except (TypeError, ValueError):
        return None
