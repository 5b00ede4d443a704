"""Consultation rounds: opening, contributing, the deadline, declarations, reminders."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from guidelines.models import (
    Delegation,
    Document,
    Milestone,
    Notification,
    Proposal,
    ProposalKind,
    RoundReminder,
    Section,
    User,
)
from guidelines.selectors.rounds import round_summary, rounds_awaiting
from guidelines.services.comments import comment_create
from guidelines.services.proposals import proposal_create
from guidelines.services.rounds import (
    round_declare_no_comments,
    round_open,
    round_update,
    rounds_remind,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def without_demo_round(seeded):
    """The demo round (open two weeks from now) would add its own reminders and awaiting."""
    from guidelines.models import ConsultationRound, RoundDeclaration

    for row in [*RoundDeclaration.objects.all(), *ConsultationRound.objects.all()]:
        row._change_reason = "test without the demo round"
        row.delete()


def u(name):
    return User.objects.get(username=name)


def doc():
    return Document.objects.get(slug="iscm-guidelines")


def open_round(*, days=10, codes=("au", "cn", "nz"), late=False, now=None):
    now = now or timezone.now()
    return round_open(
        user=u("facilitator"),
        document=doc(),
        milestone=Milestone.objects.filter(document=doc()).first(),
        title="Comments on Draft 1",
        deadline=now + timedelta(days=days),
        delegations=Delegation.objects.filter(code__in=codes),
        late_comments_allowed=late,
        now=now,
    )


def close(r):
    """Move the deadline into the past (through the service, as the facilitator would)."""
    return round_update(
        user=u("facilitator"),
        consultation=r,
        deadline=timezone.now() - timedelta(minutes=1),
        late_comments_allowed=r.late_comments_allowed,
        reason="closing for the test",
    )


def propose(user, r):
    section = Section.objects.get(key="risk-assessment")
    return proposal_create(
        user=user,
        section=section,
        kind=ProposalKind.AMEND,
        rationale="clearer",
        heading=section.heading,
        body=section.body + "\n\nOne more sentence.",
        round=r,
    )


def comment(user, r):
    return comment_create(
        user=user, section=Section.objects.get(key="risk-assessment"), body="A remark", round=r
    )


def test_open_notifies_the_invited_and_records_who_and_why(seeded):
    Notification.objects.all().delete()
    r = open_round()
    assert set(r.invited.values_list("code", flat=True)) == {"au", "cn", "nz"}
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {"member-au", "member-cn"}  # nz has no demo user; observers not
    note = Notification.objects.first()
    assert "Comments on Draft 1" in note.subject and f"/rounds/{r.pk}/" in note.url
    row = r.history.first()
    assert row.history_user == u("facilitator")
    assert "Australia" in row.history_change_reason and "China" in row.history_change_reason


def test_open_is_for_the_facilitator_with_a_future_deadline_and_delegations(seeded):
    with pytest.raises(PermissionDenied):
        round_open(
            user=u("member-au"),
            document=doc(),
            milestone=Milestone.objects.first(),
            title="x",
            deadline=timezone.now() + timedelta(days=1),
            delegations=Delegation.objects.all(),
        )
    with pytest.raises(ValidationError) as error:
        open_round(days=-1, codes=())
    assert set(error.value.message_dict) == {"deadline", "delegations"}


def test_proposal_and_comment_in_the_round_count_as_a_response(seeded):
    r = open_round()
    p = propose(u("member-cn"), r)
    assert p.round == r
    c = comment(u("member-au"), r)
    assert c.round == r
    summary = round_summary(r)
    by_code = {row.delegation.code: row for row in summary.rows}
    assert by_code["cn"].proposals == [p] and by_code["au"].comments == [c]
    assert not by_code["nz"].responded
    assert (summary.responded, summary.proposals, summary.comments) == (2, 1, 1)


def test_a_delegation_not_invited_is_refused(seeded):
    r = open_round(codes=("au",))
    with pytest.raises(ValidationError, match="not invited"):
        propose(u("member-cn"), r)


def test_late_proposal_refused_naming_the_round_and_deadline(seeded):
    r = close(open_round())
    with pytest.raises(ValidationError) as error:
        propose(u("member-cn"), r)
    assert "Comments on Draft 1" in error.value.messages[0]
    assert "closed on" in error.value.messages[0]
    assert not r.proposals.exists()
    # Outside the round the same proposal is welcome.
    section = Section.objects.get(key="risk-assessment")
    assert (
        proposal_create(
            user=u("member-cn"),
            section=section,
            kind=ProposalKind.DELETE,
            rationale="obsolete",
        ).round
        is None
    )


def test_late_comment_refused_unless_allowed(seeded):
    r = close(open_round())
    with pytest.raises(ValidationError, match="closed on"):
        comment(u("member-au"), r)
    r = close(open_round(late=True))
    assert comment(u("member-au"), r).round == r
    with pytest.raises(ValidationError, match="closed on"):
        propose(u("member-au"), r)  # late comments only, never late proposals


def test_declaration_once_and_only_while_open(seeded):
    r = open_round()
    d = round_declare_no_comments(user=u("member-au"), consultation=r, note="Nothing to add")
    assert d.delegation.code == "au" and d.history.first().history_user == u("member-au")
    with pytest.raises(ValidationError, match="already"):
        round_declare_no_comments(user=u("member-au"), consultation=r)
    propose(u("member-cn"), r)
    with pytest.raises(ValidationError, match="proposals or comments"):
        round_declare_no_comments(user=u("member-cn"), consultation=r)
    later = close(open_round())
    with pytest.raises(ValidationError, match="closed"):
        round_declare_no_comments(user=u("member-au"), consultation=later)
    with pytest.raises(ValidationError, match="not invited"):
        round_declare_no_comments(user=u("secretariat"), consultation=r)


def test_rounds_awaiting_lists_open_rounds_not_responded(seeded):
    later = open_round(days=9)
    r = open_round(days=5)
    assert rounds_awaiting(u("member-cn")) == [r, later]  # nearest deadline first
    invited_belgium = open_round(codes=("be",))
    assert rounds_awaiting(u("observer")) == []  # Belgium is invited, but observers only read
    assert invited_belgium not in rounds_awaiting(u("member-cn"))
    assert r not in rounds_awaiting(u("facilitator"))  # the Netherlands: not invited
    propose(u("member-cn"), r)
    assert r not in rounds_awaiting(u("member-cn"))
    assert r in rounds_awaiting(u("member-au"))
    round_declare_no_comments(user=u("member-au"), consultation=r)
    assert r not in rounds_awaiting(u("member-au"))
    closed = close(open_round())
    assert closed not in rounds_awaiting(u("member-au"))


def test_reminder_sent_once_to_non_responders_only(seeded):
    start = timezone.now()
    r = open_round(days=10, now=start)
    propose(u("member-cn"), r)
    Notification.objects.all().delete()
    assert rounds_remind(now=start + timedelta(days=1)) == 0  # not due yet
    due = start + timedelta(days=3, hours=1)  # 7 days before the deadline, and a bit
    assert rounds_remind(now=due) == 1
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["member-au"]
    assert "Reminder" in Notification.objects.get().subject
    assert rounds_remind(now=due + timedelta(hours=2)) == 0  # once
    assert RoundReminder.objects.filter(round=r, days_before=7).count() == 1
    # The day before: the second reminder, again only to who has not responded.
    assert rounds_remind(now=start + timedelta(days=9, hours=1)) == 1
    # After the deadline: nothing.
    RoundReminder.objects.all().delete()
    assert rounds_remind(now=start + timedelta(days=11)) == 0


def test_no_reminder_falls_due_before_the_round_opened(seeded):
    start = timezone.now()
    r = open_round(days=3, now=start)  # the 7-day reminder's moment is before the opening
    assert rounds_remind(now=start + timedelta(hours=1)) == 0
    assert not RoundReminder.objects.filter(round=r).exists()


def test_a_claimed_reminder_is_not_sent_again(seeded):
    start = timezone.now()
    r = open_round(days=10, now=start)
    RoundReminder.objects.create(  # another worker
        round=r, days_before=7, deadline=r.deadline, sent_at=start
    )
    Notification.objects.all().delete()
    assert rounds_remind(now=start + timedelta(days=4)) == 0
    assert not Notification.objects.exists()


def test_remind_rounds_command(seeded, capsys):
    call_command("remind_rounds")
    assert "reminders queued: 0" in capsys.readouterr().out


def test_update_records_why(seeded):
    r = open_round()
    later = r.deadline + timedelta(days=5)
    r = round_update(
        user=u("facilitator"),
        consultation=r,
        deadline=later,
        late_comments_allowed=True,
        reason="Asked by China",
    )
    assert r.deadline == later and r.late_comments_allowed
    assert r.history.first().history_change_reason == "Asked by China"
    with pytest.raises(PermissionDenied):
        round_update(
            user=u("member-cn"),
            consultation=r,
            deadline=later,
            late_comments_allowed=False,
            reason="x",
        )


def test_a_withdrawn_proposal_is_no_response(seeded):
    """China proposes in the round and withdraws: it is again awaited (reminders, To do), can
    still declare "no comments", and the summary lists the proposal without counting it; a
    withdrawal by another delegation does not hide China's standing proposal."""
    from guidelines.services.proposals import proposal_withdraw

    r = open_round(days=5)
    proposal = propose(u("member-cn"), r)
    assert r not in rounds_awaiting(u("member-cn"))
    proposal_withdraw(proposal=proposal, user=u("member-cn"))
    assert r in rounds_awaiting(u("member-cn"))
    row = next(x for x in round_summary(r).rows if x.delegation.code == "cn")
    assert row.proposals and not row.responded
    other = propose(u("member-au"), r)
    proposal_withdraw(proposal=other, user=u("member-au"))
    propose(u("member-cn"), r)
    assert r not in rounds_awaiting(u("member-cn"))
    proposal_withdraw(proposal=Proposal.objects.filter(round=r).order_by("-id").first(),
                      user=u("member-cn"))  # fmt: skip
    round_declare_no_comments(user=u("member-cn"), consultation=r)
    assert r not in rounds_awaiting(u("member-cn"))


def test_a_deadline_moved_later_arms_the_reminders_again(seeded):
    """The 7-day reminder went out; the facilitator extends the deadline by two weeks: 7 days
    before the new deadline, the delegations still silent are reminded again."""
    start = timezone.now()
    r = open_round(days=10, now=start)
    assert rounds_remind(now=start + timedelta(days=4)) > 0
    new_deadline = r.deadline + timedelta(days=14)
    round_update(
        user=u("facilitator"), consultation=r, deadline=new_deadline,
        late_comments_allowed=False, reason="More time asked by two delegations",
    )  # fmt: skip
    assert rounds_remind(now=start + timedelta(days=5)) == 0  # not due for the new deadline
    reminded = rounds_remind(now=new_deadline - timedelta(days=6))
    assert reminded > 0
    assert rounds_remind(now=new_deadline - timedelta(days=6)) == 0  # once
