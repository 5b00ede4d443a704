"""Every change of a redline is credited to the history row that made it."""

import pytest

from guidelines.models import Section, User
from guidelines.rendering.diff import DELETE, INSERT, block_segments
from guidelines.selectors.redline import (
    ADDED_HERE,
    DELETED_HERE,
    IN_PLACE,
    MOVED_FROM,
    MOVED_TO,
    document_redline,
)
from guidelines.selectors.snapshots import (
    ADDED,
    CHANGED,
    DELETED,
    MOVED,
    RENUMBERED,
    snapshot_current,
    snapshot_of,
)
from guidelines.services.documents import document_create, section_create
from guidelines.services.milestones import milestone_create
from guidelines.services.proposals import (
    proposal_accept,
    proposal_accept_with_changes,
    proposal_create,
)
from guidelines.services.sections import section_update
from tests.exports import scenario


def users():
    return {u.username: u for u in User.objects.filter(username__in=["facilitator", "member-au",
                                                                        "member-cn"])}  # fmt: skip


def changes(entry, op):
    """(text, [delegation codes]) of each insertion or deletion of an entry's body."""
    return [
        (s.text.strip(), s.by)
        for block in entry.body.blocks
        for s in block_segments(block)
        if s.op == op and s.text.strip()
    ]


def codes(redline, by):
    return [redline.contributors[i].code for i in by]


def edit(section, user, old, new, reason="Direct edit"):
    section.refresh_from_db()
    section_update(
        section=section,
        heading=section.heading,
        body=section.body.replace(old, new),
        base_version=section.version,
        user=user,
        reason=reason,
    )


def propose(section, user, old, new):
    section.refresh_from_db()
    return proposal_create(
        user=user,
        section=section,
        kind="amend",
        rationale="Because.",
        heading=section.heading,
        body=section.body.replace(old, new),
    )


@pytest.fixture
def draft(seeded):
    people = users()
    document = document_create(slug="credit", title="Credit", user=people["facilitator"],
                               reason="Test")  # fmt: skip
    section = section_create(
        document=document,
        heading="Risk",
        body="Customs should assess risk before loading. Seals are checked at the border.",
        user=people["facilitator"],
        reason="Drafted",
    )
    first = milestone_create(document=document, name="Draft 1", user=people["facilitator"])
    return document, section, first, people


@pytest.mark.django_db
def test_a_proposal_and_a_later_direct_edit_are_each_credited_to_their_own_row(draft):
    document, section, first, people = draft
    accepted = propose(section, people["member-au"], "before loading", "before goods are loaded")
    proposal_accept(proposal=accepted, user=people["facilitator"], expected_version=1)
    edit(section, people["facilitator"], "Seals are checked", "High-security seals are checked")
    redline = document_redline(snapshot_of(first), snapshot_current(document))
    [entry] = redline.entries
    inserted = dict(changes(entry, INSERT))
    deleted = dict(changes(entry, DELETE))
    assert codes(redline, inserted["goods are loaded"]) == ["AU"]
    assert codes(redline, deleted["loading"]) == ["AU"]
    assert codes(redline, inserted["High-security seals"]) == ["NL"]
    assert codes(redline, deleted["Seals"]) == ["NL"]
    au, nl = (redline.contributors[i] for i in entry.credits)
    assert (au.delegation, au.person, au.proposal) == ("Australia", "Liam Walker", accepted.pk)
    assert (nl.delegation, nl.person, nl.proposal) == ("Netherlands", "Anna de Vries", None)
    rows = Section.history.filter(id=section.pk).order_by("history_date")
    assert au.at == rows[1].history_date and nl.at == rows[2].history_date  # each row's own date
    assert nl.author == "Netherlands (Anna de Vries)"
    assert entry.kinds == (CHANGED,)


