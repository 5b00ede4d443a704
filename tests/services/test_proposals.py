import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guidelines.models import Mapping, Proposal, Section, Standard, User
from guidelines.selectors.documents import document_tree
from guidelines.selectors.versions import decision_versions, mappings_version, structure_version
from guidelines.services.proposals import (
    ProposalClosed,
    StaleProposal,
    proposal_accept,
    proposal_accept_with_changes,
    proposal_create,
    proposal_reject,
    proposal_withdraw,
)
from guidelines.services.safe import mapping_remove
from guidelines.services.sections import EditConflict, section_update
from guidelines.services.structure import section_delete, section_restore
from guidelines.services.versions import MappingConflict, StructureConflict


def user(name):
    return User.objects.get(username=name)


def seals():
    return Section.objects.get(key="seals")


def current(p):
    """The versions a proposal page rendered now would carry (these tests decide without one)."""
    versions = decision_versions(p, Section.objects.get(pk=p.section_id))
    return {
        "expected_version": versions["section_version"],
        "expected_structure": versions.get("structure_version"),
        "expected_mappings": versions.get("mappings_version"),
    }


def amend(author="member-au", old="high-security", new="tamper-evident", section=None):
    section = section or seals()
    return proposal_create(
        user=user(author),
        section=section,
        kind="amend",
        rationale=f"Use {new}",
        heading=section.heading,
        body=section.body.replace(old, new),
    )


@pytest.mark.django_db
def test_proposal_records_base_version_author_and_delegation(seeded):
    p = amend()
    assert (p.base_version, p.author.username, p.delegation.name) == (1, "member-au", "Australia")
    assert p.status == "open" and p.history.get().history_change_reason == "Proposed"


@pytest.mark.django_db
def test_observers_cannot_propose_and_same_text_is_refused(seeded):
    with pytest.raises(PermissionDenied):
        amend(author="observer")
    with pytest.raises(ValidationError):
        amend(old="x-not-there", new="y")


@pytest.mark.django_db
def test_accept_creates_the_version_attributed_to_both_with_the_rationale(seeded):
    p = amend()
    proposal_accept(proposal=p, user=user("facilitator"), **current(p))
    section = seals()
    assert "tamper-evident" in section.body and section.version == 2
    latest = section.history.latest("history_id")
    assert latest.history_user.username == "facilitator"
    assert latest.proposal.author.username == "member-au"
    assert latest.history_change_reason == "Use tamper-evident"
    p.refresh_from_db()
    assert (p.status, p.decided_by.username) == ("accepted", "facilitator")


@pytest.mark.django_db
def test_double_accept_is_refused_and_makes_no_second_version(seeded):
    p = amend()
    proposal_accept(proposal=p, user=user("facilitator"), **current(p))
    with pytest.raises(ProposalClosed):
        proposal_accept(proposal=p, user=user("facilitator"), **current(p))
    assert seals().version == 2


@pytest.mark.django_db
def test_only_the_facilitator_decides(seeded):
    p = amend()
    for name in ("member-au", "member-cn", "secretariat", "observer"):
        with pytest.raises(PermissionDenied):
            proposal_accept(proposal=p, user=user(name), **current(p))
        with pytest.raises(PermissionDenied):
            proposal_reject(proposal=p, user=user(name), reason="no")


@pytest.mark.django_db
def test_reject_needs_a_reason(seeded):
    p = amend()
    with pytest.raises(ValidationError):
        proposal_reject(proposal=p, user=user("facilitator"), reason=" ")
    proposal_reject(proposal=p, user=user("facilitator"), reason="Out of scope")
    p.refresh_from_db()
    assert (p.status, p.decision_reason) == ("rejected", "Out of scope")
    assert seals().version == 1


@pytest.mark.django_db
def test_only_the_author_withdraws(seeded):
    p = amend()
    with pytest.raises(PermissionDenied):
        proposal_withdraw(proposal=p, user=user("member-cn"))
    proposal_withdraw(proposal=p, user=user("member-au"))
    assert Proposal.objects.get(pk=p.pk).status == "withdrawn"


@pytest.mark.django_db
def test_accepting_one_makes_the_others_stale_and_stale_needs_resolving(seeded):
    first, second = amend(), amend(author="member-cn", old="ISO standard", new="ISO 17712 standard")
    proposal_accept(proposal=first, user=user("facilitator"), **current(first))
    second.refresh_from_db()
    assert second.is_stale() and second.status == "open"
    with pytest.raises(StaleProposal):
        proposal_accept(proposal=second, user=user("facilitator"), **current(second))
    merged = seals().body.replace("ISO standard", "ISO 17712 standard")
    proposal_accept_with_changes(proposal=second, user=user("facilitator"), heading="Seals",
                                 body=merged, expected_version=seals().version)  # fmt: skip
    second.refresh_from_db()
    assert second.status == "accepted_changed"
    assert "tamper-evident" in seals().body and "ISO 17712" in seals().body


@pytest.mark.django_db
def test_accept_with_changes(seeded):
    p = amend()
    proposal_accept_with_changes(
        proposal=p,
        user=user("facilitator"),
        heading=p.proposed_heading,
        body=seals().body.replace("high-security", "certified"),
        expected_version=seals().version,
    )
    p.refresh_from_db()
    assert p.status == "accepted_changed" and "certified" in seals().body


