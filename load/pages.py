"""Reading the app's HTML forms the way a browser fills them in (shared by the load scripts)."""

import html
import re
from urllib.parse import urlsplit

BODY_RE = re.compile(r'<textarea name="body"[^>]*>(.*?)</textarea>', re.S)
STYLESHEET_RE = re.compile(r'<link rel="stylesheet" href="(/static/css/app[^"]*\.css)"')


def field(text: str, name: str) -> str | None:
    """The value of the ``<input name=...>`` in a page (``None`` if there is no such input)."""
    tag = re.search(rf'<input[^>]*\bname="{re.escape(name)}"[^>]*>', text)
    if tag is None:
        return None
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return html.unescape(value.group(1)) if value else ""


def textarea(text: str) -> str | None:
    match = BODY_RE.search(text)
    return html.unescape(match.group(1)) if match else None


def csrf_token(text: str) -> str:
    return field(text, "csrfmiddlewaretoken") or ""


# Where the app sends the browser after each kind of successful write (a redirect to the login
# page, for a session that was lost, is a 302 too, and not an acknowledgement).
SAVED_LOCATION = {"comment": "#comment-", "proposal": "/proposals/", "edit": "/sections/"}


def saved(response, kind: str) -> bool:
    location = response.headers.get("Location", "")
    if response.status_code != 302 or urlsplit(location).path.endswith("/accounts/login/"):
        return False
    return SAVED_LOCATION[kind] in location


def stylesheet_url(text: str) -> str | None:
    """The app's stylesheet as the page links it (a hashed name in production)."""
    match = STYLESHEET_RE.search(text)
    return match.group(1) if match else None
