"""The integration report's rows: reading order, labels, a removed standard flagged, the
overlaps' labels and percentages (not those with a section deleted since), a deleted duplicated
section flagged, French labels, and a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from guidelines.models import (
    Disposition,
    DispositionChoice,
    Proposal,
    ProposalKind,
    SectionTranslation,
)
from guidelines.selectors.integration import integration_report, integration_rows
from guidelines.services.history import save_versioned
from tests.factories import DocumentFactory, SectionFactory, UserFactory
from tests.integration_data import THEIRS, build, made

pytestmark = pytest.mark.django_db


def test_rows_in_reading_order_with_numbers_and_dispositions():
    document, chapters, children, standard = build()
    rows = integration_rows(document)
    assert [r.number for r in rows] == ["1", "2", "3", *[f"3.{i}" for i in range(1, 11)]]
    first = rows[0]
    assert first.disposition == "integrate"
    assert first.disposition_label == "Integrate into a SAFE standard"
    assert first.integrate_as == "as technical specification"
    assert first.standard == f"{standard.code} Advance electronic information"
    assert first.note == "Fold into the standard."
    assert rows[2].disposition == "" and rows[2].disposition_label == "No disposition yet"


def test_overlaps_labelled_with_percentages_and_shortened_passages():
    document, chapters, children, standard = build()
    second = integration_rows(document)[1]
    framework, section = second.overlaps
    assert framework.label == f"{standard.code} TS 1.2" and framework.percent == 83
    assert section.label == "3.10 Child 10" and section.percent == 41
    assert second.overlaps_text == f"{standard.code} TS 1.2 (83\u00a0%); 3.10 Child 10 (41\u00a0%)"
    assert second.best_passage.theirs == THEIRS
    assert len(second.best_passage.mine) <= 160 and second.best_passage.mine.endswith("…")


def test_removed_standard_is_flagged_not_dropped():
    document, chapters, children, standard = build()
    standard.is_deleted = True
    save_versioned(standard, user=None, reason="Removed from the Framework")
    rows = integration_rows(document)
    assert rows[0].standard_removed
    assert rows[0].standard.endswith("[removed from the Framework]")
    assert rows[1].overlaps[0].removed


def test_overlaps_with_a_section_deleted_since_are_left_out():
    document, chapters, children, standard = build()
    children[9].is_deleted = True
    save_versioned(children[9], user=None, reason="Deleted before the finder ran again")
    [framework] = integration_rows(document)[1].overlaps
    assert framework.label == f"{standard.code} TS 1.2"
    chapters[1].is_deleted = True
    save_versioned(chapters[1], user=None, reason="Deleted")
    assert not integration_report(document).overlaps


def test_a_duplicate_of_a_section_deleted_since_is_flagged():
    document, chapters, children, standard = build()
    made(Disposition,
        section=chapters[1], disposition=DispositionChoice.DELETE, duplicate_of=children[0],
        decided_by=UserFactory(), decided_at=timezone.now(),
    )  # fmt: skip
    assert integration_rows(document)[1].duplicate_of == "3.1 Child 1"
    children[0].is_deleted = True
    save_versioned(children[0], user=None, reason="Deleted")
    assert integration_rows(document)[1].duplicate_of == "Child 1 [section deleted]"
    with translation.override("fr"):
        assert integration_rows(document)[1].duplicate_of == "Child 1 [section supprimée]"


def test_open_disposition_proposals_are_counted():
    document, chapters, children, standard = build()
    author = UserFactory()
    for _ in range(2):
        made(Proposal,
            document=document, section=chapters[2], kind=ProposalKind.DISPOSE,
            disposition=DispositionChoice.KEEP, author=author, rationale="Keep it.",
            delegation=author.delegation, base_version=chapters[2].version,
        )  # fmt: skip
    assert integration_rows(document)[2].open_proposals == 2


def test_counts_by_disposition_and_an_empty_report():
    document, *_ = build()
    report = integration_report(document)
    assert report.counts == [("Integrate into a SAFE standard", 1), ("No disposition yet", 12)]
    assert not report.is_empty
    empty = DocumentFactory()
    SectionFactory(document=empty)
    report = integration_report(empty)
    assert report.is_empty and report.counts == [("No disposition yet", 1)]
    assert integration_report(DocumentFactory()).rows == []


def test_french_labels_and_translated_headings():
    document, chapters, *_ = build()
    made(SectionTranslation,
        section=chapters[0], language="fr", heading="Chapitre 1", body="Texte.",
        source_version=chapters[0].version,
    )  # fmt: skip
    with translation.override("fr"):
        rows = integration_rows(document, language="fr")
    assert rows[0].heading == "Chapitre 1" and rows[0].heading_lang == "fr"
    assert rows[1].heading == "Chapter 2" and rows[1].heading_lang == "en"
    assert rows[1].overlaps  # no French overlaps: the English ones


def test_query_count_does_not_grow_with_sections():
    small, *_ = build(sections=3)
    large, *_ = build(sections=30)
    with CaptureQueriesContext(connection) as few:
        integration_rows(small)
    with CaptureQueriesContext(connection) as many:
        integration_rows(large)
    assert len(few) == len(many) == 4
