"""What a document's full outline shows besides its structure (the badges, the headings read in
a translation), read for the outline endpoint, with a digest of all of it: the fragment's ETag,
so that a browser that has the outline gets a 304 while nothing it shows has changed."""

import hashlib
from dataclasses import dataclass

from ..models import Document, Language
from .comments import open_comment_counts
from .documents import DocumentTree
from .phase_two import dispositions_by_section
from .proposals import open_counts_by_section
from .readings import heading_readings, reading_states
from .translations import translation_states

_VERSION = 1  # change with the outline's markup


@dataclass(frozen=True)
class OutlineBadges:
    open_counts: dict
    comment_counts: dict
    dispositions: dict
    readings: dict
    translation_states: dict | None  # for translators only

    def digest(self, *parts) -> str:
        """A digest of everything the outline shows from here, and ``parts`` (the structure's
        token, the language, the current section...)."""
        state = (
            _VERSION,
            parts,
            sorted(self.open_counts.items()),
            sorted(self.comment_counts.items()),
            sorted(
                (
                    pk,
                    d.pk,
                    d.disposition,
                    d.integrate_as,
                    d.standard_id,
                    d.duplicate_of_id,
                    d.decided_at,
                    getattr(d.standard, "code", ""),
                    getattr(d.standard, "title", ""),  # the badge's tooltip
                    getattr(d.standard, "is_deleted", False),
                )
                for pk, d in self.dispositions.items()
            ),
            sorted((pk, r.heading, r.heading_translated) for pk, r in self.readings.items()),
            sorted(
                (pk, s.state, s.source_version, s.version)
                for pk, s in (self.translation_states or {}).items()
            ),
        )
        return hashlib.sha256(repr(state).encode()).hexdigest()[:32]


def outline_badges(
    document: Document, tree: DocumentTree, *, language: str | None, translator: bool
) -> OutlineBadges:
    """The badges of every section of ``tree`` (open proposals, open comment threads, phase-two
    dispositions, and for translators the French translation's state) and, when the outline is
    read in ``language``, the sections' headings in it (4 queries, 5 for a translator reading
    English)."""
    readings = heading_readings(tree, language) if language is not None else {}
    states = None
    if translator:
        states = reading_states(readings) if readings else translation_states(tree, Language.FRENCH)
    return OutlineBadges(
        open_counts=open_counts_by_section(document),
        comment_counts=open_comment_counts(document),
        dispositions=dispositions_by_section(document),
        readings=readings,
        translation_states=states,
    )
