"""The coverage matrix's rows as HTML (every value escaped): at 3,000 sections and 23 standards
a template node per cell meant 69,000 cells' worth of tags; here each cell is one string, each
text through ``html.escape`` (what Django's ``escape`` does, without its lazy-string wrapper).

The output is the one ``_coverage_table.html`` gave: per row a header cell (number, heading
linking to the section, the phase-two disposition badge), then per standard a cell shaded by
the overlap with the standard's text (its percentage as the cell's title and, when shaded, as
visually-hidden text) holding the mapping's chip (relation letter; relation and note as title).
"""

from collections.abc import Callable
from html import escape
from itertools import repeat

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .overlaps import shade
from .phase_two import disposition_summary

_LETTERS = {"implements": "I", "supports": "S", "overlaps": "O"}  # any other: "T" (integrate)


def coverage_rows(rows, *, url_for: Callable[[str], str]) -> SafeString:
    """``<tr>`` per ``selectors.safe.CoverageRow``; ``url_for(key)``: a section's page."""
    overlap = gettext("Overlap with the standard's text: %(n)s %%")  # as {% blocktranslate %}
    relations: dict[str, str] = {}  # relation -> its label, escaped (looked up once each)
    out: list[str] = []
    for row in rows:
        node = row.node
        badge = ""
        if row.disposition:
            summary = conditional_escape(disposition_summary(row.disposition))
            badge = f' <span class="phase-two-badge">{summary}</span>'
        out.append(
            f'    <tr>\n      <th scope="row" class="matrix__section depth-{node.depth}">'
            f'<a href="{escape(url_for(node.key))}"><span class="num">'
            f"{escape(node.label)}</span> {escape(node.section.heading)}"
            f"</a>{badge}</th>\n      "
        )
        for cell, score in zip(row.cells, row.scores or repeat(None), strict=False):
            if score is None:
                head = '<td class="matrix__cell">'
            else:
                shaded = shade(score)
                text = overlap % {"n": round(score * 100)}  # a translation, as the template's
                head = f'<td class="matrix__cell {shaded}" title="{text}">'
                if shaded:
                    head += f'<span class="visually-hidden">{text}</span>'
            if cell is None:
                out.append(f"{head}</td>")
                continue
            label = relations.get(cell.relation)
            if label is None:
                label = relations[cell.relation] = conditional_escape(cell.get_relation_display())
            if cell.note:
                label = f"{label}: {escape(cell.note)}"
            letter = _LETTERS.get(cell.relation, "T")
            out.append(
                f'{head}<span class="chip chip--{escape(cell.relation)}" '
                f'title="{label}">{letter}</span></td>'
            )
        out.append("\n    </tr>\n")
    return mark_safe("".join(out))  # noqa: S308  (every value escaped above)
