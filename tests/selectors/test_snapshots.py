import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guidelines.models import Document, Section, User
from guidelines.selectors.snapshots import (
    ADDED,
    CHANGED,
    DELETED,
    MOVED,
    RENUMBERED,
    document_compare,
    snapshot_current,
    snapshot_of,
)
from guidelines.selectors.versions import structure_version
from guidelines.services.milestones import milestone_create
from guidelines.services.sections import section_update
from guidelines.services.structure import section_delete, section_insert, section_move


def fac():
    return User.objects.get(username="facilitator")


def doc():
    return Document.objects.get(slug="iscm-guidelines")


def s(key):
    return Section.objects.get(key=key)


@pytest.mark.django_db
def test_milestone_is_the_document_as_of_then(seeded):
    m = milestone_create(document=doc(), name="Draft 1", description="For the SRSG", user=fac())
    time.sleep(0.01)
    seals = s("seals")
    section_update(
        section=seals,
        heading="Seals",
        body="Changed after the milestone.",
        base_version=seals.version,
        user=fac(),
        reason="edit",
    )
    then = snapshot_of(m)
    assert then.tree.by_key["seals"].section.body.startswith("Containers of high-risk")
    assert (
        snapshot_current(doc()).tree.by_key["seals"].section.body == "Changed after the milestone."
    )
    assert len(then.tree) == len(snapshot_current(doc()).tree)


@pytest.mark.django_db
def test_milestone_names_are_unique_and_only_editors_make_them(seeded):
    milestone_create(document=doc(), name="Draft 1", user=fac())
    with pytest.raises(ValidationError):
        milestone_create(document=doc(), name="Draft 1", user=fac())
    with pytest.raises(PermissionDenied):
        milestone_create(
            document=doc(), name="Draft 2", user=User.objects.get(username="member-au")
        )


@pytest.mark.django_db
def test_document_comparison_finds_every_kind_of_change(seeded):
    m = milestone_create(document=doc(), name="Draft 1", user=fac())
    time.sleep(0.01)
    seals = s("seals")
    section_update(
        section=seals,
        heading="Seals",
        body=seals.body.replace("high-security", "tamper-evident"),
        base_version=seals.version,
        user=fac(),
        reason="w",
    )
    section_insert(
        anchor=s("export-procedures"),
        document=doc(),
        where="before",
        heading="Pre-arrival",
        body="New text.",
        user=fac(),
        reason="add",
        expected_version=structure_version(s("export-procedures")),
    )
    transit, it_systems = s("transit-procedures"), s("it-systems")
    section_delete(section=transit, user=fac(), reason="gone",
                   expected_version=structure_version(transit))  # fmt: skip
    section_move(section=it_systems, direction="up", user=fac(),
                 expected_version=structure_version(it_systems))  # fmt: skip
    c = document_compare(snapshot_of(m), snapshot_current(doc()))
    by_key = {e.key: e for e in c.entries}
    assert by_key["pre-arrival"].statuses == (ADDED,) and by_key["pre-arrival"].new_label == "3.1"
    assert by_key["transit-procedures"].statuses == (DELETED,)
    assert by_key["seals"].statuses == (CHANGED,)  # 3.7 before and after: one added, one deleted
    words = [
        x.text.strip()
        for b in by_key["seals"].body_diff.blocks
        for x in b.segments
        if x.op != "equal"
    ]
    assert "tamper-evident" in words and "high-security" in words
    assert MOVED in by_key["it-systems"].statuses and RENUMBERED in by_key["it-systems"].statuses
    assert by_key["export-procedures"].statuses == (RENUMBERED,)  # 3.1 -> 3.2, not "moved"
    assert not by_key["management-summary"].changed
    keys = [e.key for e in c.entries]
    assert (
        keys.index("export-procedures")
        < keys.index("transit-procedures")
        < keys.index("import-procedures")
    )
    chapter3 = next(x for x in c.chapters if x.chapter.startswith("3 "))
    assert chapter3.counts[ADDED] == 1 and chapter3.counts[DELETED] == 1


def test_kinds_of_change_come_in_a_fixed_order_with_translated_labels():
    from django.utils import translation

    from guidelines.selectors.snapshots import ChangeKind, in_order

    assert in_order({CHANGED, RENUMBERED, ADDED, MOVED}) == (ADDED, MOVED, RENUMBERED, CHANGED)
    assert in_order(["changed", "deleted"]) == (DELETED, CHANGED)
    with translation.override("fr"):
        assert [str(k.label) for k in ChangeKind] == [
            "ajoutée", "supprimée", "déplacée", "renumérotée", "modifiée",
        ]  # fmt: skip
