from django import template
from django.utils.safestring import SafeString

from ..models.translations import Language
from ..rendering.bilingual import english_text, language_select, section_heading, written_in
from ..rendering.coverage import coverage_rows as render_coverage_rows
from ..rendering.document_sections import render_document_sections
from ..rendering.links import section_url_builder
from ..rendering.markdown import render_markdown
from ..rendering.numbering import shown_label
from ..rendering.outline import render_outline
from ..rendering.reasons import plain_reason
from ..rendering.xrefs import resolve_xrefs

register = template.Library()


@register.filter
def disposition_summary(item) -> str:
    """A phase-two disposition in words (``rendering.phase_two``)."""
    from ..rendering.phase_two import disposition_summary as summary

    return summary(item)


@register.filter
def markdown(text: str, id_prefix: str = "") -> SafeString:
    """Safe HTML from Markdown (sanitised by nh3 in guidelines.rendering.markdown)."""
    return render_markdown(text, id_prefix=id_prefix)


@register.filter(name="written_in")
def written_in_tag(language: str) -> SafeString:
    """``{{ c.language|written_in }}``: " written in French" where it is not the page's."""
    return written_in(language)


@register.simple_tag(name="language_select")
def language_select_tag(select_id: str) -> SafeString:
    return language_select(select_id)


@register.filter
def english(text) -> SafeString:
    """English text quoted in a sentence of the page: marked ``lang="en"`` on a French page."""
    return english_text(text)


@register.filter
def number_label(label: str) -> str:
    """A section's number as the page's language shows it ("Annexe II" in French)."""
    return shown_label(label)


@register.filter
def plain_text(text: str, id_prefix: str = "") -> str:
    """The section's text as the comment anchoring reads it (``rendering.anchoring.plain_text``
    of the rendered Markdown): offsets into it are the ``quote_start`` a comment records."""
    from ..rendering.anchoring import plain_text as plain

    return plain(str(render_markdown(text, id_prefix=id_prefix)))


@register.filter
def reading_text(html) -> str:
    """``{{ text|markdown:key|xrefs:xref|reading_text }}``: rendered text as the reader sees it
    (references resolved), as the comment anchoring reads it (``selectors.comments``)."""
    from ..rendering.anchoring import plain_text as plain

    return plain(str(html))


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key)


@register.simple_tag
def outline(
    tree,
    current_key=None,
    counts=None,
    comments=None,
    translations=None,
    readings=None,
    english_lang="",
    dispositions=None,
) -> SafeString:
    """The document outline; links lead to the section pages; badges count open proposals
    and open comment threads, and (for translators) flag French translations out of date or
    missing; with ``readings`` (a page read in French) the headings are the translated ones,
    and English ones are marked ``lang="en"`` on a page that is not in English."""
    url_for = section_url_builder(tree.document.slug)
    return render_outline(
        tree.nodes, url_for=url_for, current_key=current_key, counts=counts, comments=comments,
        translations=translations, readings=readings, english_lang=english_lang or "",
        dispositions=dispositions or None,
    )  # fmt: skip


@register.simple_tag(takes_context=True)
def heading(context, section) -> SafeString:
    """``section``'s heading as the page reads it (the context's ``readings`` and
    ``english_lang``, see ``views.documents``): translated where the page is read in a
    translation that has it, else the English, marked ``lang="en"`` on a page not in English."""
    return section_heading(
        section, context.get("readings"), english_lang=context.get("english_lang") or ""
    )


@register.simple_tag(name="section_url_builder")
def section_url_builder_tag(slug: str):
    """``{% section_url_builder document.slug as url_for %}``: one builder for a page's links,
    handed to tags such as ``document_sections`` (templates do not call it)."""
    url_for = section_url_builder(slug)
    url_for.do_not_call_in_templates = True
    return url_for


@register.simple_tag(takes_context=True)
def document_sections(context, nodes, url_for) -> SafeString:
    """The document page's sections (``rendering.document_sections``): headings, chips, texts;
    a text read in a translation comes from ``_section_reading.html``, with its banner."""
    template = context.template.engine.get_template("guidelines/_section_reading.html")

    def reading_html(section, reading) -> str:
        with context.push(section=section, reading=reading):
            return template.render(context)

    return render_document_sections(
        nodes,
        url_for=url_for,
        readings=context.get("readings"),
        english_lang=context.get("english_lang") or "",
        xref=context.get("xref"),
        reading_html=reading_html,
    )


@register.simple_tag
def coverage_rows(matrix, slug: str) -> SafeString:
    """The coverage matrix's rows (``rendering.coverage``), one string per cell."""
    return render_coverage_rows(matrix.rows, url_for=section_url_builder(slug))


@register.simple_tag
def redline(diff, id_prefix: str = "rl") -> SafeString:
    """Inline redline of a TextDiff (sanitised in guidelines.rendering.redline)."""
    from ..rendering.redline import render_redline

    return render_redline(diff, id_prefix=id_prefix)


@register.simple_tag
def words_redline(segments) -> SafeString:
    from ..rendering.redline import render_words

    return render_words(segments)


@register.filter
def editable(comment) -> bool:
    """Still within the grace period in which its author may edit or delete it."""
    from ..services.comments import within_grace

    return within_grace(comment)


@register.filter
def comment_url(comment) -> str:
    """Where ``comment`` is shown (``selectors.comments.comment_url``)."""
    from ..selectors.comments import comment_url as url

    return url(comment)


@register.filter
def css_string(value) -> SafeString:
    """A value as a quoted CSS string (see guidelines.rendering.css)."""
    from ..rendering.css import css_string as quote

    return quote(value)


@register.filter
def change_reason(reason) -> str:
    """A history row's reason in plain words ("Demo data loaded", not the command's name)."""
    return plain_reason(reason)


@register.simple_tag
def text_languages() -> list[tuple[str, str]]:
    """The languages a comment or a proposal may be written in (the "Language of your text"
    select of forms without a form object, e.g. a thread's reply box)."""
    return Language.choices


@register.filter
def xrefs(html, resolver=None) -> SafeString:
    """``{{ text|markdown:prefix|xrefs:xref }}``: the ``[[key]]`` cross-references of rendered
    Markdown given their current number, heading and link (``rendering.xrefs``)."""
    return resolve_xrefs(str(html), resolver)
