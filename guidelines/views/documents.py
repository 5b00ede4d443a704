"""Reading the draft: document list, document page, section page, section history."""

import re

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils import translation

from ..forms.comments import CommentForm
from ..models import Language
from ..models.translations import TRANSLATION_LANGUAGE_CODES
from ..permissions import can, rule
from ..rendering.links import section_url_builder
from ..rendering.markdown import warm
from ..rendering.outline import render_local_outline
from ..rendering.proposals import proposal_redline
from ..rendering.render_cache import section_texts
from ..rendering.suggestions import render_suggestions
from ..rendering.xref_syntax import XREF_PATTERN
from ..rendering.xrefs import xref_resolver
from ..selectors.comments import is_following, open_comment_counts, section_threads
from ..selectors.documents import (
    document_get,
    document_list,
    document_tree,
    section_page,
    structure_tree,
)
from ..selectors.history import deleted_sections, section_get
from ..selectors.outline import outline_badges
from ..selectors.phase_two import dispositions_by_section
from ..selectors.proposals import open_counts_by_section, section_open_proposals
from ..selectors.readings import (
    document_readings,
    page_readings,
    reading_states,
    section_readings,
    translated_headings,
)
from ..selectors.rounds import rounds_awaiting, rounds_for_contributor
from ..selectors.structure import document_structure, structure_xref_resolver
from ..selectors.suggestions import section_suggestions
from ..selectors.translations import section_translation_state, translation_states
from ..selectors.versions import structure_version, structure_versions
from .editing import deleted_page


@rule("read")
def document_index(request: HttpRequest) -> HttpResponse:
    return render(request, "guidelines/document_list.html", {"documents": document_list()})


@rule("read")
def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = document_get(slug)
    tree = document_tree(document, with_mappings=True)
    deleted = deleted_sections(document) if can(request.user, "edit_text") else []
    if deleted:  # each "Restore" button carries its section's structure token
        versions = structure_versions(document.pk, [s.pk for s in deleted])
        deleted = [(s, versions[s.pk]) for s in deleted]
    reading = _reading_context(request, tree)
    warm(section_texts(tree.nodes, reading["readings"]))  # one cache query for all the texts
    return render(
        request,
        "guidelines/document_detail.html",
        {
            "document": document,
            "tree": tree,
            "deleted": deleted,
            "open_counts": open_counts_by_section(document),
            "comment_counts": open_comment_counts(document),
            "rounds_awaiting": rounds_awaiting(request.user, document=document),
            "dispositions": dispositions_by_section(document),  # phase two (1 query)
            **reading,
        },
    )


def _reading_context(request: HttpRequest, tree, section=None) -> dict:
    """What the text is read in. With the interface in a language the sections are translated
    into (French), the sections' readings in it (one query: headings, parity, and the texts:
    every section's on the document page, ``section``'s on its page), unless the reader asked
    for the English original (``?text=en``). For translators, the French translation's state of
    every section, for the outline's badges and the section page's line (from the readings, or
    one query of its own when the page is read in English)."""
    interface = (translation.get_language() or "en")[:2]
    english_only = request.GET.get("text") == "en"
    language = interface if interface in TRANSLATION_LANGUAGE_CODES and not english_only else None
    readings = {}
    if language is not None:
        readings = (
            section_readings(tree, language, section)
            if section is not None
            else document_readings(tree, language)
        )
    context = {
        "xref": xref_resolver(  # [[key]] references: this tree, headings as the page reads them
            tree.nodes,
            section_url_builder(tree.document.slug),
            headings={
                pk: (reading.heading, reading.language if reading.heading_translated else "en")
                for pk, reading in readings.items()
            },
        ),
        "readings": readings,
        "reading": readings.get(section.pk) if section is not None and readings else None,
        "english_lang": "en" if interface != "en" else "",  # lang of the English text's blocks
        "english_only": english_only and interface in TRANSLATION_LANGUAGE_CODES,
    }
    if can(request.user, "translate"):
        if language == Language.FRENCH:
            states = reading_states(readings)
        else:
            states = translation_states(tree, Language.FRENCH)
        context.update(translation_states=states, translation_language=Language.FRENCH)
        if section is not None:
            context["translation"] = states.get(section.pk)
    return context


