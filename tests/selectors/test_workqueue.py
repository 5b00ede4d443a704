"""The work queue's reads: what each role finds in "To do", seen marks, and the header count."""

import pytest

from guidelines.models import Comment, Proposal, ProposalStatus, Section, User
from guidelines.permissions import user_role
from guidelines.selectors.workqueue import header_counts, work_queue
from guidelines.services.comments import comment_create, comment_hide, comment_reply
from guidelines.services.proposals import proposal_reject
from guidelines.services.sections import section_update
from guidelines.services.workqueue import queue_mark_all_seen, queue_mark_seen


def u(name):
    return User.objects.get(username=name)


def section(key):
    return Section.objects.get(key=key)


# The demo's open proposals: two amendments of seals, a mapping and two phase-two dispositions
OPEN = 5


def items(user, key):
    queue = work_queue(user)
    return next(s for s in queue.sections if s.key == key).items


def open_ids():
    return list(Proposal.objects.open().order_by("created_at", "id").values_list("pk", flat=True))


def new_thread(who="member-cn", key="seals", body="Nobody follows this section."):
    return comment_create(user=u(who), section=section(key), body=body)


@pytest.mark.django_db
def test_the_facilitator_has_every_open_proposal_oldest_first_and_new_threads(seeded):
    fac = u("facilitator")
    assert len(open_ids()) == OPEN
    proposals = items(fac, "proposals")
    assert [p.pk for p in proposals] == open_ids()
    first = proposals[0]
    assert first.section_number == "3.7" and first.section_heading == "Seals"
    assert first.delegation == "Australia" and first.kind == "Amend the text"
    assert not first.stale and dict(first.accept)["section_version"] == section("seals").version
    assert items(fac, "threads") == ()  # the demo threads: answered, or resolved, by her
    assert header_counts(fac).todo == OPEN

    thread = new_thread()
    [item] = items(fac, "threads")
    assert item.pk == thread.pk and item.is_new_thread and item.latest_by == "Wei Zhang"
    assert item.latest_body == "Nobody follows this section." and item.can_resolve
    assert header_counts(fac).todo == OPEN + 1


@pytest.mark.django_db
def test_replying_is_looking_and_a_reply_by_someone_else_brings_it_back(seeded):
    fac = u("facilitator")
    thread = new_thread()
    comment_reply(user=fac, parent=thread, body="Noted.")
    assert items(fac, "threads") == ()
    comment_reply(user=u("member-au"), parent=thread, body="Australia agrees.")
    [item] = items(fac, "threads")
    assert not item.is_new_thread and item.latest_body == "Australia agrees."
    assert item.body == "Nobody follows this section."  # the thread's start, for context


@pytest.mark.django_db
def test_seen_marks_take_items_off_the_count_until_new_activity(seeded):
    fac = u("facilitator")
    thread = new_thread()
    queue_mark_seen(user=fac, thread=thread)
    assert items(fac, "threads") == () and header_counts(fac).todo == OPEN
    comment_reply(user=u("member-cn"), parent=thread, body="Any news?")
    assert [t.pk for t in items(fac, "threads")] == [thread.pk]
    assert header_counts(fac).todo == OPEN + 1
    reply = thread.replies.get()
    queue_mark_seen(user=fac, thread=reply)  # a reply marks its thread
    assert items(fac, "threads") == ()


@pytest.mark.django_db
def test_a_seen_proposal_stays_listed_folded_until_it_is_decided(seeded):
    fac = u("facilitator")
    oldest = Proposal.objects.get(pk=open_ids()[0])
    queue_mark_seen(user=fac, proposal=oldest)
    assert [p.pk for p in items(fac, "proposals")] == open_ids()[1:]
    [seen] = items(fac, "proposals_seen")
    assert seen.pk == oldest.pk and seen.seen
    assert work_queue(fac).sections[-1].collapsed and header_counts(fac).todo == OPEN - 1
    proposal_reject(proposal=oldest, user=fac, reason="Not now.")
    assert items(fac, "proposals_seen") == ()
    assert oldest.pk not in [p.pk for p in items(fac, "proposals")]


@pytest.mark.django_db
def test_mark_all_as_seen(seeded):
    fac = u("facilitator")
    new_thread()
    assert queue_mark_all_seen(user=fac) == OPEN + 1
    assert header_counts(fac).todo == 0 and work_queue(fac).count == 0
    assert len(items(fac, "proposals_seen")) == OPEN