@pytest.mark.django_db
def test_an_edit_of_an_accepted_insertion_splits_the_credit(draft):
    document, section, first, people = draft
    accepted = propose(section, people["member-au"], "before loading", "before goods are loaded")
    proposal_accept(proposal=accepted, user=people["facilitator"], expected_version=1)
    edit(section, people["facilitator"], "goods are loaded", "cargo is loaded")
    redline = document_redline(snapshot_of(first), snapshot_current(document))
    inserted = changes(redline.entries[0], INSERT)
    credited = {text: codes(redline, by) for text, by in inserted}
    assert credited["cargo is"] == ["NL"] and credited["loaded"] == ["AU"]
    assert [codes(redline, by) for _t, by in changes(redline.entries[0], DELETE)] == [["AU"]]


@pytest.mark.django_db
def test_accepted_with_changes_is_credited_to_the_proposing_delegation(draft):
    document, section, first, people = draft
    proposal = propose(section, people["member-cn"], "at the border", "at every border crossing")
    section.refresh_from_db()
    proposal_accept_with_changes(
        proposal=proposal,
        user=people["facilitator"],
        heading=section.heading,
        body=section.body.replace("at the border", "at each border crossing"),
        note="Each, not every.",
        expected_version=section.version,
    )
    redline = document_redline(snapshot_of(first), snapshot_current(document))
    [entry] = redline.entries
    [(text, by)] = [(t, b) for t, b in changes(entry, INSERT)]
    assert text == "each border crossing" and codes(redline, by) == ["CN"]
    assert redline.contributors[by[0]].person == "Wei Zhang"


@pytest.mark.django_db
def test_only_rows_between_the_two_milestones_count(draft):
    document, section, first, people = draft
    edit(section, people["facilitator"], "are checked", "are always checked")
    second = milestone_create(document=document, name="Draft 2", user=people["facilitator"])
    edit(section, people["member-au"].__class__.objects.get(username="secretariat"), "Customs",
         "The Customs administration")  # fmt: skip
    redline = document_redline(snapshot_of(first), snapshot_of(second))
    inserted = changes(redline.entries[0], INSERT)
    assert [t for t, _by in inserted] == ["always"]
    assert [c.code for c in redline.credited()] == ["NL"]


@pytest.mark.django_db
def test_no_change_between_two_drafts_says_so(draft):
    document, _section, first, people = draft
    second = milestone_create(document=document, name="Draft 2", user=people["facilitator"])
    redline = document_redline(snapshot_of(first), snapshot_of(second))
    assert not redline.changed and redline.credited() == []


@pytest.mark.django_db
def test_sections_added_deleted_and_moved_are_credited_and_placed_in_both_orders(seeded):
    case = scenario.build()
    redline = document_redline(snapshot_of(case.before), snapshot_current(case.document))
    by_place = {(e.key, e.place): e for e in redline.entries}
    added = next(e for e in redline.entries if e.place == ADDED_HERE)
    assert added.new_heading == "Nouvelle étape" and added.kinds == (ADDED,)
    assert [redline.contributors[i].code for i in added.credits] == ["NL"]
    deleted = by_place[("transit", DELETED_HERE)]
    child = by_place[("transit-note", DELETED_HERE)]  # went with its parent
    assert deleted.kinds == (DELETED,) and child.kinds == (DELETED,)
    assert child.credits == deleted.credits and deleted.credits
    assert by_place[("seals", MOVED_FROM)].kinds == (MOVED,)
    moved = by_place[("seals", MOVED_TO)]
    assert MOVED in moved.kinds and RENUMBERED in moved.kinds and moved.other_label == "5"
    assert moved.moved_by and codes(redline, moved.moved_by) == ["NL"]
    # Reading only what is in the new draft gives its order; only the old, the old order.
    new_order = [e.key for e in redline.entries if e.place not in (DELETED_HERE, MOVED_FROM)]
    old_order = [e.key for e in redline.entries if e.place not in (ADDED_HERE, MOVED_TO)]
    assert new_order == [n.key for n in snapshot_current(case.document).tree.nodes]
    assert old_order == [n.key for n in snapshot_of(case.before).tree.nodes]
    renumbered = by_place[("terms", IN_PLACE)]
    assert renumbered.kinds == (RENUMBERED, CHANGED)  # not "moved": Seals was put before it
    assert codes(redline, renumbered.credits) == ["NL"]  # who changed the table; not the number
    assert all(not s.by for s in renumbered.label)
