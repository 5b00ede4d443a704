"""The bilingual review export for the translators: each section's English and French side by
side (numbered headings in both languages), out-of-date and missing translations flagged. Its
labels are in the export's language; its texts each in their own (French typography on the
French only)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from ..models import Document, Language, Parity
from ..rendering.numbering import shown_label
from ..rendering.xrefs import XrefResolver, xref_resolver
from ..selectors.translated_drafts import BilingualRow, bilingual_rows
from .context import BILINGUAL


@dataclass(frozen=True)
class BilingualItem:
    row: BilingualRow
    flag: str  # "" when up to date

    @property
    def node(self):
        return self.row.node

    @property
    def state(self) -> str:
        return self.row.state.state

    @property
    def english_title(self) -> str:
        return f"{self.node.label} {self.node.section.heading}".strip()

    @property
    def french_label(self) -> str:
        """The number as French shows it ("Annexe II"), whatever the labels' language."""
        with translation.override(Language.FRENCH):
            return shown_label(self.node.label)

    @property
    def french_title(self) -> str:
        if self.row.translation is None:
            return self.french_label
        return f"{self.french_label} {self.row.translation.heading}".strip()

    @property
    def french_prefix(self) -> str:
        """The French column's own id prefix: its footnotes never share the English's ids."""
        return f"fr-{self.node.key}"

    @property
    def french_body(self) -> str:
        return self.row.translation.body if self.row.translation is not None else ""


def flag_text(row: BilingualRow) -> str:
    state = row.state
    if state.state == Parity.MISSING:
        return _("Missing: this section has no French translation yet.")
    if state.state == Parity.OUT_OF_DATE:
        return _(
            "Out of date: the French translates English version %(old)s; the English is now at "
            "version %(new)s."
        ) % {"old": state.source_version, "new": state.english_version}
    return ""


@dataclass
class BilingualContent:
    """What the bilingual review shows (the PDF and Word exporters both read it)."""

    document: Document
    language: str  # of its labels
    items: list[BilingualItem] = field(default_factory=list)
    generated_at: datetime | None = None
    variant: str = BILINGUAL
    text_language: str = Language.FRENCH  # the translation's

    @property
    def reference(self) -> str:
        return self.document.title

    @property
    def title(self) -> str:
        return _("English and French, side by side")

    @property
    def generated(self) -> str:
        moment = timezone.localtime(self.generated_at or timezone.now())
        return formats.date_format(moment, "j F Y, H:i")

    @property
    def subtitle(self) -> str:
        return _("Review copy for the translators, made on %(when)s.") % {"when": self.generated}

    @property
    def totals(self) -> list[tuple[str, str, int]]:
        counts = Counter(item.state for item in self.items)
        return [(state, str(state.label), counts[state]) for state in Parity]

    @property
    def totals_text(self) -> str:
        return ", ".join(f"{label}: {count}" for _state, label, count in self.totals)

    @property
    def is_empty(self) -> bool:
        return not self.items

    def texts(self) -> list[tuple[str, str]]:
        """Both columns' texts as the PDF renders them, with their id prefixes (made ready in
        one cache query first: ``rendering.markdown.warm``)."""
        return [
            pair
            for item in self.items
            for pair in (
                (item.node.section.body, item.node.key),
                (item.french_body, item.french_prefix),
            )
        ]

    @cached_property
    def xref(self) -> XrefResolver:
        """``[[key]]`` references: links to the sections' rows in this file, with their page."""
        nodes = [item.node for item in self.items]
        return xref_resolver(nodes, lambda key: f"#s-{key}", print_pages=True)


def bilingual_content(*, document: Document, language: str) -> BilingualContent:
    with translation.override(language):
        rows = bilingual_rows(document, Language.FRENCH)
        items = [BilingualItem(row, flag_text(row)) for row in rows]
    return BilingualContent(document, language, items, generated_at=timezone.now())
