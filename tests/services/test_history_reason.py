"""A reason for change is kept whole, whatever its length: accepting a proposal records its
rationale (often a paragraph) as the section's reason. PostgreSQL refused more than 100
characters before migration 0015; this test runs in CI on both databases."""

import pytest

from guidelines.models import Section, User
from guidelines.services.proposals import proposal_accept, proposal_create


@pytest.mark.django_db
def test_a_long_rationale_becomes_the_reason_whole(seeded):
    section = Section.objects.get(key="seals")
    rationale = "Several administrations use electronic seals today. " * 8  # about 400 chars
    proposal = proposal_create(
        user=User.objects.get(username="member-cn"),
        section=section,
        kind="amend",
        rationale=rationale,
        heading=section.heading,
        body=section.body + " Electronic seals are accepted.",
    )
    proposal_accept(
        proposal=proposal,
        user=User.objects.get(username="facilitator"),
        expected_version=section.version,
    )
    latest = Section.objects.get(pk=section.pk).history.order_by("-history_id").first()
    assert len(rationale) > 300 and latest.history_change_reason == rationale.strip()
