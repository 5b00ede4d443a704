"""The "To do" page, its one-click actions, the header's counts and the notifications page."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from guidelines.models import Comment, Notification, Proposal, ProposalStatus, Section, User
from guidelines.services.comments import comment_create, comment_hide

TODO = reverse("guidelines:todo")
BELL = reverse("guidelines:notifications")


def u(name):
    return User.objects.get(username=name)


def new_thread(body="Nobody follows this section."):
    return comment_create(user=u("member-cn"), section=Section.objects.get(key="seals"), body=body)


def todo_count(html: str) -> int:
    return int(re.search(r"To do \((\d+)\)", html).group(1))


def unread(html: str) -> int:
    return int(re.search(r'aria-label="Notifications, (\d+) unread"', html).group(1))


@pytest.mark.django_db
def test_the_header_shows_to_do_and_the_bell(client_for):
    html = client_for("facilitator").get(reverse("guidelines:document_list")).content.decode()
    assert todo_count(html) == 5 and unread(html) > 0  # 5 open proposals in the demo
    html = client_for("observer").get(reverse("guidelines:document_list")).content.decode()
    assert "To do (" not in html and unread(html) == 0  # observers have no queue


@pytest.mark.django_db
def test_one_click_accept_from_the_queue(client_for):
    client = client_for("facilitator")
    html = client.get(TODO).content.decode()
    oldest = Proposal.objects.open().order_by("created_at").first()
    action = reverse(
        "guidelines:proposal_accept", kwargs={"slug": "iscm-guidelines", "pk": oldest.pk}
    )
    form = re.search(rf'<form method="post" action="{action}".*?</form>', html, re.S).group(0)
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))
    assert fields["section_version"] == str(oldest.section.version)
    response = client.post(action, fields)
    assert response.status_code == 302
    oldest.refresh_from_db()
    assert oldest.status == ProposalStatus.ACCEPTED


@pytest.mark.django_db
def test_mark_as_seen_is_a_post_and_drops_the_count(client_for):
    client = client_for("facilitator")
    thread = new_thread()
    assert todo_count(client.get(TODO).content.decode()) == 6
    url = reverse("guidelines:todo_thread_seen", kwargs={"pk": thread.pk})
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == TODO
    html = client.get(TODO).content.decode()
    assert todo_count(html) == 5 and "Nobody follows" not in html
    proposal = Proposal.objects.open().first()
    client.post(reverse("guidelines:todo_proposal_seen", kwargs={"pk": proposal.pk}))
    html = client.get(TODO).content.decode()
    assert todo_count(html) == 4 and "Seen, still open" in html
    client.post(reverse("guidelines:todo_all_seen"))
    assert todo_count(client.get(TODO).content.decode()) == 0
    missing = reverse("guidelines:todo_thread_seen", kwargs={"pk": 999_999})
    assert client.post(missing).status_code == 404


@pytest.mark.django_db
def test_a_hidden_comment_never_shows_its_text_on_the_queue(client_for):
    thread = new_thread(body="An insult to all.")
    comment_hide(user=u("secretariat"), comment=thread, reason="Rude")
    from guidelines.services.comments import comment_reply

    comment_reply(user=u("member-au"), parent=thread, body="A civil reply.")
    html = client_for("facilitator").get(TODO).content.decode()
    assert "A civil reply." in html and "Hidden by the secretariat." in html
    assert "insult" not in html
    assert "insult" not in client_for("facilitator").get(BELL).content.decode()


@pytest.mark.django_db
def test_a_member_withdraws_from_the_queue(client_for):
    client = client_for("member")
    html = client.get(TODO).content.decode()
    own = Proposal.objects.open().filter(author__username="member-au").first()
    assert (
        reverse("guidelines:proposal_withdraw", kwargs={"slug": "iscm-guidelines", "pk": own.pk})
        in html
    )
    assert "proposal_accept" not in html and ">Accept<" not in html


@pytest.mark.django_db
def test_notifications_page_open_and_mark_all_read(client_for):
    client = client_for("facilitator")
    thread = new_thread()
    html = client.get(BELL).content.decode()
    row = Notification.objects.get(comment=thread)
    assert row.subject in html and unread(html) >= 1
    before = unread(html)
    response = client.post(reverse("guidelines:notification_open", kwargs={"pk": row.pk}))
    assert response.status_code == 302 and response["Location"] == row.url
    row.refresh_from_db()
    assert row.read_at is not None
    assert unread(client.get(BELL).content.decode()) == before - 1
    client.post(reverse("guidelines:notifications_read_all"))
    assert unread(client.get(BELL).content.decode()) == 0
    # someone else's notification: not found, left unread
    other = Notification.objects.create(recipient=u("member-au"), subject="Theirs", body="")
    assert (
        client.post(reverse("guidelines:notification_open", kwargs={"pk": other.pk})).status_code
        == 404
    )
    other.refresh_from_db()
    assert other.read_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]
)
def test_a_notification_never_redirects_off_the_site(client_for, url):
    row = Notification.objects.create(recipient=u("facilitator"), subject="Odd", body="", url=url)
    response = client_for("facilitator").post(
        reverse("guidelines:notification_open", kwargs={"pk": row.pk})
    )
    assert response.status_code == 302 and response["Location"] == BELL
    row.refresh_from_db()
    assert row.read_at is not None


@pytest.mark.django_db
def test_the_notifications_page_is_paginated_newest_first(client_for):
    fac = u("facilitator")
    Notification.objects.filter(recipient=fac).delete()
    now = timezone.now()
    for n in range(35):
        Notification.objects.create(recipient=fac, subject=f"Event {n:02d}", body="", url="/")
    Notification.objects.filter(recipient=fac).update(created_at=now)
    html = client_for("facilitator").get(BELL).content.decode()
    assert "Event 34" in html and "Event 04" not in html and "Page 1 of 2" in html
    assert html.index("Event 34") < html.index("Event 33")
    assert Comment.objects.exists()  # the demo data is there: only hers are listed
    assert "New comment on" not in html


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_the_queue_page_queries_do_not_grow_with_its_items(
    client_for, django_assert_max_num_queries
):
    from guidelines.services.proposals import proposal_create

    client = client_for("facilitator")
    section = Section.objects.get(key="risk-assessment")

    def more(n):
        for i in range(n):
            proposal_create(
                user=u("member-cn"),
                section=section,
                kind="amend",
                rationale=f"Reason {i}",
                heading=section.heading,
                body=f"{section.body} ({i})",
            )
            new_thread(body=f"Thread {i}")
            # structure changes too (their decision tokens would cost queries: no one-click)
            proposal_create(
                user=u("member-cn"), section=section, kind="delete", rationale=f"Gone {i}"
            )
            proposal_create(
                user=u("member-cn"), section=section, kind="move", rationale=f"Moved {i}",
                placement="after", target=Section.objects.get(key="seals"),
            )  # fmt: skip

    more(2)
    few = _queries(client, TODO)
    more(20)
    assert _queries(client, TODO) == few
    with django_assert_max_num_queries(13):  # 13: with the rounds awaiting the delegation
        client.get(TODO)


@pytest.mark.django_db
def test_a_member_without_a_delegation_has_no_proposals_but_their_threads(client_for):
    User.objects.filter(username="member-au").update(delegation=None)
    html = client_for("member").get(TODO).content.decode()
    # the threads they started (on a section, on a proposal), answered by the facilitator
    assert todo_count(html) == 2 and "Withdraw" not in html


def shown_at(html: str) -> str:
    return re.search(r'name="shown_at" value="([^"]+)"', html).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["all", "thread"])
def test_marking_as_seen_leaves_what_arrived_after_the_page_new(client_for, action):
    """The page is read, a reply arrives, then "Mark (all) as seen" is pressed: the reply was
    never shown, so its thread stays on the queue."""
    client = client_for("facilitator")
    thread = new_thread(body="Shown on the page.")
    html = client.get(TODO).content.decode()
    assert "Shown on the page." in html
    late = comment_create(
        user=u("member-cn"), section=Section.objects.get(key="data-pipeline"), body="ARRIVED-LATER"
    )
    from guidelines.services.comments import comment_reply

    comment_reply(user=u("member-au"), parent=thread, body="A reply after the page.")
    url = (
        reverse("guidelines:todo_all_seen")
        if action == "all"
        else reverse("guidelines:todo_thread_seen", kwargs={"pk": thread.pk})
    )
    client.post(url, {"shown_at": shown_at(html)})
    html = client.get(TODO).content.decode()
    assert "ARRIVED-LATER" in html and "A reply after the page." in html
    assert f'id="todo-thread-{late.pk}"' in html and f'id="todo-thread-{thread.pk}"' in html
    client.post(url, {"shown_at": shown_at(html)})  # now seen as shown
    html = client.get(TODO).content.decode()
    assert f'id="todo-thread-{thread.pk}"' not in html
