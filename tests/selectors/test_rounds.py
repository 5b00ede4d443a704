"""The per-delegation summary of a round: what counts as a response."""

from datetime import timedelta

import pytest
from django.utils import timezone

from guidelines.models import ConsultationRound, Delegation, ProposalKind, Section, User
from guidelines.selectors.rounds import round_summary, rounds_for_contributor
from guidelines.services.comments import comment_create, comment_hide
from guidelines.services.proposals import proposal_create, proposal_withdraw
from guidelines.services.rounds import round_open, round_update

pytestmark = pytest.mark.django_db


def u(name):
    return User.objects.get(username=name)


def test_summary_counts_statuses_and_leaves_out_hidden_comments(seeded):
    demo = ConsultationRound.objects.get()
    section = Section.objects.get(key="seals")
    first = proposal_create(
        user=u("member-cn"), section=section, kind=ProposalKind.DELETE, rationale="a", round=demo
    )
    proposal_create(
        user=u("member-cn"),
        section=Section.objects.get(key="risk-assessment"),
        kind=ProposalKind.DELETE,
        rationale="b",
        round=demo,
    )
    proposal_withdraw(proposal=first, user=u("member-cn"))
    hidden = comment_create(user=u("member-cn"), section=section, body="x", round=demo)
    comment_hide(user=u("secretariat"), comment=hidden, reason="off topic")
    summary = round_summary(demo)
    china = next(r for r in summary.rows if r.delegation.code == "cn")
    assert china.proposal_counts() == [("open", 1), ("withdrawn", 1)]
    assert china.comments == []  # hidden: not a response
    assert [r.delegation.name for r in summary.rows] == sorted(
        Delegation.objects.filter(rounds=demo).values_list("name", flat=True)
    )
    assert (summary.responded, summary.declarations) == (2, 1)  # China, Australia's declaration


def test_contributor_rounds_open_first_then_closed(seeded):
    demo = ConsultationRound.objects.get()
    older = round_open(
        user=u("facilitator"),
        document=demo.document,
        milestone=demo.milestone,
        title="Earlier",
        deadline=timezone.now() + timedelta(days=1),
        delegations=Delegation.objects.filter(code="cn"),
    )
    round_update(
        user=u("facilitator"),
        consultation=older,
        deadline=timezone.now() - timedelta(hours=1),
        late_comments_allowed=False,
        reason="closed",
    )
    assert list(rounds_for_contributor(u("member-cn"), demo.document)) == [demo, older]
    assert list(rounds_for_contributor(u("secretariat"), demo.document)) == []
