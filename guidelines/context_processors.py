from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .header_counts import kept_header_counts
from .permissions import CAPABILITIES, ROLE_LABELS, user_role


def role(request: HttpRequest) -> dict:
    current = user_role(request.user) if hasattr(request, "user") else None
    return {
        "user_role": current,
        "user_role_label": ROLE_LABELS.get(current, ""),
        "can": {name: current in roles for name, roles in CAPABILITIES.items()},
    }


def header(request: HttpRequest) -> dict:
    """The header's "To do (N)" and the bell's unread count: one query, run only when a page
    shows them (partials rendered with the request never touch them), and kept a few seconds
    per user (``header_counts``)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    fresh = getattr(request, "header_counts_fresh", False)
    return {"header_counts": SimpleLazyObject(lambda: kept_header_counts(user, fresh=fresh))}


def want_fresh_header_counts(request: HttpRequest) -> None:
    """For a page whose content the counts describe (To do, notifications, inbox): count now."""
    request.header_counts_fresh = True


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
