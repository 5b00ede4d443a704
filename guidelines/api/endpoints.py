"""The API's endpoints (all read-only GETs). Views stay thin: selectors read, schemas shape."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import AuthorizationError
from ninja.pagination import paginate

from ..models import Language, Parity, ProposalStatus
from ..permissions import EDITORS, user_role
from ..rendering.links import section_url_builder
from ..selectors.api import (
    Validators,
    api_comments,
    api_milestones,
    api_proposals,
    document_validators,
    milestone_validators,
)
from ..selectors.documents import document_get, document_list, document_tree
from ..selectors.snapshots import mappings_as_of, milestone_get, snapshot_current, snapshot_of
from ..selectors.translations import document_parity
from . import response_cache, schemas
from .core import PageNumber

router = Router()
DOCUMENT = "/documents/{slug}/"


def _conditional(request: HttpRequest, response: HttpResponse, seen: Validators):
    """Set the validators on ``response``; a 304 when the client already has this version."""
    etag = f'W/"{seen.etag}"'
    modified = int(seen.last_modified.timestamp()) if seen.last_modified else None  # whole seconds
    not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
    for target in (response, not_modified):
        if target is None:
            continue
        target["ETag"] = etag
        if modified is not None:
            target["Last-Modified"] = http_date(modified)
        target["Cache-Control"] = "private, no-cache"
        patch_vary_headers(target, ("Authorization", "Cookie", "Accept-Language"))
    return not_modified


def _mapping(m) -> dict:
    return {
        "pillar": m.standard.pillar.number,
        "standard": m.standard.number,
        "standard_title": m.standard.title,
        "relation": m.relation,
        "note": m.note,
    }


def _section(node, html_url, mappings) -> dict:
    """``html_url(key)``: the absolute address of a section's page."""
    section = node.section
    return {
        "key": node.key,
        "number": node.label,
        "heading": section.heading,
        "kind": section.kind,
        "body": section.body,
        "parent_key": node.parent.key if node.parent else None,
        "depth": node.depth,
        "version": section.version,
        "html_url": html_url(node.key),
        "mappings": [_mapping(m) for m in mappings],
    }


_KEY = "section-key-placeholder"


def _absolute_urls(request: HttpRequest, slug: str):
    """``html_url(key)`` for the sections of ``slug``: one ``build_absolute_uri`` per response,
    not per section (keys are slugs: nothing in them to quote)."""
    head, tail = request.build_absolute_uri(section_url_builder(slug)(_KEY)).split(_KEY)
    return lambda key: f"{head}{key}{tail}"


def _document_url(request: HttpRequest, slug: str) -> str:
    return request.build_absolute_uri(reverse("guidelines:document_detail", kwargs={"slug": slug}))


def document_data(request: HttpRequest, doc, milestone=None) -> dict:
    """The document (as of ``milestone``, a Milestone, or now) as the API gives it."""
    return document_out(request, doc, milestone).model_dump()


def document_out(request: HttpRequest, doc, milestone=None) -> schemas.DocumentOut:
    """The document (as of ``milestone``, a Milestone, or now) as the API gives it, built as
    schema instances (``model_construct``: the values are the selectors' own, of the schema's
    types), which the API serialises without validating every section and mapping again
    (django-ninja's per-object validation was most of the time at 3,000 sections)."""
    if milestone is None:
        tree = document_tree(doc, with_mappings=True, with_dates=False)
        mappings = {n.section.pk: n.section.live_mappings for n in tree.nodes}
    else:
        snapshot = snapshot_of(milestone)
        tree, mappings = snapshot.tree, mappings_as_of(snapshot)
    html_url = _absolute_urls(request, doc.slug)
    sections = []
    for n in tree.nodes:
        # ``id``, not ``pk``: at a milestone the node holds a history row (its pk is the row's)
        data = _section(n, html_url, mappings.get(n.section.id, ()))
        data["mappings"] = [schemas.MappingOut.model_construct(**m) for m in data["mappings"]]
        sections.append(schemas.SectionOut.model_construct(**data))
    return schemas.DocumentOut.model_construct(
        slug=doc.slug,
        title=doc.title,
        html_url=_document_url(request, doc.slug),
        milestone=milestone.pk if milestone is not None else None,
        sections=sections,
    )


@router.get("/", response=schemas.Index, url_name="index")
def index(request: HttpRequest):
    """Where to start: the documents and the schema."""
    return {
        "documents": request.build_absolute_uri(reverse("api:documents")),
        "schema": request.build_absolute_uri(reverse("api:openapi-json")),
    }


@router.get("/documents/", response=list[schemas.DocumentItem], url_name="documents")
@paginate(PageNumber, items_attribute="documents")
def documents(request: HttpRequest):
    """The documents, by title."""
    return document_list()


