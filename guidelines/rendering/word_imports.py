"""How a Word import's preview reads: per proposal item, its word diff (the file's text against
the version it was made from) and, for a conflict, the three-way view."""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from ..imports.types import ProposalItem
from ..models import ProposalKind
from .diff import diff_text, diff_words
from .proposals import text_redline
from .redline import render_redline, render_words


@dataclass(frozen=True)
class ItemRedline:
    heading: SafeString | None  # None when the heading is unchanged
    body: SafeString
    since: SafeString | None = None  # a conflict: base -> current (changed in the tracker)
    merged: SafeString | None = None  # a clean conflict: current -> the automatic merge
    merged_heading: SafeString | None = None


def item_redline(item: ProposalItem) -> ItemRedline:
    prefix = f"wi-{item.ref}"
    if item.kind == ProposalKind.INSERT:
        heading = render_words(diff_words("", item.proposed_heading))
        return ItemRedline(
            heading, render_redline(diff_text("", item.proposed_body), id_prefix=prefix)
        )
    if item.kind == ProposalKind.DELETE:
        body = render_redline(diff_text(item.base_body, ""), id_prefix=prefix)
        return ItemRedline(None, body)
    proposed = text_redline(
        old_heading=item.base_heading,
        old_body=item.base_body,
        heading=item.proposed_heading,
        body=item.proposed_body,
        id_prefix=prefix,
    )
    conflict = item.conflict
    if conflict is None:
        return ItemRedline(proposed.heading, proposed.body)
    since = render_redline(diff_text(item.base_body, conflict.current_body), id_prefix=f"{prefix}c")
    merged = merged_heading = None
    if conflict.clean:
        merged = render_redline(
            diff_text(conflict.current_body, conflict.merged_body or ""), id_prefix=f"{prefix}m"
        )
        if conflict.merged_heading != conflict.current_heading:
            merged_heading = render_words(
                diff_words(conflict.current_heading, conflict.merged_heading or "")
            )
    return ItemRedline(proposed.heading, proposed.body, since, merged, merged_heading)