def _section_reading_context(request: HttpRequest, page, section, texts=()) -> dict:
    """As ``_reading_context``, for a section page: the readings of the sections the page names
    only (its tree), references resolved from the document's cached structure, and for
    translators the state of this section's translation only (the outline's badges come with
    the full outline, ``outline_fragment``). ``texts``: other texts the page shows (proposed
    texts), whose references are headed in the reading language too."""
    interface = (translation.get_language() or "en")[:2]
    english_only = request.GET.get("text") == "en"
    language = interface if interface in TRANSLATION_LANGUAGE_CODES and not english_only else None
    readings = page_readings(page.tree, language, section) if language is not None else {}
    english_lang = "en" if interface != "en" else ""
    headings = {
        pk: (reading.heading, reading.language if reading.heading_translated else "en")
        for pk, reading in readings.items()
    }
    if language is not None:  # references the tree does not hold (the French text's, proposals')
        own = readings.get(section.pk)
        named = {
            page.structure.by_key[key].pk
            for text in (own.body if own else "", *texts)
            for key in re.findall(XREF_PATTERN, text or "")
            if key in page.structure.by_key and key not in page.tree.by_key
        }
        for pk, heading in translated_headings(named, language).items():
            headings[pk] = (heading, language)
    context = {
        "xref": structure_xref_resolver(
            page.structure,
            section_url_builder(page.tree.document.slug),
            headings=headings,
            english_lang="en" if readings else "",
        ),
        "readings": readings,
        "reading": readings.get(section.pk) if readings else None,
        "english_lang": english_lang,
        "english_only": english_only and interface in TRANSLATION_LANGUAGE_CODES,
    }
    if can(request.user, "translate"):
        reading = readings.get(section.pk)
        state = reading.state if reading else section_translation_state(section, Language.FRENCH)
        context.update(translation=state, translation_language=Language.FRENCH)
    return context


@rule("read")
def section_detail(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    document = document_get(slug)
    try:
        page = section_page(document, key)
    except Http404:
        section = section_get(document, key)  # 404 if it never existed
        return deleted_page(request, document, section, status=410)
    section = page.node.section
    open_proposals = section_open_proposals(section)
    redlines = [
        proposal_redline(
            p,
            current_heading=section.heading,
            current_body=section.body,
            current_version=section.version,
        )
        for p in open_proposals
    ]
    suggestions = inline = None
    if request.GET.get("suggestions") == "1":  # "Show suggestions": open amendments in the text
        suggestions = section_suggestions(
            section, open_proposals, deciding=can(request.user, "decide")
        )
        inline = render_suggestions(
            heading=section.heading,
            body=section.body,
            suggested=suggestions.texts,
            id_prefix=section.key,
        )
    reading = _section_reading_context(
        request, page, section, texts=[p.proposed_body for p in open_proposals]
    )
    local_outline = render_local_outline(
        page.outline,
        page.node,
        url_for=section_url_builder(document.slug),
        readings=reading["readings"],
        english_lang=reading["english_lang"],
    )
    return render(
        request,
        "guidelines/section_detail.html",
        {
            "document": document,
            "page": page,
            "local_outline": local_outline,
            "current": page.node,
            "proposals": redlines,
            "threads": section_threads(section),
            "structure_version": structure_version(section)
            if can(request.user, "edit_text")
            else "",
            "following": is_following(request.user, section),
            "comment_form": CommentForm(rounds=rounds_for_contributor(request.user, document))
            if can(request.user, "propose")
            else None,
            "suggestions": suggestions,
            "inline": inline,
            **reading,
        },
    )


@rule("read")
def outline_fragment(request: HttpRequest, slug: str) -> HttpResponse:
    """The document's full outline (the ``_outline.html`` fragment, with its badges), which a
    section page loads with htmx; ``?current=<key>`` marks that section and opens the way to it.
    The tree comes from the cached structure (no section's text is read). Its ETag digests all
    it shows: a browser that has it gets a 304 while nothing has changed (nothing rendered)."""
    document = document_get(slug)
    structure = document_structure(document)
    tree = structure_tree(document, structure)
    current = request.GET.get("current", "")
    current = current if current in tree.by_key else None
    interface = translation.get_language() or "en"
    english_only = request.GET.get("text") == "en"
    language = interface[:2] if interface[:2] in TRANSLATION_LANGUAGE_CODES else None
    translator = can(request.user, "translate")
    badges = outline_badges(
        document, tree, language=None if english_only else language, translator=translator
    )
    etag = f'"{badges.digest(structure.token, interface, english_only, current, translator)}"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if etag in request.headers.get("If-None-Match", ""):
        return HttpResponseNotModified(headers=headers)
    context = {
        "tree": tree,
        "current_key": current,
        "open_counts": badges.open_counts,
        "comment_counts": badges.comment_counts,
        "dispositions": badges.dispositions,
        "readings": badges.readings,
        "english_lang": "en" if interface[:2] != "en" else "",
        "translation_states": badges.translation_states,
    }
    response = render(request, "guidelines/_outline.html", context)
    for name, value in headers.items():
        response[name] = value
    return response
