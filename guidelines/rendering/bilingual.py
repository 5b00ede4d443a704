"""Headings as a reader of a translation sees them: the translated heading, or the English one
marked ``lang="en"`` where the page is in another language (no translation, or the reader asked
for the English original)."""

from django.utils import translation
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..models.translations import Language


def section_heading(section, readings=None, *, english_lang: str = "") -> SafeString:
    """``section``'s heading, escaped. ``readings``: the sections' readings by id
    (``selectors.readings``), empty on a page read in English; ``english_lang``: "en" when
    the page's language is not English (an English heading is then marked as such)."""
    reading = readings.get(section.pk) if readings else None
    if reading is not None and reading.heading_translated:
        return conditional_escape(reading.heading)
    if reading is not None or english_lang:  # not format_html: once per section of an outline
        return mark_safe(f'<span lang="en">{conditional_escape(section.heading)}</span>')  # noqa: S308
    return conditional_escape(section.heading)


def section_heading_text(section, readings=None) -> str:
    """The same heading as plain text (a page title, an accessible name)."""
    reading = readings.get(section.pk) if readings else None
    return reading.heading if reading is not None else section.heading


def english_text(text) -> SafeString:
    """``text`` (English, e.g. a heading) escaped, and marked ``lang="en"`` where the active
    language is not English, for a sentence of the page's language that quotes it."""
    if (translation.get_language() or "en")[:2] == "en":
        return conditional_escape(text)
    return format_html('<span lang="en">{}</span>', text)


def written_in(language: str) -> SafeString:
    """The " written in French" tag after a text whose language is not the page's (nothing
    otherwise). A function, not an include: lists show it on every row."""
    if not language or language == (translation.get_language() or "en")[:2]:
        return SafeString("")
    label = _("written in French") if language == "fr" else _("written in English")
    return format_html(' <span class="written-in">{}</span>', label)


def language_select(select_id: str) -> SafeString:
    """The "Language of your text" select of a form without a form object (a thread's reply
    box), prefilled with the page's language."""
    page = (translation.get_language() or "en")[:2]
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((code, " selected" if code == page else "", label) for code, label in Language.choices),
    )
    return format_html(
        '<span class="text-language">\n  <label for="{}">{}</label>\n'
        '  <select name="language" id="{}">{}</select>\n</span>',
        select_id, _("Language of your text"), select_id, options,
    )  # fmt: skip
