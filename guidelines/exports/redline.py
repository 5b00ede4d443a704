"""How a credited redline reads in an export: the legend, the note under each section, the
markers after each change, and each section's HTML for the PDF. Words are translated here, once,
for both the PDF and the Word file."""

from dataclasses import dataclass, replace

from django.utils import formats, timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ..rendering.markdown import render_markdown
from ..rendering.numbering import shown_label
from ..rendering.redline import render_redline, render_words
from ..rendering.words import Segment
from ..selectors.redline import (
    ADDED_HERE,
    DELETED_HERE,
    MOVED_FROM,
    MOVED_TO,
    Contributor,
    Redline,
    RedlineEntry,
    join_title,
)
from ..selectors.snapshots import MOVED, RENUMBERED


def when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y")


def credit_text(contributor: Contributor) -> str:
    """ "AU – Australia (Liam Walker), proposal #1, 5 December 2017"."""
    how = (
        _("proposal #%(n)s") % {"n": contributor.proposal}
        if contributor.proposal
        else _("direct edit")
    )
    return f"{contributor.code} – {contributor.author}, {how}, {when(contributor.at)}"


def kinds_text(entry: RedlineEntry) -> str:
    parts = []
    for kind in entry.kinds:
        if kind == RENUMBERED and MOVED in entry.kinds:
            continue  # "moved from 3.2" says it
        if kind == MOVED and entry.place == MOVED_FROM:
            parts.append(_("moved to %(n)s") % {"n": shown_label(entry.other_label) or "–"})
        elif kind == MOVED and entry.place == MOVED_TO:
            parts.append(_("moved from %(n)s") % {"n": shown_label(entry.other_label) or "–"})
        elif kind == RENUMBERED and entry.old_label:
            parts.append(_("renumbered (was %(n)s)") % {"n": shown_label(entry.old_label)})
        else:
            parts.append(str(kind.label))
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def credits_text(entry: RedlineEntry, redline: Redline) -> str:
    """Who changed the section, each once (several rows of one person's day read as one)."""
    texts = (credit_text(redline.contributors[i]) for i in entry.credits)
    return "; ".join(dict.fromkeys(texts))


def change_note(entry: RedlineEntry, redline: Redline) -> str:
    """The note under a changed section: what happened to it and who did it."""
    if not entry.changed:
        return ""
    credits = credits_text(entry, redline)
    return f"{kinds_text(entry)} — {credits}" if credits else kinds_text(entry)


def marker_labels(entry: RedlineEntry, redline: Redline) -> dict[int, str]:
    """What follows each change: the delegation's code, numbered when one delegation made
    several of this section's changes (AU 1, AU 2)."""
    codes = [redline.contributors[i].code for i in entry.credits]
    labels, seen = {}, {}
    for index, code in zip(entry.credits, codes, strict=True):
        if codes.count(code) > 1:
            seen[code] = seen.get(code, 0) + 1
            labels[index] = f"{code} {seen[code]}"
        else:
            labels[index] = code
    return labels


def legend(redline: Redline, *, word: bool = False) -> list[str]:
    """How to read the redline (in the PDF, or in Word where changes are tracked)."""
    old, new = redline.old.label, redline.new.label
    lines = [
        _(
            "This draft shows the changes from “%(old)s” to “%(new)s”: inserted text is "
            "underlined, deleted text is struck through."
        )
        % {"old": old, "new": new},
    ]
    if word:
        lines.append(
            _(
                "Each change is tracked with who made it and when: the delegation whose proposal "
                "was accepted, and its author, or the delegation of the person who edited the "
                "text directly. Accepting all changes gives “%(new)s”, rejecting all gives "
                "“%(old)s”. A moved section is deleted at its old place and inserted at its new "
                "one. The table below lists what changed in each section."
            )
            % {"old": old, "new": new}
        )
    else:
        lines.append(
            _(
                "The letters after each change name who made it: the delegation whose proposal "
                "was accepted, or the delegation of the person who edited the text directly. "
                "The note under each changed section gives the person and the date. A section "
                "moved elsewhere is shown at its new place and listed at its old one."
            )
        )
    if not redline.changed:
        lines.append(
            _("There are no changes between “%(old)s” and “%(new)s”.") % {"old": old, "new": new}
        )
    return lines


def legend_people(redline: Redline) -> list[str]:
    """Who is named in the redline: "AU – Australia (Liam Walker)", once each."""
    return list(dict.fromkeys(f"{c.code} – {c.author}" for c in redline.credited()))


def shown_title(label, heading) -> tuple[Segment, ...]:
    """A redline's number and heading as one line, the number as the active language shows it
    ("Annexe II" in French; each side of a changed number is one whole segment)."""
    return join_title(tuple(replace(s, text=shown_label(s.text)) for s in label), heading)


@dataclass(frozen=True)
class PrintEntry:
    """One section of a redline as the PDF prints it."""

    entry: RedlineEntry
    anchor: str
    heading: SafeString
    body: SafeString | None
    note: str
    bookmark: str  # the current number and heading; "" where the section no longer is
    lang: str = ""  # the ``lang`` of its text where it is not the edition's language

    @property
    def fallback(self) -> bool:
        """A French edition's section printed in English (no French in both drafts)."""
        return self.lang != ""


def print_entries(redline: Redline, *, langs=None) -> list[PrintEntry]:
    """``langs(section_id)``: the ``lang`` attribute of the section's text ("" for the
    edition's language)."""
    items = []
    for entry in redline.entries:
        # A section added, deleted or moved by one person: the note says who, once.
        whole = entry.place in (ADDED_HERE, DELETED_HERE, MOVED_FROM, MOVED_TO)
        labels = {} if whole and len(entry.credits) <= 1 else marker_labels(entry, redline)
        heading = render_words(shown_title(entry.label, entry.heading), labels)
        if entry.place == MOVED_FROM:
            body = None  # a stub: the text is shown at its new place
        elif entry.body is not None:
            body = render_redline(entry.body, id_prefix=entry.key, labels=labels)
        else:
            body = render_markdown(entry.new_body, id_prefix=entry.key)
        gone = entry.place in (DELETED_HERE, MOVED_FROM)
        anchor = f"s-{entry.key}" + ("-was" if entry.place == MOVED_FROM else "")
        bookmark = "" if gone else f"{shown_label(entry.new_label)} {entry.new_heading}".strip()
        items.append(
            PrintEntry(
                entry,
                anchor,
                heading,
                body,
                change_note(entry, redline),
                bookmark,
                langs(entry.section_id) if langs is not None else "",
            )
        )
    return items
