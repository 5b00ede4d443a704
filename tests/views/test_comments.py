import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guidelines.models import Comment, Section, User
from guidelines.services.comments import comment_create, comment_reply, comment_resolve

SLUG = "iscm-guidelines"


def section_url(key="seals"):
    return reverse("guidelines:section_detail", kwargs={"slug": SLUG, "key": key})


def create_url(key="seals"):
    return reverse("guidelines:comment_create", kwargs={"slug": SLUG, "key": key})


def seals():
    return Section.objects.get(key="seals")


@pytest.mark.django_db
def test_observers_see_no_comment_control_and_cannot_post(client_for):
    client = client_for("observer")
    html = client.get(section_url()).content.decode()
    assert 'id="comment-new"' not in html
    assert client.post(create_url(), {"body": "Hello"}).status_code == 403
    assert 'id="comment-new"' in client_for("member").get(section_url()).content.decode()


@pytest.mark.django_db
def test_post_a_comment_and_a_quoted_one(client_for):
    client = client_for("member-cn")
    response = client.post(create_url(), {"body": "General remark"})
    assert response.status_code == 302 and "#comment-" in response["Location"]
    quote = "The seal number is part of the advance data"
    client.post(create_url(), {"body": "On this", "quote": quote, "quote_start": "100"})
    c = Comment.objects.get(body="On this")
    assert c.quote == quote and c.section_version == 1
    html = client.get(section_url()).content.decode()
    assert f'data-quote="{quote}"' in html and "General remark" in html


@pytest.mark.django_db
def test_bad_comments_are_refused_with_the_text_kept(client_for):
    client = client_for("member-cn")
    empty = client.post(create_url(), {"body": "  "})
    assert empty.status_code == 400 and "This field is required." in empty.content.decode()
    big = client.post(create_url(), {"body": "Long " * 5000})
    assert big.status_code == 400
    html = big.content.decode()
    assert "limit is 20 KB" in html and html.count("Long") >= 5000
    tampered = client.post(create_url(), {"body": "Mine", "quote": "Words that are not there"})
    assert tampered.status_code == 400
    assert "not in the text of this section" in tampered.content.decode()
    assert not Comment.objects.filter(body="Mine").exists()


@pytest.mark.django_db
def test_section_page_queries_do_not_grow_with_threads(client_for):
    client = client_for("member")
    author = User.objects.get(username="member-cn")
    counts = []
    client.get(section_url())  # the document's structure read once, then cached
    for total in (1, 200):
        on_section = Comment.objects.filter(section=seals(), parent=None, proposal=None)
        while on_section.count() < total:
            thread = comment_create(
                user=author,
                section=seals(),
                body="Thread",
                quote="The seal number is part of the advance data",
            )
            comment_reply(user=author, parent=thread, body="Reply")
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(section_url())
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


@pytest.mark.django_db
def test_resolved_threads_name_who_resolved_them_in_one_query(client_for):
    """Who resolved a thread is read for the resolved threads only: one query whatever their
    number, none when no thread is resolved."""
    client = client_for("member")
    author = User.objects.get(username="member-cn")
    client.get(section_url())
    counts = []
    for resolver in (None, "facilitator", "secretariat"):
        thread = comment_create(user=author, section=seals(), body="Thread")
        if resolver:
            comment_resolve(user=User.objects.get(username=resolver), thread=thread)
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(section_url()).content.decode()
        counts.append(len(ctx.captured_queries))
        if resolver:
            name = User.objects.get(username=resolver).display_name()
            assert f"Resolved by {name}" in html
    assert counts[1] == counts[2] == counts[0] + 1, counts


@pytest.mark.django_db
def test_inbox_shows_my_threads_new_replies_and_filters(client_for):
    cn, fac = User.objects.get(username="member-cn"), User.objects.get(username="facilitator")
    thread = comment_create(user=cn, section=seals(), body="Seal question")
    comment_reply(user=fac, parent=thread, body="Facilitator answer")
    client = client_for("member-cn")
    inbox = reverse("guidelines:inbox")
    html = client.get(inbox).content.decode()
    assert "Seal question" in html and "1 new" in html
    client.post(inbox)  # mark all as read
    assert "1 new" not in client.get(inbox).content.decode()
    assert "Seal question" in client.get(inbox, {"q": "answer"}).content.decode()
    assert "Seal question" not in client.get(inbox, {"state": "resolved"}).content.decode()
    assert "Seal question" not in client.get(inbox, {"section": "risk-assessment"}).content.decode()
    assert "Seal question" not in client_for("member-au").get(inbox).content.decode()


@pytest.mark.django_db
def test_notification_setting(client_for):
    client = client_for("observer")
    url = reverse("guidelines:notification_settings")
    assert "daily digest" in client.get(url).content.decode()
    client.post(url, {"notify": "digest"})
    assert User.objects.get(username="observer").notify == "digest"


@pytest.mark.django_db
def test_resolve_by_author_and_hide_by_secretariat(client_for):
    cn = User.objects.get(username="member-cn")
    thread = comment_create(user=cn, section=seals(), body="To be resolved")
    state = reverse("guidelines:comment_state", kwargs={"slug": SLUG, "pk": thread.pk})
    assert client_for("member").post(state, {"action": "resolve"}).status_code == 403
    client_for("member-cn").post(state, {"action": "resolve"})
    assert Comment.objects.get(pk=thread.pk).resolved_by == cn
    hide = reverse("guidelines:comment_hide", kwargs={"slug": SLUG, "pk": thread.pk})
    assert client_for("facilitator").post(hide, {"reason": "x"}).status_code == 403
    client_for("secretariat").post(hide, {"reason": "Personal data"})
    assert "To be resolved" not in client_for("member").get(section_url()).content.decode()


@pytest.mark.django_db
def test_a_thread_and_its_first_comment_share_no_id(client_for):
    """``#comment-N`` names one element: the thread (its first comment has no id of its own);
    each reply keeps its own anchor."""
    import re
    from collections import Counter

    author = User.objects.get(username="member-cn")
    thread = comment_create(user=author, section=seals(), body="Thread")
    reply = comment_reply(user=author, parent=thread, body="Reply")
    html = client_for("member").get(section_url()).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert ids[f"comment-{thread.pk}"] == 1 and ids[f"comment-{reply.pk}"] == 1
    assert [i for i, n in ids.items() if n > 1] == []
