"""The document page's sections as HTML (every value escaped): per section its numbered heading
linking to its page, its SAFE mapping chips and its text. Built in Python like the outline: at
3,000 sections a template loop costs ~60,000 variable lookups and 3,000 ``{% url %}`` tags, and
even ``format_html`` per value is a large share of the page; hence plain strings here, each
value through ``html.escape`` (what Django's ``escape`` does) unless already safe HTML."""

from collections.abc import Callable
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .bilingual import section_heading
from .markdown import render_markdown
from .numbering import shown_label
from .xrefs import resolve_xrefs


def render_document_sections(
    nodes,
    *,
    url_for: Callable[[str], str],
    readings=None,
    english_lang: str = "",
    xref=None,
    reading_html: Callable[[object, object], str] | None = None,
) -> SafeString:
    """``<section>`` per tree node. ``readings``: the sections read in a translation by id
    (``selectors.readings``); a section with one gets its text from ``reading_html(section,
    reading)`` (the ``_section_reading.html`` template, with its banner); the others their
    English text, ``lang="en"`` where ``english_lang``. ``xref``: the page's ``[[key]]``
    resolver."""
    chips = _Chips()
    lang = ' lang="en"' if english_lang else ""
    out: list[str] = []
    for node in nodes:
        section = node.section
        level = node.heading_level
        reading = readings.get(section.pk) if readings else None
        if reading is not None or english_lang:
            heading = str(section_heading(section, readings, english_lang=english_lang))
        else:
            heading = escape(section.heading)
        number = (
            f'<span class="num">{escape(shown_label(node.label))}</span> ' if node.label else ""
        )
        if reading is None:
            body = render_markdown(section.body, id_prefix=section.key)
            text = f'<div class="prose"{lang}>{resolve_xrefs(str(body), xref)}</div>'
        else:
            text = str(reading_html(section, reading))
        out.append(
            f'    <section class="doc-section depth-{node.depth}" id="s-{escape(node.key)}">\n'
            f'      <div class="section-heading h{level}" role="heading" aria-level="{level}">\n'
            f'        <a href="{escape(url_for(node.key))}">{number}{heading}</a>\n      </div>'
            f"{chips(getattr(section, 'live_mappings', None))}\n      {text}\n    </section>\n"
        )
    return mark_safe("".join(out))  # noqa: S308  (every value escaped above)


class _Chips:
    """A section's SAFE standards as chips (code; title and relation as the tooltip). One
    chip's HTML per standard and relation, made once per page."""

    def __init__(self) -> None:
        self.label = escape(_("SAFE standards"))
        self.made: dict[tuple[int, str], str] = {}

    def chip(self, m) -> str:
        made = self.made.get((m.standard_id, m.relation))
        if made is None:
            title = f"{m.standard.title} ({m.get_relation_display()})"
            made = (
                f'<span class="chip chip--{escape(m.relation)}" title="{escape(title)}">'
                f"{escape(m.standard.code)}</span>"
            )
            self.made[(m.standard_id, m.relation)] = made
        return made

    def __call__(self, mappings) -> str:
        if not mappings:
            return ""
        chips = "".join(self.chip(m) for m in mappings)
        head = f'<p class="mapping-chips" aria-label="{self.label}">'
        return f"\n      {head}\n        {chips}\n      </p>"