@pytest.mark.django_db
def test_hidden_or_deleted_comments_never_count_nor_show(seeded):
    fac = u("facilitator")
    thread = new_thread(body="An insult.")
    comment_hide(user=u("secretariat"), comment=thread, reason="Rude")
    assert items(fac, "threads") == () and header_counts(fac).todo == OPEN
    comment_reply(user=u("member-au"), parent=thread, body="A civil reply.")
    [item] = items(fac, "threads")
    assert item.is_hidden and item.body == "" and item.latest_body == "A civil reply."
    assert "insult" not in repr(item)
    reply = Comment.objects.get(body="A civil reply.")
    Comment.objects.filter(pk=reply.pk).update(is_deleted=True)
    assert items(fac, "threads") == ()


@pytest.mark.django_db
def test_a_stale_proposal_has_no_one_click_accept(seeded):
    seals = section("seals")
    section_update(
        section=seals,
        heading=seals.heading,
        body=seals.body + "\n\nOne more sentence.",
        base_version=seals.version,
        user=u("facilitator"),
        reason="Edit",
    )
    stale = [p for p in items(u("facilitator"), "proposals") if p.section_heading == "Seals"]
    assert len(stale) == 2 and all(p.stale and p.accept == () for p in stale)


@pytest.mark.django_db
def test_the_secretariat_sees_the_facilitators_queue_without_deciding(seeded):
    sec = u("secretariat")
    proposals = items(sec, "proposals")
    assert [p.pk for p in proposals] == open_ids()
    assert all(p.accept == () and not p.can_decide for p in proposals)
    # she took no part in the demo's open threads (one on a section, one on a proposal): new to
    # her, like China's new one
    thread = new_thread()
    assert [t.pk for t in items(sec, "threads")][-1] == thread.pk
    assert len(items(sec, "threads")) == 3


@pytest.mark.django_db
def test_a_member_has_their_delegations_proposals_and_threads_awaiting_them(seeded):
    au = u("member-au")
    own = items(au, "proposals")  # the amendment of seals, the disposition of risk assessment
    assert [p.kind for p in own] == ["Amend the text", "Phase-two disposition"]
    assert all(p.delegation == "Australia" and p.can_withdraw and p.accept == () for p in own)
    # the demo threads Australia started (on a section, on China's proposal), which the
    # facilitator answered last
    waiting = items(au, "threads")
    assert sorted(w.proposal_id is not None for w in waiting) == [False, True]
    assert all(w.latest_by == "Anna de Vries" and w.can_resolve for w in waiting)
    assert header_counts(au).todo == 4
    new_thread()  # China's thread: not started by Australia, no part in it
    assert len(items(au, "threads")) == 2
    for item in waiting:
        comment_reply(user=au, parent=Comment.objects.get(pk=item.pk), body="Thank you.")
    assert items(au, "threads") == ()
    # China's members: not Australia's proposal; their own thread is not awaiting them, the
    # discussion of their proposal #3 is (Australia, the facilitator wrote in it)
    cn = u("member-cn")
    assert {p.delegation for p in items(cn, "proposals")} == {"China"}
    assert [t.proposal_id is not None for t in items(cn, "threads")] == [True]


@pytest.mark.django_db
def test_observers_have_no_queue(seeded):
    observer = u("observer")
    assert work_queue(observer) is None and header_counts(observer).todo is None


@pytest.mark.django_db
def test_the_header_counts_are_one_query(seeded, django_assert_num_queries):
    new_thread()
    for name in ("facilitator", "member-au", "observer"):
        user = u(name)
        user_role(user)  # the role is read once per request already (the role processor)
        with django_assert_num_queries(1):
            header_counts(user)


@pytest.mark.django_db
def test_decided_proposals_leave_the_queue(seeded):
    fac = u("facilitator")
    Proposal.objects.update(status=ProposalStatus.REJECTED)
    assert items(fac, "proposals") == () and header_counts(fac).todo == 0


@pytest.mark.django_db
def test_a_discussion_of_the_delegations_proposal_awaits_its_members(seeded):
    """China's proposal #3 has Australia's thread, answered by the facilitator: it awaits
    China's members, who neither started it nor took part."""
    cn = u("member-cn")
    [item] = items(cn, "threads")
    proposal = Proposal.objects.get(pk=item.proposal_id)
    assert proposal.delegation.code == "cn" and item.url.startswith(
        f"/documents/iscm-guidelines/proposals/{proposal.pk}/#comment-"
    )
    comment_reply(user=cn, parent=Comment.objects.get(pk=item.pk), body="Thank you.")
    assert items(cn, "threads") == ()
