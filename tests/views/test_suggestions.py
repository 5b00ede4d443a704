"""The section page's "Show suggestions", deciding from it, and the live redline while proposing."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from guidelines.models import Proposal, ProposalStatus, Section, User
from tests.views.page_forms import form_data
from tests.xss_corpus import HOSTILE

SLUG = "iscm-guidelines"


def seals():
    return Section.objects.get(document__slug=SLUG, key="seals")


def section_url(key="seals"):
    return reverse("guidelines:section_detail", kwargs={"slug": SLUG, "key": key})


def preview_url(key="seals"):
    return reverse("guidelines:proposal_preview", kwargs={"slug": SLUG, "key": key})


def china():
    return Proposal.objects.get(section__key="seals", delegation__code__iexact="cn", kind="amend")


def australia():
    return Proposal.objects.get(section__key="seals", delegation__code__iexact="au", kind="amend")


def decision_url(decision, proposal):
    return reverse(f"guidelines:proposal_{decision}", kwargs={"slug": SLUG, "pk": proposal.pk})


@pytest.mark.django_db
def test_the_toggle_shows_open_amendments_in_the_text(client_for):
    client = client_for("member")
    plain = client.get(section_url()).content.decode()
    assert "Show suggestions (2)" in plain and "?suggestions=1" in plain
    assert 'class="prose redline suggestions"' not in plain
    shown = client.get(section_url() + "?suggestions=1").content.decode()
    text = re.search(r'class="prose redline suggestions"[^>]*>(.*?)<section', shown, re.S)[1]
    index = {"China": None, "Australia": None}
    for name in index:
        found = re.search(r'data-by="(\d)"><span class="visually-hidden">Suggested by </span>'
                          rf'<a href="#suggestion-\d+">{name}</a>', text)  # fmt: skip
        index[name] = found[1]
    assert re.search(rf'<ins data-by="{index["China"]}">ISO 17712</ins>', text)
    assert f'<del data-by="{index["China"]}">the relevant ISO standard' in text
    assert f'href="#suggestion-{china().pk}"' in text
    assert "Hide suggestions" in shown and f'id="suggestion-{australia().pk}"' in shown
    # a member reads the panels but has no decision forms
    assert decision_url("accept", china()) not in shown


@pytest.mark.django_db
def test_accepting_from_the_inline_panel_returns_to_the_suggestions(client_for):
    client = client_for("facilitator")
    page_url = section_url() + "?suggestions=1"
    html = client.get(page_url).content.decode()
    fields = form_data(html, decision_url("accept", china()))
    assert fields == {"section_version": "1", "next": section_url()}
    response = client.post(decision_url("accept", china()), fields)
    assert response.status_code == 302
    assert response["Location"] == section_url() + "?suggestions=1#suggestions"
    assert china().status == ProposalStatus.ACCEPTED and "ISO 17712" in seals().body
    after = client.get(response["Location"]).content.decode()
    assert "1 suggestion made on an older version" in after
    assert f'id="suggestion-{australia().pk}"' not in after  # stale: no inline panel
    assert "No open suggestion on the current version of this section." in after


@pytest.mark.django_db
def test_the_version_check_is_the_proposal_pages(client_for):
    client = client_for("facilitator")
    html = client.get(section_url() + "?suggestions=1").content.decode()
    fields = form_data(html, decision_url("accept", china()))
    client.post(
        decision_url("accept", australia()), form_data(html, decision_url("accept", australia()))
    )
    response = client.post(decision_url("accept", china()), fields)  # the page is out of date
    assert response.status_code == 409  # the conflict page, as from the proposal page
    assert china().status == ProposalStatus.OPEN and "ISO 17712" not in seals().body


@pytest.mark.django_db
def test_rejecting_from_the_panel_needs_a_reason(client_for):
    client = client_for("facilitator")
    html = client.get(section_url() + "?suggestions=1").content.decode()
    fields = form_data(html, decision_url("reject", australia()))
    assert client.post(decision_url("reject", australia()), fields).status_code == 400
    response = client.post(decision_url("reject", australia()), {**fields, "reason": "Not now."})
    assert response["Location"] == section_url() + "?suggestions=1#suggestions"
    assert australia().status == ProposalStatus.REJECTED


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/documents/iscm-guidelines/sections/seals/",
        "//evil.example/documents/iscm-guidelines/sections/seals/",
        "/documents/another-document/sections/seals/",
        "/documents/iscm-guidelines/proposals/",
        "/admin/",
        "javascript:alert(1)",
    ],
)
def test_a_decision_never_goes_elsewhere(client_for, target):
    response = client_for("facilitator").post(
        decision_url("reject", australia()), {"reason": "No.", "next": target}
    )
    assert response.status_code == 302
    detail = reverse("guidelines:proposal_detail", kwargs={"slug": SLUG, "pk": australia().pk})
    assert response["Location"] == detail


@pytest.mark.django_db
def test_the_preview_is_for_contributors_with_csrf(client_for):
    data = {"heading": "Seals", "body": "Changed."}
    assert Client().post(preview_url(), data).status_code == 302
    assert client_for("observer").post(preview_url(), data).status_code == 403
    assert client_for("member").get(preview_url()).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(User.objects.get(username="member-au"))
    assert strict.post(preview_url(), data).status_code == 403


@pytest.mark.django_db
def test_the_preview_is_the_redline_of_what_is_typed(client_for):
    body = seals().body.replace("the relevant ISO standard", "ISO 17712")
    response = client_for("member").post(
        preview_url(), {"heading": "Tamper-evident seals", "body": body}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.startswith('<div class="prose redline')
    assert '<ins data-by="">ISO 17712</ins>' in html
    assert '<del data-by="">the relevant ISO standard</del>' in html
    assert '<ins data-by="">Tamper-evident ' in html  # the heading too
    assert "<html" not in html


@pytest.mark.django_db
def test_the_preview_is_safe(client_for):
    html = (
        client_for("member")
        .post(preview_url(), {"heading": "Seals", "body": HOSTILE}, HTTP_HX_REQUEST="true")
        .content.decode()
    )
    tags = " ".join(re.findall(r"<[^>]*>", html)).lower()
    assert "<script" not in tags and "javascript:" not in tags and "<iframe" not in tags
    assert not re.search(r"\son\w+=", tags)


@pytest.mark.django_db
def test_the_preview_refuses_a_text_over_the_limit(client_for):
    body = "x" * (settings.SECTION_BODY_MAX_BYTES + 10)
    response = client_for("member").post(
        preview_url(), {"heading": "Seals", "body": body}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 413 and 'role="alert"' in response.content.decode()
    assert "xxxxxxxxxx" not in response.content.decode()
    long_heading = client_for("member").post(
        preview_url(), {"heading": "h" * 400, "body": "x"}, HTTP_HX_REQUEST="true"
    )
    assert long_heading.status_code == 413


@pytest.mark.django_db
def test_without_javascript_the_preview_shows_the_form_again_with_what_was_typed(client_for):
    body = seals().body + " Added words."
    response = client_for("member").post(
        preview_url(), {"kind": "amend", "heading": "Seals", "body": body, "rationale": "Mine <b>"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert escape(body) in html and escape("Mine <b>") in html  # kept in the form
    assert '<ins data-by=""> Added words.</ins>' in html
    new_url = reverse("guidelines:proposal_new", kwargs={"slug": SLUG, "key": "seals"})
    assert f'action="{new_url}?kind=amend"' in html  # the form still submits the proposal
    assert Proposal.objects.filter(rationale="Mine <b>").count() == 0  # nothing saved


@pytest.mark.django_db
def test_the_propose_form_shows_the_live_redline(client_for):
    html = (
        client_for("member")
        .get(
            reverse("guidelines:proposal_new", kwargs={"slug": SLUG, "key": "seals"})
            + "?kind=amend"
        )
        .content.decode()
    )
    assert f'hx-post="{preview_url()}"' in html and 'hx-trigger="input delay:400ms"' in html
    assert 'id="preview"' in html and ">Preview changes</button>" in html


@pytest.mark.django_db
def test_a_long_text_is_not_compared_as_you_type(client_for, settings):
    """Over LIVE_REDLINE_MAX_BYTES the preview says why it shows nothing (a word diff of two
    long texts on every pause in typing would cost seconds of a server's time)."""
    settings.LIVE_REDLINE_MAX_BYTES = 1000
    response = client_for("member").post(
        preview_url(), {"heading": "Seals", "body": "word " * 400}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and "not shown as you type" in html and "<ins" not in html


@pytest.mark.django_db
def test_without_javascript_the_preview_keeps_the_round_chosen(client_for):
    """The re-shown Propose page still offers "In response to", with the round that was sent."""
    from guidelines.models import ConsultationRound

    demo_round = ConsultationRound.objects.get()
    html = (
        client_for("member-cn")
        .post(
            preview_url(),
            {"heading": "Seals", "body": seals().body + " More.", "round": demo_round.pk},
        )
        .content.decode()
    )
    assert re.search(rf'<option value="{demo_round.pk}"[^>]* selected>', html)
