"""Hidden means hidden: a hidden or deleted comment's text appears nowhere but on its own
history page for the secretariat. The test walks every place that shows comment text (pages,
inbox with every filter and the search, API, activity, exports, e-mails queued before)."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from docx import Document as WordDocument

from guidelines.exports.context import export_content
from guidelines.exports.docx import DocxExporter
from guidelines.exports.pdf import PdfExporter
from guidelines.models import Comment, Document, Notification, NotifyMode, Section, User
from guidelines.services.comments import comment_create, comment_reply, section_follow
from guidelines.services.notifications import (
    notifications_send_digest,
    notifications_send_pending,
)
from tests.conftest import login_client
from tests.exports.conftest import pdf_text  # noqa: F401  (fixture)

SLUG = "iscm-guidelines"
HIDDEN = "Zanzibar-hidden-starter-7731"
DELETED = "Quokka-deleted-reply-5519"
VISIBLE = "Pelican-visible-reply-2048"
MARKERS = (HIDDEN, DELETED)


def user(name: str) -> User:
    return User.objects.get(username=name)


@pytest.fixture
def scene(seeded):
    """member-au starts a thread; the facilitator (each event) and the observer (digest)
    follow the section; member-cn replies twice, the secretariat hides the starter, member-cn
    deletes one reply, both through the pages. Mails are still queued when that happens."""
    section = Section.objects.get(document__slug=SLUG, key="risk-assessment")
    User.objects.filter(username="facilitator").update(notify=NotifyMode.EACH)
    User.objects.filter(username="observer").update(notify=NotifyMode.DIGEST)
    for name in ("facilitator", "observer"):
        section_follow(user=user(name), section=section, follow=True)
    root = comment_create(user=user("member-au"), section=section, body=f"Start {HIDDEN}")
    section_follow(user=user("member-au"), section=section, follow=True)
    deleted = comment_reply(user=user("member-cn"), parent=root, body=f"Oops {DELETED}")
    comment_reply(user=user("member-cn"), parent=root, body=f"Fine {VISIBLE}")
    queued = Notification.objects.filter(sent_at__isnull=True)
    for marker in MARKERS:  # the mails quoting them are waiting to be sent
        assert queued.filter(body__contains=marker).exists()
    hide = reverse("guidelines:comment_hide", args=[SLUG, root.pk])
    login_client("secretariat").post(hide, {"reason": "Off topic"})
    login_client("member-cn").post(reverse("guidelines:comment_delete", args=[SLUG, deleted.pk]))
    root.refresh_from_db()
    deleted.refresh_from_db()
    assert root.is_hidden and deleted.is_deleted
    return section, root, deleted


def assert_clean(text: str, where: str) -> None:
    for marker in MARKERS:
        assert marker not in text, f"{marker} shown in {where}"


def inbox_queries(section: Section) -> list[dict]:
    base = [{}, {"state": "open"}, {"state": "resolved"}, {"delegation": "au"}]
    base += [{"delegation": "cn"}, {"section": section.key}, {"q": "Start"}, {"q": "Fine"}]
    return [*base, {"q": VISIBLE}, {"page": "2"}]


PEOPLE = ("member-au", "member-cn", "facilitator", "secretariat", "observer")


@pytest.mark.django_db
def test_pages_inbox_api_and_activity_show_no_hidden_or_deleted_text(scene):
    section, root, _deleted = scene
    pages = [
        reverse("guidelines:section_detail", args=[SLUG, section.key]),
        reverse("guidelines:document_detail", args=[SLUG]),
        reverse("guidelines:section_history", args=[SLUG, section.key]),
        reverse("guidelines:activity", args=[SLUG]),
        reverse("guidelines:api_documents"),
        reverse("guidelines:api_document", args=[SLUG]),
        reverse("guidelines:document_list"),
    ]
    inbox = reverse("guidelines:inbox")
    for name in PEOPLE:
        client = login_client(name)
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, (name, url)
            assert_clean(response.content.decode(), f"{url} as {name}")
        for query in inbox_queries(section):
            response = client.get(inbox, query)
            assert response.status_code == 200
            assert_clean(response.content.decode(), f"the inbox {query} as {name}")
    # The thread keeps its place and its context: a placeholder and the visible reply.
    page = login_client("member-cn").get(pages[0]).content.decode()
    assert "Hidden by the secretariat." in page and "Deleted by its author." in page
    assert VISIBLE in page
    listed = login_client("member-cn").get(inbox).content.decode()
    assert f"#comment-{root.pk}" in listed and "Hidden by the secretariat." in listed


@pytest.mark.django_db
def test_the_inbox_search_does_not_match_hidden_or_deleted_text(scene):
    _section, root, _deleted = scene
    inbox = reverse("guidelines:inbox")
    for name in ("member-au", "member-cn"):
        client = login_client(name)
        assert f"#comment-{root.pk}" in client.get(inbox, {"q": VISIBLE}).content.decode()
        for marker in MARKERS:
            for q in (marker, marker[:12].lower()):
                found = client.get(inbox, {"q": q}).content.decode()
                assert f"#comment-{root.pk}" not in found, (name, q)


@pytest.mark.django_db
def test_mails_queued_before_are_withdrawn_not_sent(scene):
    _section, root, deleted = scene
    mail.outbox.clear()
    notifications_send_pending()
    notifications_send_digest()
    sent = [f"{m.subject}\n{m.body}" for m in mail.outbox]
    assert sent and any(VISIBLE in m for m in sent)  # the rest still goes out
    for message in sent:
        assert_clean(message, "an e-mail")
    withdrawn = Notification.objects.filter(comment__in=[root, deleted])
    assert withdrawn.exists()
    assert not withdrawn.filter(withdrawn_at__isnull=True).exists()
    assert not withdrawn.filter(sent_at__isnull=False).exists()  # kept for the record, unsent
    # The secretariat's outbox does not count them as waiting, and "send again" skips them.
    from guidelines.selectors.outbox import outbox_counts
    from guidelines.services.notifications import notifications_retry

    assert outbox_counts().waiting == 0
    assert notifications_retry(user=user("secretariat"), ids=[n.pk for n in withdrawn]) == 0


@pytest.mark.django_db
def test_exports_hold_no_comment_text(scene, pdf_text):  # noqa: F811
    content = export_content(document=Document.objects.get(slug=SLUG), variant="clean")
    assert_clean(pdf_text(PdfExporter(content).render()), "the PDF")
    word = WordDocument(io.BytesIO(DocxExporter(content).render()))
    assert_clean("\n".join(p.text for p in word.paragraphs), "the Word file")


@pytest.mark.django_db
def test_only_the_secretariat_reads_the_text_on_the_comments_history(scene):
    _section, root, deleted = scene
    for comment, marker in ((root, HIDDEN), (deleted, DELETED)):
        url = reverse("guidelines:comment_history", args=[SLUG, comment.pk])
        page = login_client("secretariat").get(url).content.decode()
        assert marker in page
        for name in ("member-au", "member-cn", "facilitator", "observer"):
            assert login_client(name).get(url).status_code == 403
    section_page = reverse("guidelines:section_detail", args=[SLUG, root.section.key])
    page = login_client("secretariat").get(section_page).content.decode()
    assert reverse("guidelines:comment_history", args=[SLUG, root.pk]) in page


@pytest.mark.django_db
def test_the_author_cannot_open_a_hidden_or_deleted_comment_for_editing(scene):
    _section, root, deleted = scene
    for comment, name in ((root, "member-au"), (deleted, "member-cn")):
        url = reverse("guidelines:comment_edit", args=[SLUG, comment.pk])
        response = login_client(name).get(url)
        assert response.status_code == 403
        assert_clean(response.content.decode(), "the edit form")
    assert Comment.objects.filter(pk=root.pk, is_hidden=True).exists()
