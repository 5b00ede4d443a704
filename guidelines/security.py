"""Where a request comes from, for sign-in throttling (django-axes calls ``client_ip``)."""

from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    try:
        return str(ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, unless ``BEHIND_TLS_PROXY`` is set.

    Behind the one reverse proxy, REMOTE_ADDR is the proxy itself; the proxy appends the address
    it was connected from to X-Forwarded-For, so the last entry is the client. Entries before it
    were sent by the client and can be anything: they are never believed. Without the setting,
    X-Forwarded-For is ignored entirely (anyone could write it).
    """
    remote = request.META.get("REMOTE_ADDR")
    if getattr(settings, "BEHIND_TLS_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            last = _valid(forwarded.split(",")[-1])
            if last:
                return last
    return remote