@router.get(DOCUMENT, response={200: schemas.DocumentOut, 304: None}, url_name="document")
def document(request: HttpRequest, response: HttpResponse, slug: str, milestone: int | None = None):
    """A document with every live section in reading order (number, heading, text, SAFE
    mappings). ``milestone``: the document as it stood at that milestone (404 if unknown)."""
    doc = document_get(slug)
    language = get_language()
    chosen = milestone_get(doc, milestone) if milestone is not None else None
    if chosen is None:
        seen = document_validators(doc, language=language)
    else:
        seen = milestone_validators(chosen, title=doc.title, language=language)
    not_modified = _conditional(request, response, seen)
    if not_modified is not None:
        return not_modified
    # The bytes of this version, as given here, if a request before encoded them (an
    # HttpResponse goes out as it is: ninja neither validates nor encodes it again).
    key = response_cache.slot(
        document_url=_document_url(request, doc.slug),
        language=language,
        milestone=chosen.pk if chosen is not None else None,
    )
    body = response_cache.fetch(key, seen.etag)
    if body is None:
        body = _encoded(request, response, document_out(request, doc, chosen))
        response_cache.store(key, seen.etag, body)
    response.content = body
    return response


def _encoded(request: HttpRequest, response: HttpResponse, out: schemas.DocumentOut) -> bytes:
    """``out`` as ninja encodes an operation's schema instance (``Operation._result_to_response``:
    ``model_dump`` with its defaults, then the API's renderer)."""
    data = out.model_dump(
        by_alias=False,
        exclude_unset=False,
        exclude_defaults=False,
        exclude_none=False,
        context={"request": request, "response_status": 200},
    )
    from . import api  # the NinjaAPI instance (guidelines/api/__init__.py imports this module)

    return api.create_response(request, data, temporal_response=response).content


@router.get(
    DOCUMENT + "sections/{key}/",
    response={200: schemas.SectionOut, 304: None},
    url_name="section",
)
def section(request: HttpRequest, response: HttpResponse, slug: str, key: str):
    """One live section of the current text (its number depends on the whole document)."""
    doc = document_get(slug)
    seen = document_validators(doc, language=get_language(), extra=key)
    not_modified = _conditional(request, response, seen)
    if not_modified is not None:
        return not_modified
    snapshot = snapshot_current(doc)
    node = snapshot.tree.by_key.get(key)
    if node is None:
        raise Http404(_("No such section."))
    mappings = mappings_as_of(snapshot).get(node.section.id, ())
    return _section(node, _absolute_urls(request, slug), mappings)


@router.get(DOCUMENT + "proposals/", response=list[schemas.ProposalOut], url_name="proposals")
@paginate(PageNumber, items_attribute="proposals")
def proposals(
    request: HttpRequest, slug: str, status: ProposalStatus | None = None, section: str = ""
):
    """The document's proposals, oldest first; ``status`` and ``section`` (a key) filter."""
    return api_proposals(document_get(slug), status=status or "", section_key=section)


@router.get(DOCUMENT + "comments/", response=list[schemas.CommentOut], url_name="comments")
@paginate(PageNumber, items_attribute="comments")
def comments(request: HttpRequest, slug: str, section: str = ""):
    """Comments and replies, oldest first (``thread``: the thread a reply answers). A hidden or
    deleted comment is listed without its text, as on the pages."""
    return api_comments(document_get(slug), section_key=section)


@router.get(DOCUMENT + "milestones/", response=list[schemas.MilestoneOut], url_name="milestones")
@paginate(PageNumber, items_attribute="milestones")
def milestones(request: HttpRequest, slug: str):
    """The document's milestones, newest first; each one's ``api_url`` gives the text then."""
    return api_milestones(document_get(slug))


@router.get(
    DOCUMENT + "translations/{language}/",
    response={200: schemas.ParityOut, 403: schemas.Error},
    url_name="parity",
)
def parity(request: HttpRequest, slug: str, language: str):
    """Which sections' translation is up to date with the English, out of date or missing (for
    those who translate: the facilitator and the secretariat, as the parity page)."""
    if user_role(request.auth) not in EDITORS:
        raise AuthorizationError(403, _("Only those who translate see the parity."))
    if language == Language.ENGLISH or language not in Language.values:
        raise Http404(_("No such translation language."))
    report = document_parity(document_get(slug), language)
    return {
        "slug": slug,
        "language": language,
        "totals": {state.value: report.totals[state] for state in Parity},
        "sections": [
            {
                "key": row.node.key,
                "number": row.node.label,
                "heading": row.node.section.heading,
                "chapter_key": row.chapter.key,
                "state": str(row.state.state),
                "english_version": row.state.english_version,
                "source_version": row.state.source_version,
                "version": row.state.version,
            }
            for row in report.rows
        ],
    }
