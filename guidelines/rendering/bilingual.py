"""Headings as a reader of a translation sees them: the translated heading, or the English one
marked ``lang="en"`` where the page is in another language (no translation, or the reader asked
for the English original)."""

from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString


def section_heading(section, readings=None, *, english_lang: str = "") -> SafeString:
    """``section``'s heading, escaped. ``readings``: the sections' readings by id
    (``selectors.readings``), empty on a page read in English; ``english_lang``: "en" when
    the page's language is not English (an English heading is then marked as such)."""
    reading = readings.get(section.pk) if readings else None
    if reading is not None and reading.heading_translated:
        return conditional_escape(reading.heading)
    if reading is not None or english_lang:
        return format_html('<span lang="en">{}</span>', section.heading)
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
