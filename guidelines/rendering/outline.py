"""The numbered, collapsible outline of a document tree, as HTML (every value escaped)."""

from collections.abc import Callable

from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .bilingual import section_heading, section_heading_text
from .numbering import shown_label
from .phase_two import disposition_badge, disposition_summary

_TRANSLATION_BADGES = {
    "out_of_date": lambda: _("FR out of date"),
    "missing": lambda: _("FR missing"),
}


def render_outline(
    nodes,
    *,
    url_for: Callable[[str], str],
    current_key: str | None = None,
    open_depth: int = 1,
    counts: dict[int, int] | None = None,
    comments: dict[int, int] | None = None,
    translations: dict | None = None,
    readings: dict | None = None,
    english_lang: str = "",
    dispositions: dict | None = None,
) -> SafeString:
    """Nested lists; a node with children is a ``<details>`` open down to ``open_depth`` and
    along the path to the current section. ``counts``/``comments``: open proposals and open
    comment threads per section id, shown as badges; ``translations``: the French translation's
    state per section id (for translators), shown when it is out of date or missing;
    ``readings``: the sections read in a translation (``selectors.readings``), whose headings
    are shown instead of the English ones; ``english_lang``: "en" on a page not in English
    (English headings are marked so); ``dispositions``: the decided phase-two disposition per
    section id (``selectors.phase_two.dispositions_by_section``), shown as a short badge."""
    on_path: set[str] = set()
    if current_key is not None:
        for node in nodes:
            if node.key == current_key:
                cursor = node
                while cursor is not None:
                    on_path.add(cursor.key)
                    cursor = cursor.parent
                break
    roots = [n for n in nodes if n.parent is None]
    badges = (
        counts or {}, comments or {}, translations or {}, readings or {}, english_lang,
        dispositions or {},
    )  # fmt: skip
    return _list(roots, url_for, current_key, open_depth, on_path, badges)


def _item_link(node, url_for, current_key, counts) -> SafeString:
    """The section's link, then its badges with short visible labels (outside the link). Built
    with ``escape`` and f-strings rather than ``format_html``: this runs once per section of the
    document page's outline (3,000 at the largest), where ``format_html`` was most of its time."""
    current = ' aria-current="page" class="is-current"' if node.key == current_key else ""
    proposals, comments, translations, readings, english_lang, dispositions = counts
    pk = node.section.pk
    badges = ""
    count = proposals.get(pk, 0)
    if count:
        label = ngettext("%(n)s open proposal", "%(n)s open proposals", count) % {"n": count}
        badges += f' <span class="outline-count">{escape(label)}</span>'
    count = comments.get(pk, 0)
    if count:
        label = ngettext("%(n)s open comment", "%(n)s open comments", count) % {"n": count}
        badges += f' <span class="outline-count outline-count--comments">{escape(label)}</span>'
    state = getattr(translations.get(pk), "state", None)
    if state in _TRANSLATION_BADGES:
        label = escape(_TRANSLATION_BADGES[state]())
        badges += f' <span class="outline-count outline-count--translation">{label}</span>'
    decided = dispositions.get(pk)
    if decided is not None:
        badges += format_html(
            ' <span class="outline-count outline-count--phase-two" title="{}">{}</span>',
            disposition_summary(decided),
            disposition_badge(decided),
        )
    heading = section_heading(node.section, readings, english_lang=english_lang)
    return mark_safe(  # noqa: S308  (every value escaped above or by section_heading)
        f'<a href="{conditional_escape(url_for(node.key))}"{current}><span class="num">'
        f'{escape(shown_label(node.label))}</span> <span class="heading">{heading}</span></a>'
        f"{badges}"
    )


def _list(nodes, url_for, current_key, open_depth, on_path, counts) -> SafeString:
    """A tree of links. A section with subsections starts with a ``<details>`` whose ``<summary>``
    only shows or hides them, then its link, then the list of subsections (the CSS hides that list
    while the ``<details>`` is closed). So the toggle comes before the link in the DOM as on screen,
    there is no link inside a summary, and it works without JS."""
    items = []
    for node in nodes:
        link = _item_link(node, url_for, current_key, counts)
        if node.children:
            is_open = " open" if node.depth < open_depth or node.key in on_path else ""
            inner = _list(node.children, url_for, current_key, open_depth, on_path, counts)
            heading = section_heading_text(node.section, counts[3])
            name = f"{shown_label(node.label)} {heading}".strip()
            hidden = escape(_("Subsections of %(section)s") % {"section": name})
            items.append(
                f'<li class="branch"><details class="outline-toggle"{is_open}><summary>'
                f'<span class="visually-hidden">{hidden}</span></summary></details>{link}{inner}'
                "</li>"
            )
        else:
            items.append(f'<li class="leaf">{link}</li>')
    return mark_safe(f'<ul class="outline-list">{"".join(items)}</ul>')  # noqa: S308


def render_local_outline(
    outline, current, *, url_for: Callable[[str], str], readings=None, english_lang: str = ""
) -> SafeString:
    """A section page's own outline (``selectors.documents.LocalOutline``): the path from the
    top down to ``current`` as nested lists, ``current`` among its nearest siblings, with "… N
    more" where siblings or children are left out, and its children. No badges (the full
    outline has them). Its size does not depend on the document's."""
    badges = ({}, {}, {}, readings or {}, english_lang, {})

    def link(node) -> SafeString:
        return _item_link(node, url_for, current.key, badges)

    def more(count: int, where: str) -> SafeString:
        text = {
            "before": ngettext("… %(n)s more before", "… %(n)s more before", count),
            "after": ngettext("… %(n)s more after", "… %(n)s more after", count),
            "below": ngettext("… %(n)s more subsection", "… %(n)s more subsections", count),
        }[where] % {"n": count}
        return format_html('<li class="leaf outline-more">{}</li>', text)

    def items(rows) -> SafeString:
        return format_html(
            '<ul class="outline-list">{}</ul>', format_html_join("", "{}", ((r,) for r in rows))
        )

    children = [format_html('<li class="leaf">{}</li>', link(c)) for c in outline.children]
    if outline.more_children:
        children.append(more(outline.more_children, "below"))
    level = [more(outline.before, "before")] if outline.before else []
    for sibling in outline.siblings:
        inner = items(children) if sibling is current and children else ""
        css = "branch" if inner else "leaf"
        level.append(
            format_html('<li class="{} outline-local">{}{}</li>', css, link(sibling), inner)
        )
    if outline.after:
        level.append(more(outline.after, "after"))
    html = items(level)
    for ancestor in reversed(outline.ancestors):
        html = items(
            [format_html('<li class="branch outline-local">{}{}</li>', link(ancestor), html)]
        )
    return html
