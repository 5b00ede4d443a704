"""Phase two's dispositions: proposing one (validation per disposition), accepting it (the
section's Disposition, with its history), the facilitator's direct setting and its version
check, and the refusals for a removed standard or a deleted duplicated section."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guidelines.models import (
    Disposition,
    ProposalStatus,
    Section,
    Standard,
    User,
)
from guidelines.selectors.phase_two import disposition_history, disposition_version
from guidelines.selectors.versions import decision_versions
from guidelines.services.phase_two import DispositionConflict, disposition_set
from guidelines.services.proposals import (
    proposal_accept,
    proposal_create,
    proposal_reject,
    proposal_withdraw,
)

pytestmark = pytest.mark.usefixtures("seeded")
SLUG = "iscm-guidelines"
FREE = "transit-procedures"  # a section the demo has decided nothing and proposed nothing on


def user(name):
    return User.objects.get(username=name)


def section(key=FREE):
    return Section.objects.get(document__slug=SLUG, key=key)


def aei():
    return Standard.objects.get(pillar__number=1, number=6)


def propose(disposition="integrate", *, who="member-au", key=FREE, **fields):
    if disposition == "integrate":
        fields = {"standard": aei(), "integrate_as": "spec", **fields}
    return proposal_create(
        user=user(who),
        section=section(key),
        kind="dispose",
        rationale="Belongs in the Framework",
        disposition=disposition,
        **fields,
    )


def accept(p, who="facilitator", **kwargs):
    versions = decision_versions(p, Section.objects.get(pk=p.section_id))
    return proposal_accept(
        proposal=p,
        user=user(who),
        expected_version=versions["section_version"],
        expected_disposition=versions.get("disposition_version"),
        **kwargs,
    )


def test_integrate_needs_a_standard_and_how():
    with pytest.raises(ValidationError, match="standard"):
        propose("integrate", standard=None)
    with pytest.raises(ValidationError, match="technical specification"):
        propose("integrate", integrate_as="")
    p = propose("integrate")
    assert (p.disposition, p.integrate_as, p.standard) == ("integrate", "spec", aei())
    assert p.target is None


def test_delete_needs_one_of_a_section_or_a_standard():
    with pytest.raises(ValidationError, match="one of the two"):
        propose("delete")
    with pytest.raises(ValidationError, match="one of the two"):
        propose("delete", standard=aei(), target=section("foreword"))
    with pytest.raises(ValidationError, match="another section"):
        propose("delete", target=section(FREE))
    p = propose("delete", target=section("foreword"))
    assert p.target == section("foreword") and p.standard is None


def test_keep_and_discuss_drop_the_other_fields():
    p = propose("keep", standard=aei(), integrate_as="spec")
    assert (p.standard, p.integrate_as) == (None, "")
    assert propose("discuss").disposition == "discuss"


def test_rationale_and_disposition_required_observer_refused():
    with pytest.raises(ValidationError, match="Choose a disposition"):
        propose("")
    with pytest.raises(ValidationError, match="rationale"):
        proposal_create(
            user=user("member-au"), section=section(), kind="dispose", rationale=" ",
            disposition="keep",
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        propose("keep", who="observer")


def test_removed_standard_refused_when_proposing():
    Standard.objects.filter(pk=aei().pk).update(is_deleted=True)
    standard = aei()
    with pytest.raises(ValidationError, match="removed from the SAFE Framework"):
        propose("integrate", standard=standard)


def test_accept_writes_the_disposition_with_its_history():
    p = propose("integrate")
    accept(p, note="Agreed in Brussels")
    p.refresh_from_db()
    assert p.status == ProposalStatus.ACCEPTED
    row = Disposition.objects.get(section=section())
    assert (row.disposition, row.standard, row.integrate_as, row.proposal) == (
        "integrate", aei(), "spec", p,
    )  # fmt: skip
    assert row.decided_by == user("facilitator") and row.note == "Agreed in Brussels"
    [history] = disposition_history(section())
    assert history.history_user == user("facilitator")
    assert history.history_change_reason == "Belongs in the Framework"
    assert history.from_proposal == p


def test_accept_refused_when_the_standard_was_removed_since():
    p = propose("integrate")
    Standard.objects.filter(pk=aei().pk).update(is_deleted=True)
    with pytest.raises(ValidationError, match="removed from the SAFE Framework"):
        accept(p)
    p.refresh_from_db()
    assert p.status == ProposalStatus.OPEN
    assert not Disposition.objects.filter(section=section()).exists()


def test_accept_refused_when_the_duplicated_section_was_deleted_since():
    p = propose("delete", target=section("foreword"))
    Section.objects.filter(pk=section("foreword").pk).update(is_deleted=True)
    with pytest.raises(ValidationError, match="was deleted"):
        accept(p)
    assert not Disposition.objects.filter(section=section()).exists()


def test_accept_after_another_decision_is_a_conflict():
    p = propose("keep")
    token = decision_versions(p, section())["disposition_version"]
    disposition_set(
        section=section(), disposition="discuss", user=user("facilitator"), reason="Unclear",
        expected_version=disposition_version(section()),
    )  # fmt: skip
    with pytest.raises(DispositionConflict):
        proposal_accept(
            proposal=p, user=user("facilitator"), expected_version=section().version,
            expected_disposition=token,
        )  # fmt: skip
    assert Disposition.objects.get(section=section()).disposition == "discuss"


def test_reject_and_withdraw_write_no_disposition():
    p = propose("keep")
    proposal_reject(proposal=p, user=user("facilitator"), reason="Not yet")
    q = propose("discuss")
    proposal_withdraw(proposal=q, user=user("member-au"))
    p.refresh_from_db()
    q.refresh_from_db()
    assert not Disposition.objects.filter(section=section()).exists()
    assert {p.status, q.status} == {ProposalStatus.REJECTED, ProposalStatus.WITHDRAWN}


def test_direct_set_and_change_with_versions_and_history():
    s = section()
    first = disposition_set(
        section=s, disposition="keep", user=user("facilitator"), reason="Stand-alone",
        expected_version="0",
    )  # fmt: skip
    assert first.proposal is None and disposition_version(s) == "1"
    disposition_set(
        section=s, disposition="delete", standard=aei(), user=user("facilitator"),
        reason="Repeats AEI", expected_version="1",
    )  # fmt: skip
    row = Disposition.objects.get(section=s)
    assert (row.disposition, row.standard) == ("delete", aei())
    assert [h.history_change_reason for h in disposition_history(s)] == [
        "Repeats AEI", "Stand-alone",
    ]  # fmt: skip
    with pytest.raises(DispositionConflict):
        disposition_set(
            section=s, disposition="keep", user=user("facilitator"), reason="Back",
            expected_version="1",
        )  # fmt: skip


def test_direct_set_refused_for_members_and_without_reason():
    with pytest.raises(PermissionDenied):
        disposition_set(
            section=section(), disposition="keep", user=user("member-au"), reason="Mine",
            expected_version="0",
        )  # fmt: skip
    with pytest.raises(ValidationError, match="reason"):
        disposition_set(
            section=section(), disposition="keep", user=user("facilitator"), reason="",
            expected_version="0",
        )  # fmt: skip


def _set_duplicate(key, of_key):
    return disposition_set(
        section=section(key), disposition="delete", duplicate_of=section(of_key),
        user=user("facilitator"), reason=f"{key} repeats {of_key}",
        expected_version=disposition_version(section(key)),
    )  # fmt: skip


def test_two_sections_cannot_each_be_deleted_as_a_duplicate_of_the_other():
    _set_duplicate("seals", "foreword")
    with pytest.raises(ValidationError, match="itself to be deleted as a duplicate of this"):
        _set_duplicate("foreword", "seals")
    with pytest.raises(ValidationError, match="one of the two must stay"):
        propose("delete", key="foreword", target=section("seals"))
    assert Disposition.objects.get(section=section("seals")).duplicate_of == section("foreword")
    assert not Disposition.objects.filter(section=section("foreword")).exists()


def test_a_longer_chain_back_to_the_section_is_refused_too():
    keys = list(
        Section.objects.live()
        .filter(document__slug=SLUG)
        .exclude(key="seals")
        .order_by("key")
        .values_list("key", flat=True)[:2]
    )
    _set_duplicate("seals", keys[0])
    _set_duplicate(keys[0], keys[1])
    with pytest.raises(ValidationError, match="directly or through other sections"):
        _set_duplicate(keys[1], "seals")
    _set_duplicate("seals", keys[1])  # changing the head of the chain: no longer a cycle
    with pytest.raises(ValidationError, match="one of the two must stay"):
        _set_duplicate(keys[1], keys[0])


def test_accept_refused_when_the_other_section_became_a_duplicate_of_this_one():
    p = propose("delete", key="foreword", target=section("seals"))
    _set_duplicate("seals", "foreword")
    with pytest.raises(ValidationError, match="one of the two must stay"):
        accept(p)
    p.refresh_from_db()
    assert p.status == ProposalStatus.OPEN
    assert not Disposition.objects.filter(section=section("foreword")).exists()
    disposition_set(
        section=section("seals"), disposition="keep", user=user("facilitator"),
        reason="Stays after all", expected_version=disposition_version(section("seals")),
    )  # fmt: skip
    accept(p)  # a disposition that is not "deleted as a duplicate" ends the chain
    assert Disposition.objects.get(section=section("foreword")).duplicate_of == section("seals")
