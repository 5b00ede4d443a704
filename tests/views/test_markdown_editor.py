"""The Markdown editor's server side: which fields get it, the section list of "Link to a
section", and the preview of comments and proposed texts."""

import re
from html import unescape

import pytest
from django.urls import reverse

from guidelines.models import Comment, Proposal
from guidelines.selectors.documents import document_get, document_tree

SLUG = "iscm-guidelines"
EDITOR = re.compile(r"<textarea\b[^>]*\bdata-markdown-editor\b[^>]*>")


def doc_url(name, **kwargs):
    return reverse(f"guidelines:{name}", kwargs={"slug": SLUG, **kwargs})


def editor_fields(html: str) -> list[str]:
    """The names of the textareas that get the editor; the page must carry its template."""
    fields = [re.search(r'name="([^"]+)"', tag)[1] for tag in EDITOR.findall(html)]
    if fields:
        assert 'id="markdown-editor"' in html
        assert doc_url("section_links") in html and "js/editor.js" in html
    return fields


def section_url(key):
    return doc_url("section_detail", key=key)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,page,fields",
    [
        ("facilitator", lambda: section_url("seals") + "edit/", ["body"]),
        ("facilitator", lambda: section_url("seals") + "add/?where=after", ["body"]),
        ("member", lambda: section_url("seals") + "propose/?kind=amend", ["body"]),
        ("member", lambda: section_url("seals") + "propose/?kind=insert", ["body"]),
        ("member", lambda: section_url("seals") + "propose/?kind=delete", []),
        # the new comment, and a reply under the demo thread
        ("member", lambda: section_url("risk-assessment"), ["body", "body"]),
        ("observer", lambda: section_url("risk-assessment"), []),
        ("facilitator", lambda: doc_url("round_new"), ["instructions"]),
        (
            "secretariat",
            lambda: doc_url("working_document_new"),
            ["purpose", "cover_note", "purpose_fr", "cover_note_fr"],
        ),
    ],
    ids=["edit", "add", "amend", "insert", "delete", "comments", "observer", "round", "ptc"],
)
def test_markdown_fields_carry_the_editor(client_for, role, page, fields):
    response = client_for(role).get(page())
    assert response.status_code == 200
    assert editor_fields(response.content.decode()) == fields


@pytest.mark.django_db
def test_rationale_stays_plain_text(client_for):
    """The rationale is shown as typed, not as Markdown: no toolbar on it."""
    html = client_for("member").get(section_url("seals") + "propose/?kind=amend").content.decode()
    rationale = re.search(r"<textarea[^>]*name=\"rationale\"[^>]*>", html)[0]
    assert "data-markdown-editor" not in rationale


@pytest.mark.django_db
def test_proposal_page_discussion_reply_and_accept_with_changes(client_for):
    proposal = Proposal.objects.filter(kind="amend", status="open").order_by("id").first()
    html = client_for("facilitator").get(doc_url("proposal_detail", pk=proposal.pk)).content
    fields = editor_fields(html.decode())
    assert fields.count("body") >= 2  # accept with changes, start a thread (and any replies)


@pytest.mark.django_db
def test_comment_edit_has_the_editor(client_for):
    comment = Comment.objects.filter(author__username="member-au").order_by("id").first()
    html = client_for("member").get(doc_url("comment_edit", pk=comment.pk)).content.decode()
    assert editor_fields(html) == ["body"]


def test_toolbar_words_come_from_the_template_not_the_script():
    """Every word the editor shows is in templates/guidelines/_markdown_editor.html, inside
    {% translate %}, so it is translated with the rest of the page."""
    from django.conf import settings

    script = (settings.BASE_DIR / "static/js/editor.js").read_text()
    template = (settings.BASE_DIR / "templates/guidelines/_markdown_editor.html").read_text()
    for word in ("Bold", "Italic", "Bulleted list", "Numbered list", "Table", "Preview",
                 "Link to a section", "bold text", "Loading"):  # fmt: skip
        assert f'"{word}' not in script
        assert re.search(r"\{% translate ['\"]" + re.escape(word), template), word


@pytest.mark.django_db
def test_section_links_list_every_section_with_its_number_and_address(client_for):
    response = client_for("observer").get(doc_url("section_links"))
    assert response.status_code == 200
    html = response.content.decode()
    items = re.findall(r'data-href="([^"]+)" data-label="([^"]*)"', html)
    tree = document_tree(document_get(SLUG))
    expected = [(section_url(n.key), f"{n.label} {n.section.heading}".strip()) for n in tree.nodes]
    assert [(href, unescape(label)) for href, label in items] == expected
    assert ("/documents/iscm-guidelines/sections/seals/", "3.7 Seals") in expected


@pytest.mark.django_db
def test_section_links_escape_headings(client_for):
    from guidelines.models import Section

    Section.objects.filter(key="seals").update(heading='Seals <b>"x"</b>')
    html = client_for("member").get(doc_url("section_links")).content.decode()
    assert "<b>" not in html and "&lt;b&gt;" in html


@pytest.mark.django_db
def test_section_links_of_an_unknown_document_is_404(client_for):
    url = reverse("guidelines:section_links", kwargs={"slug": "nope"})
    assert client_for("member").get(url).status_code == 404


@pytest.mark.django_db
def test_text_preview_renders_markdown_for_members(client_for):
    response = client_for("member").post(
        doc_url("text_preview"),
        {"body": "**Bold** and [3.7 Seals](/documents/iscm-guidelines/sections/seals/)\n\n"
                 "| a | b |\n|---|---|\n| c | d |\n\n<script>alert(1)</script>"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in html and "<table>" in html
    assert 'href="/documents/iscm-guidelines/sections/seals/"' in html
    assert "<script>" not in html


@pytest.mark.django_db
def test_text_preview_refuses_what_the_save_refuses(client_for):
    response = client_for("member").post(doc_url("text_preview"), {"body": "x" * 300_001})
    assert response.status_code == 413


@pytest.mark.django_db
def test_text_preview_is_not_for_observers(client_for):
    assert client_for("observer").post(doc_url("text_preview"), {"body": "x"}).status_code == 403


@pytest.mark.django_db
def test_comment_preview_refuses_what_posting_a_comment_refuses(client_for, settings):
    too_long = "x" * (settings.COMMENT_BODY_MAX_BYTES + 1)
    response = client_for("member").post(doc_url("comment_preview"), {"body": too_long})
    html = unescape(response.content.decode())
    assert response.status_code == 413
    assert "The comment is" in html and "Nothing was posted." in html
    # the same text is fine as a proposed text (a section's limit is larger)
    assert client_for("member").post(doc_url("text_preview"), {"body": too_long}).status_code == 200


@pytest.mark.django_db
def test_comment_preview_renders_a_comment_within_the_limit(client_for, settings):
    body = "**Bold** " + "x" * (settings.COMMENT_BODY_MAX_BYTES - 20)
    response = client_for("member").post(doc_url("comment_preview"), {"body": body})
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in response.content.decode()
    assert client_for("observer").post(doc_url("comment_preview"), {"body": "x"}).status_code == 403


@pytest.mark.django_db
def test_the_editors_preview_button_previews_as_a_comment(client_for):
    html = client_for("member").get(section_url("seals")).content.decode()
    assert f'data-preview-url="{doc_url("comment_preview")}"' in html
