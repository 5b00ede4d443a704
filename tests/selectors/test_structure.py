import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidelines.models import Document, Section
from guidelines.selectors.documents import document_tree, section_page
from guidelines.selectors.structure import document_structure
from guidelines.selectors.versions import structure_version
from guidelines.services.documents import section_create
from guidelines.services.sections import section_update
from guidelines.services.structure import section_delete, section_move, section_restore
from guidelines.services.synthetic import synthetic_document_create


def _numbers(doc) -> list[tuple[str, str, str]]:
    return [(e.key, e.label, e.heading) for e in document_structure(doc).entries]


def _tree_numbers(doc) -> list[tuple[str, str, str]]:
    return [(n.key, n.label, n.section.heading) for n in document_tree(doc).nodes]


@pytest.mark.django_db
def test_cached_structure_follows_every_change_of_the_tree(seeded):
    doc = Document.objects.get(slug="iscm-guidelines")
    assert _numbers(doc) == _tree_numbers(doc)
    seals = Section.objects.get(document=doc, key="seals")
    section_move(section=seals, direction="up", user=None, reason="up",
                 expected_version=structure_version(seals))  # fmt: skip
    assert _numbers(doc) == _tree_numbers(doc)
    seals.refresh_from_db()
    section_update(section=seals, heading="Seals and locks", body=seals.body,
                   base_version=seals.version, user=None, reason="heading")  # fmt: skip
    assert ("seals", document_tree(doc).by_key["seals"].label, "Seals and locks") in _numbers(doc)
    seals.refresh_from_db()
    section_delete(section=seals, user=None, reason="gone",
                   expected_version=structure_version(seals))  # fmt: skip
    assert "seals" not in document_structure(doc).by_key
    assert _numbers(doc) == _tree_numbers(doc)
    seals.refresh_from_db()
    section_restore(section=seals, user=None, reason="back",
                    expected_version=structure_version(seals))  # fmt: skip
    section_create(document=doc, heading="New one", user=None, reason="add")
    assert _numbers(doc) == _tree_numbers(doc)


@pytest.mark.django_db
def test_section_page_reads_a_bounded_part_of_the_document(seeded):
    counts, sizes = {}, {}
    for n in (30, 300):
        doc = synthetic_document_create(sections=n)
        section_page(doc, "chapter-2")  # the structure is read once, then cached
        with CaptureQueriesContext(connection) as ctx:
            page = section_page(doc, "chapter-2")
        counts[n] = len(ctx.captured_queries)
        sizes[n] = len(page.tree.nodes)
        assert page.node.label == "2" and [c.label for c in page.node.children][:2] == [
            "2.1",
            "2.2",
        ]
        assert page.previous.label.startswith("1.")
        assert page.next.label == "2.1"
    assert counts[30] == counts[300] == 3  # the structure's token, the section, its mappings
    assert sizes[300] <= sizes[30] + 10  # siblings beyond the window are counted, not read
    page = section_page(synthetic_document_create(sections=300), "chapter-15")
    assert page.outline.before == 9 and page.outline.after == 10  # of 30 chapters
    assert [s.label for s in page.outline.siblings] == [str(i) for i in range(10, 21)]


@pytest.mark.django_db
def test_a_structure_written_recently_is_kept_briefly(seeded):
    from datetime import timedelta

    from django.utils import timezone

    from guidelines.selectors import structure

    doc = Document.objects.get(slug="iscm-guidelines")
    first = document_structure(doc)  # the demo was just written: kept RECENT seconds only
    _kept, expires = structure._memo[next(n for n in structure._memo if n.endswith(first.token))]
    assert expires - time.monotonic() <= structure.RECENT
    with CaptureQueriesContext(connection) as ctx:
        assert document_structure(doc) is first
    assert len(ctx.captured_queries) == 1  # the token only
    old = timezone.now() - timedelta(seconds=structure.RECENT + 1)
    Section.history.filter(document_id=doc.pk).update(history_date=old)
    settled = document_structure(doc)
    assert settled.token != first.token  # the token has the newest write's date
    _kept, expires = structure._memo[next(n for n in structure._memo if n.endswith(settled.token))]
    assert expires - time.monotonic() > 3600
