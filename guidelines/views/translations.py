"""Translating the draft: the side-by-side translation page of a section, its conflict page,
and the parity page of a document (which translations are up to date)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms.translations import ParityFilterForm, TranslationForm
from ..models import Language, Parity
from ..permissions import rule
from ..rendering.diff import diff_text, diff_words
from ..selectors.documents import document_get
from ..selectors.history import section_get
from ..selectors.translations import (
    document_parity,
    english_changes_since,
    section_translation_state,
    translation_changes_since,
    translation_get,
)
from ..services.sections import SectionDeleted
from ..services.translations import TranslationConflict, translation_save
from .editing import deleted_page, text_preview_context


def _translate_url(document, section, language: str) -> str:
    return reverse("guidelines:section_translate", args=[document.slug, section.key, language])


def _page(request, document, section, language, form, *, status=200) -> HttpResponse:
    state = section_translation_state(section, language)
    changes = None
    if state.state == Parity.OUT_OF_DATE:
        changes = english_changes_since(section, state.source_version)
    context = {
        "document": document,
        "section": section,
        "language": language,
        "language_label": Language(language).label,
        "state": state,
        "changes": changes,
        "form": form,
        **text_preview_context(form["body"].value()),
    }
    return render(request, "guidelines/section_translate.html", context, status=status)


@rule("translate")
def section_translate(request: HttpRequest, slug: str, key: str, language: str) -> HttpResponse:
    """The English (with its changes since the translated version) beside the translation's
    editor; Save marks the translation up to date with the English shown."""
    document = document_get(slug)
    section = section_get(document, key)
    if section.is_deleted:
        return deleted_page(request, document, section, status=409)
    if request.method != "POST":
        translation = translation_get(section, language)
        form = TranslationForm(
            initial={
                "heading": translation.heading if translation else "",
                "body": translation.body if translation else "",
                "expected_version": translation.version if translation else 0,
                "source_version": section.version,
            }
        )
        return _page(request, document, section, language, form)
    form = TranslationForm(request.POST)
    if not form.is_valid():
        return _page(request, document, section, language, form, status=400)
    data = form.cleaned_data
    expected, source = form.tokens()
    try:
        result = translation_save(
            section=section, language=language, heading=data["heading"], body=data["body"],
            source_version=source, expected_version=expected, user=request.user,
            reason=data["reason"],
        )  # fmt: skip
    except TranslationConflict as conflict:
        return translation_conflict_page(request, document, language, conflict, data)
    except SectionDeleted:
        return deleted_page(request, document, section, status=409)
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, document, section, language, form, status=400)
    if result.saved:
        messages.success(
            request,
            _("Translation saved as version %(v)s, up to date with English version %(e)s.")
            % {"v": result.translation.version, "e": result.translation.source_version},
        )
    else:
        messages.info(request, _("Nothing changed, so no new version was made."))
    return redirect(reverse("guidelines:translations", args=[document.slug]))


def translation_conflict_page(
    request: HttpRequest, document, language: str, conflict: TranslationConflict, data: dict
) -> HttpResponse:
    """Nothing was saved: the English changed since the page showed it (its word diff since
    then), or someone saved the translation (who, when, why, and its text against what this
    person typed: the heading and the text). The typed translation is kept in the form, on the
    current tokens."""
    section, current = conflict.section, conflict.current
    heading, body = data.get("heading", ""), data.get("body", "")
    form = TranslationForm(
        initial={
            **data,
            "expected_version": current.version if current else 0,
            "source_version": section.version,
        }
    )
    context = {
        "document": document,
        "section": section,
        "language": language,
        "language_label": Language(language).label,
        "conflict": conflict,
        "english": english_changes_since(section, conflict.source_version)
        if conflict.english_changed
        else None,
        "newer": translation_changes_since(section, language, conflict.expected_version)
        if conflict.translation_changed
        else [],
        "yours": diff_text(current.body, body) if current else None,
        "yours_heading": diff_words(current.heading, heading)
        if current and current.heading != heading
        else None,
        "saved": current,
        "form": form,
        "action": _translate_url(document, section, language),
    }
    return render(request, "guidelines/translation_conflict.html", context, status=409)


@rule("translate_read")
def document_translations(request: HttpRequest, slug: str) -> HttpResponse:
    """The parity page: per chapter, how many translations are up to date, out of date or
    missing; the sections, filtered by state and chapter, with links to translate them."""
    document = document_get(slug)
    language = Language.FRENCH
    parity = document_parity(document, language)
    chapters = [
        (c.chapter.key, f"{c.chapter.label} {c.chapter.section.heading}".strip())
        for c in parity.chapters
    ]
    form = ParityFilterForm(request.GET or None, chapters=chapters)
    filters = form.filters() if request.GET else {"state": "", "chapter": ""}
    return render(
        request,
        "guidelines/document_translations.html",
        {
            "document": document,
            "language": language,
            "language_label": Language(language).label,
            "parity": parity,
            "rows": parity.filtered(**filters),
            "form": form,
            "filtered": any(filters.values()),
        },
    )
