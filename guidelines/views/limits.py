"""Answering a request refused by a rate limit (guidelines/selectors/ratelimits.py)."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse

from ..selectors.ratelimits import RateLimited


def with_limit(response: HttpResponse, error: ValidationError | None) -> HttpResponse:
    """The form page shown again: 429 with Retry-After when the error was a rate limit."""
    if isinstance(error, RateLimited):
        response.status_code = RateLimited.status_code
        response["Retry-After"] = str(error.retry_after)
    return response
