"""A section's open proposals sorted for "Show suggestions": inline, older version, markers."""

import pytest

from guidelines.models import Proposal, Section, User
from guidelines.selectors.suggestions import section_suggestions
from guidelines.services.proposals import proposal_create
from guidelines.services.sections import section_update

SLUG = "iscm-guidelines"


def seals():
    return Section.objects.get(document__slug=SLUG, key="seals")


def amend(username, old, new, section=None):
    section = section or seals()
    return proposal_create(
        user=User.objects.get(username=username),
        section=section,
        kind="amend",
        rationale=f"{username} wants it",
        heading=section.heading,
        body=section.body.replace(old, new),
    )


@pytest.mark.django_db
def test_amendments_on_the_current_version_are_inline_numbered_in_order(seeded):
    found = section_suggestions(seals())
    demo = list(Proposal.objects.open().filter(section=seals()).order_by("created_at", "id"))
    assert [p.pk for p in found.inline] == [p.pk for p in demo]
    assert [t.index for t in found.texts] == list(range(len(demo)))
    assert [t.label for t in found.texts] == [p.delegation.name for p in demo]
    assert found.texts[0].body == demo[0].proposed_body
    assert found.stale == () and found.markers == ()
    assert [panel.index for panel in found.panels] == list(range(len(demo)))
    assert all(panel.accept_fields == {} for panel in found.panels)  # not deciding


@pytest.mark.django_db
def test_after_a_change_the_older_ones_are_stale_and_new_ones_inline(seeded):
    section = seals()
    section_update(
        section=section,
        heading=section.heading,
        body=section.body + " Edited.",
        base_version=section.version,
        user=User.objects.get(username="facilitator"),
        reason="Edit",
    )
    fresh = amend("member-au", "Edited.", "Edited again.", seals())
    found = section_suggestions(seals())
    assert [p.pk for p in found.inline] == [fresh.pk]
    assert len(found.stale) == 2 and all(p.base_version == 1 for p in found.stale)
    assert [panel.proposal.pk for panel in found.panels] == [fresh.pk]  # stale: no panel


@pytest.mark.django_db
def test_two_from_one_delegation_are_told_apart_and_structure_is_a_marker(seeded):
    second = amend("member-cn", "seal number", "seal's number")
    deletion = proposal_create(
        user=User.objects.get(username="member-au"),
        section=seals(),
        kind="delete",
        rationale="Covered elsewhere",
    )
    found = section_suggestions(seals(), deciding=True)
    labels = [t.label for t in found.texts]
    assert f"China #{second.pk}" in labels and "Australia" in labels
    assert found.markers == (deletion,)
    marker = found.panels[-1]
    assert marker.proposal == deletion and marker.index is None
    assert set(marker.accept_fields) == {"section_version", "structure_version"}
    assert found.panels[0].accept_fields == {"section_version": 1}
