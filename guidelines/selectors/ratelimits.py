"""How much one user has created lately, and whether they may create more (rate limits).

Counted in the database from the rows the user made (comments, proposals, export jobs)
over a sliding window, so a limit holds across all web processes and machines and needs no
cache or table of its own. The limits are ``settings.RATE_LIMITS``: action -> (count, minutes).
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from ..models import Comment, ExportJob, Proposal

COMMENT = "comment"  # comments and replies, on sections and on proposals
PROPOSAL = "proposal"
EXPORT = "export"  # new export jobs only


@dataclass(frozen=True)
class _Source:
    model: type
    user_field: str
    time_field: str


SOURCES = {
    COMMENT: _Source(Comment, "author", "created_at"),
    PROPOSAL: _Source(Proposal, "author", "created_at"),
    EXPORT: _Source(ExportJob, "requested_by", "requested_at"),
}


class RateLimited(ValidationError):
    """Over the limit: shown like any other form error (the typed text stays), answered 429."""

    status_code = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, code="rate_limited")
        self.retry_after = retry_after


MESSAGES = {
    COMMENT: gettext_lazy(
        "You have posted %(count)s comments and replies in the last %(minutes)s minutes, the "
        "most allowed. Nothing was posted; your text is kept below."
    ),
    PROPOSAL: gettext_lazy(
        "You have submitted %(count)s proposals in the last %(minutes)s minutes, the most "
        "allowed. Nothing was submitted; your text is kept below."
    ),
    EXPORT: gettext_lazy(
        "You have asked for %(count)s new exports in the last %(minutes)s minutes, the most "
        "allowed. Exports already made can still be downloaded."
    ),
}


def rate_limit_wait(*, user, action: str, now: datetime | None = None) -> timedelta | None:
    """How long ``user`` must wait before creating one more ``action``; None: not at all.

    One query: the user's latest ``count`` rows in the window; when there are ``count`` of them,
    a place frees up when the oldest of those leaves the window.
    """
    count, minutes = settings.RATE_LIMITS[action]
    source = SOURCES[action]
    now = now or timezone.now()
    window = timedelta(minutes=minutes)
    times = list(
        source.model.objects.filter(
            **{source.user_field: user, f"{source.time_field}__gt": now - window}
        )
        .order_by(f"-{source.time_field}")
        .values_list(source.time_field, flat=True)[:count]
    )
    if len(times) < count:
        return None
    return max(times[-1] + window - now, timedelta(seconds=1))


def rate_limit_check(*, user, action: str, now: datetime | None = None) -> None:
    """Raise ``RateLimited`` (a ValidationError) if ``user`` may not create one more now."""
    wait = rate_limit_wait(user=user, action=action, now=now)
    if wait is None:
        return
    count, minutes = settings.RATE_LIMITS[action]
    wait_minutes = math.ceil(wait.total_seconds() / 60)
    message = " ".join(
        [
            str(MESSAGES[action]) % {"count": count, "minutes": minutes},
            ngettext(
                "Try again in %(wait)s minute.", "Try again in %(wait)s minutes.", wait_minutes
            )
            % {"wait": wait_minutes},
        ]
    )
    raise RateLimited(message, retry_after=math.ceil(wait.total_seconds()))
