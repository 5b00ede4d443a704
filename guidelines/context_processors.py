import time

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .permissions import CAPABILITIES, ROLE_LABELS, user_role
from .selectors.workqueue import HeaderCounts, header_counts

# The session's copy of the header counts: [user id, when (epoch seconds), to do, unread].
HEADER_COUNTS_KEY = "header_counts"


def role(request: HttpRequest) -> dict:
    current = user_role(request.user) if hasattr(request, "user") else None
    return {
        "user_role": current,
        "user_role_label": ROLE_LABELS.get(current, ""),
        "can": {name: current in roles for name, roles in CAPABILITIES.items()},
    }


def header(request: HttpRequest) -> dict:
    """The header's "To do (N)" and the bell's unread count: one query, run only when a page
    shows them (partials rendered with the request never touch them), and at most once every
    ``HEADER_COUNTS_MAX_AGE`` seconds per session (``session_header_counts``)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"header_counts": SimpleLazyObject(lambda: session_header_counts(request, user))}


def want_fresh_header_counts(request: HttpRequest) -> None:
    """For a page whose content the counts describe (To do, notifications, inbox): count now."""
    request.header_counts_fresh = True


def session_header_counts(request: HttpRequest, user) -> HeaderCounts:
    """The counts, kept in the user's session for ``HEADER_COUNTS_MAX_AGE`` seconds (15 by
    default; 0 counts on every page): every page shows them, and counting costs a query whose
    building and running were about a quarter of a section page's time. What the user does
    shows at once: any POST of theirs drops the copy (``middleware.HeaderCountsMiddleware``),
    and the pages that list what is counted count afresh; what others do shows within the
    period, as on a page left open."""
    max_age = getattr(settings, "HEADER_COUNTS_MAX_AGE", 0)
    session = getattr(request, "session", None)
    if not max_age or session is None:
        return header_counts(user)
    kept = session.get(HEADER_COUNTS_KEY)
    reusable = (
        request.method in ("GET", "HEAD")
        and not getattr(request, "header_counts_fresh", False)
        and isinstance(kept, list)
        and len(kept) == 4
        and kept[0] == user.pk
        and 0 <= time.time() - kept[1] < max_age
    )
    if reusable:
        return HeaderCounts(todo=kept[2], unread=kept[3])
    counts = header_counts(user)
    session[HEADER_COUNTS_KEY] = [user.pk, time.time(), counts.todo, counts.unread]
    return counts


def xref(request: HttpRequest) -> dict:
    """``xref``: the resolver of ``[[key]]`` cross-references for any page under a document
    (``|markdown:…|xrefs:xref``). Lazy: the document's tree is read only when a text on the page
    has a reference; pages that have the tree already (document, section) pass their own."""
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match is not None else None
    if not slug:
        return {}
    from .models import Document
    from .rendering.links import section_url_builder
    from .rendering.xrefs import LazyXrefResolver, xref_resolver
    from .selectors.documents import document_tree

    def load():
        document = Document.objects.filter(slug=slug).first()
        nodes = document_tree(document).nodes if document is not None else []
        return xref_resolver(nodes, section_url_builder(slug) if document else str)

    return {"xref": LazyXrefResolver(load)}