@pytest.mark.django_db
def test_proposal_on_a_deleted_section_waits_for_restore(seeded):
    p = amend()
    section_delete(section=seals(), user=None, reason="x",
                   expected_version=structure_version(seals()))  # fmt: skip
    with pytest.raises(ValidationError):
        proposal_accept(proposal=p, user=user("facilitator"), **current(p))
    section_restore(section=seals(), user=None, expected_version=structure_version(seals()))
    proposal_accept(proposal=p, user=user("facilitator"), **current(p))


@pytest.mark.django_db
def test_insert_delete_move_and_remap(seeded):
    fac, au = user("facilitator"), user("member-au")
    insert = proposal_create(
        user=au,
        section=seals(),
        kind="insert",
        rationale="E-seals",
        heading="Electronic seals",
        body="Text.",
        placement="after",
    )
    proposal_accept(proposal=insert, user=fac, **current(insert))
    labels = {n.key: n.label for n in document_tree(seals().document).nodes}
    assert labels["electronic-seals"] == "3.8"
    move = proposal_create(
        user=au,
        section=Section.objects.get(key="electronic-seals"),
        kind="move",
        rationale="Belongs to IT",
        placement="child",
        target=Section.objects.get(key="it-systems"),
    )
    proposal_accept(proposal=move, user=fac, **current(move))
    labels = {n.key: n.label for n in document_tree(seals().document).nodes}
    assert labels["electronic-seals"] == "7.3"
    standard = Standard.objects.get(pillar__number=2, number=2)
    add = proposal_create(
        user=au,
        section=seals(),
        kind="map_add",
        rationale="Security",
        standard=standard,
        relation="supports",
    )
    proposal_accept(proposal=add, user=fac, **current(add))
    assert Mapping.objects.live().filter(section=seals(), standard=standard).exists()
    remove = proposal_create(
        user=au, section=seals(), kind="map_remove", rationale="Dup", standard=standard
    )
    proposal_accept(proposal=remove, user=fac, **current(remove))
    assert not Mapping.objects.live().filter(section=seals(), standard=standard).exists()
    delete = proposal_create(user=au, section=seals(), kind="delete", rationale="Covered by FoS")
    proposal_accept(proposal=delete, user=fac, **current(delete))
    assert seals().is_deleted


@pytest.mark.django_db
def test_stale_is_derived_from_the_section_version(seeded):
    p = amend()
    assert not p.is_stale()
    section_update(
        section=seals(),
        heading="Seals",
        body="Changed meanwhile.",
        base_version=1,
        user=None,
        reason="edit",
    )
    p.refresh_from_db()
    assert p.is_stale()


@pytest.mark.django_db
def test_accept_on_an_old_section_version_is_refused_and_writes_nothing(seeded):
    p = amend()
    page = current(p)
    section_update(section=seals(), heading="Seals", body="Changed meanwhile.", base_version=1,
                   user=user("secretariat"), reason="edit")  # fmt: skip
    with pytest.raises(EditConflict) as caught:
        proposal_accept(proposal=p, user=user("facilitator"), **page)
    assert caught.value.base_version == 1 and caught.value.current.version == 2
    with pytest.raises(EditConflict):
        proposal_accept_with_changes(proposal=p, user=user("facilitator"), heading="Seals",
                                     body="Mine.", expected_version=1)  # fmt: skip
    assert seals().body == "Changed meanwhile." and Proposal.objects.get(pk=p.pk).is_open


@pytest.mark.django_db
def test_accept_of_a_move_or_a_mapping_checks_its_own_token(seeded):
    fac, au = user("facilitator"), user("member-au")
    it_systems = Section.objects.get(key="it-systems")
    move = proposal_create(user=au, section=seals(), kind="move", rationale="IT",
                           placement="child", target=it_systems)  # fmt: skip
    standard = Standard.objects.get(pillar__number=2, number=2)
    add = proposal_create(user=au, section=seals(), kind="map_add", rationale="Security",
                          standard=standard, relation="supports")  # fmt: skip
    pages = current(move), current(add)
    sibling = Section.objects.get(key="unique-consignment-reference")  # seals' neighbour goes
    section_delete(section=sibling, user=None, reason="x",
                   expected_version=structure_version(sibling))  # fmt: skip
    with pytest.raises(StructureConflict):
        proposal_accept(proposal=move, user=fac, **pages[0])
    mapping = Mapping.objects.live().get(section=seals())
    mapping_remove(mapping=mapping, user=None, reason="x",
                   expected_version=mappings_version(seals()))  # fmt: skip
    with pytest.raises(MappingConflict):
        proposal_accept(proposal=add, user=fac, **pages[1])
    assert Proposal.objects.filter(pk__in=[move.pk, add.pk], status="open").count() == 2
    assert not Mapping.objects.live().filter(section=seals()).exists()


@pytest.mark.django_db
def test_accepting_a_move_after_its_target_moved_is_a_conflict(seeded):
    """The move is "into 7 IT systems": if that chapter has moved since, it is not silently
    put wherever the target went."""
    from guidelines.services.structure import section_move

    fac, au = user("facilitator"), user("member-au")
    it_systems = Section.objects.get(key="it-systems")
    move = proposal_create(user=au, section=seals(), kind="move", rationale="IT",
                           placement="child", target=it_systems)  # fmt: skip
    page = current(move)
    section_move(section=it_systems, direction="up", user=None, reason="x",
                 expected_version=structure_version(it_systems))  # fmt: skip
    with pytest.raises(StructureConflict):
        proposal_accept(proposal=move, user=fac, **page)
    assert seals().parent_id != it_systems.pk
