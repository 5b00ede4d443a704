"""Deciding on a proposal: one form per decision, each carrying the versions its page was
rendered from. Every conflict test renders the page, lets someone else write, then posts the
stale form: 409, nothing overwritten, what the facilitator typed still on the page."""

import html as html_lib

import pytest
from django.urls import reverse

from guidelines.models import Mapping, Proposal, Section, Standard, User
from guidelines.selectors.versions import mappings_version, structure_version
from guidelines.services.proposals import proposal_create
from guidelines.services.safe import mapping_create
from guidelines.services.sections import section_update
from guidelines.services.structure import section_move
from tests.views.page_forms import form_data

SLUG = "iscm-guidelines"


def section(key="risk-assessment"):
    return Section.objects.get(document__slug=SLUG, key=key)


def user(name):
    return User.objects.get(username=name)


def detail_url(p):
    return reverse("guidelines:proposal_detail", kwargs={"slug": SLUG, "pk": p.pk})


def decision_url(decision, p):
    return reverse(f"guidelines:proposal_{decision}", kwargs={"slug": SLUG, "pk": p.pk})


def page_form(client, decision, p, index=0):
    """The decision's form as the proposal page renders it now."""
    html = client.get(detail_url(p)).content.decode()
    return form_data(html, decision_url(decision, p), index)


def amend(author="member-au", key="risk-assessment", old="fewest", new="least"):
    s = section(key)
    return proposal_create(user=user(author), section=s, kind="amend", rationale="Plain English",
                           heading=s.heading, body=s.body.replace(old, new))  # fmt: skip


def secretariat_saves(old, new, key="risk-assessment"):
    s = section(key)
    section_update(section=s, heading=s.heading, body=s.body.replace(old, new),
                   base_version=s.version, user=user("secretariat"),
                   reason="Secretariat correction")  # fmt: skip


def text(response) -> str:
    return html_lib.unescape(response.content.decode())


def status(p) -> str:
    return Proposal.objects.get(pk=p.pk).status


# --- accepting, and a second click ----------------------------------------------------------


@pytest.mark.django_db
def test_accept_once_and_a_second_click_is_refused(client_for):
    p = amend()
    client = client_for("facilitator")
    first_tab = second_tab = page_form(client, "accept", p)
    assert first_tab == {
        "section_version": "1", "structure_version": "", "mappings_version": "",
        "disposition_version": "",
    }  # fmt: skip
    assert client.post(decision_url("accept", p), first_tab).status_code == 302
    client.post(decision_url("accept", p), second_tab)  # double click / second tab
    assert section().version == 2
    assert "already accepted" in client.get(detail_url(p)).content.decode()


@pytest.mark.django_db
def test_a_get_on_a_decision_url_shows_the_proposal(client_for):
    p = amend()
    for decision in ("accept", "accept_changes", "reject"):
        response = client_for("facilitator").get(decision_url(decision, p))
        assert response.status_code == 302 and response["Location"] == detail_url(p)


@pytest.mark.django_db
def test_stale_proposal_offers_an_automatic_merge_and_plain_accept_waits(client_for):
    first = amend(old="fewest", new="least")
    second = amend(author="member-cn", old="automated selectivity", new="automated profiling")
    client = client_for("facilitator")
    client.post(decision_url("accept", first), page_form(client, "accept", first))
    page = client.get(detail_url(second)).content.decode()
    assert "Based on an older version" in page and "Apply automatically and accept" in page
    assert decision_url("accept", second) not in page  # not offered until resolved
    response = client.post(decision_url("accept", second), {"section_version": "2"}, follow=True)
    assert "resolve it with the three-way view" in response.content.decode()
    assert status(second) == "open"
    merged = form_data(page, decision_url("accept_changes", second))  # the merge button's form
    merged_body = section().body.replace("automated selectivity", "automated profiling")
    assert merged == {"section_version": "2", "heading": "Risk assessment", "body": merged_body}
    assert client.post(decision_url("accept_changes", second), merged).status_code == 302
    body = section().body
    assert "least" in body and "automated profiling" in body
    assert status(second) == "accepted_changed"


# --- lost updates refused -------------------------------------------------------------------


@pytest.mark.django_db
def test_accept_after_someone_saved_is_a_conflict_and_overwrites_nothing(client_for):
    p = amend()
    client = client_for("facilitator")
    stale = page_form(client, "accept", p)
    secretariat_saves("intelligence", "information")
    response = client.post(decision_url("accept", p), stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert '<del data-by="">intelligence</del>' in page  # what the secretariat changed
    assert '<ins data-by="">information</ins>' in page
    assert section().version == 2 and "information" in section().body
    assert "fewest" in section().body and status(p) == "open"
    # The proposal's change, merged with the secretariat's, waits in the form, on version 2.
    again = form_data(page, decision_url("accept_changes", p))
    assert again["section_version"] == "2"
    assert "least" in again["body"] and "information" in again["body"]
    assert client.post(decision_url("accept_changes", p), again).status_code == 302
    assert "least" in section().body and "information" in section().body


@pytest.mark.django_db
def test_accept_with_changes_after_someone_saved_keeps_the_typed_text(client_for):
    p = amend()
    client = client_for("facilitator")
    form = page_form(client, "accept_changes", p)
    typed = section().body.replace("fewest", "smallest number of")
    form.update(heading="Risk assessment (typed)", body=typed, note="My careful note.")
    secretariat_saves("intelligence", "information")
    response = client.post(decision_url("accept_changes", p), form)
    assert response.status_code == 409
    page = text(response)
    assert "Risk assessment (typed)" in page and "smallest number of" in page
    assert "My careful note." in page
    assert '<ins data-by="">information</ins>' in response.content.decode()
    assert section().body.count("information") == 1 and "smallest" not in section().body
    assert (section().version, status(p)) == (2, "open")
    assert (
        form_data(response.content.decode(), decision_url("accept_changes", p))["section_version"]
        == "2"
    )


@pytest.mark.django_db
def test_apply_automatically_after_someone_saved_again_is_a_conflict(client_for):
    first = amend(old="fewest", new="least")
    second = amend(author="member-cn", old="automated selectivity", new="automated profiling")
    client = client_for("facilitator")
    client.post(decision_url("accept", first), page_form(client, "accept", first))
    merged = page_form(client, "accept_changes", second)  # the "Apply automatically" button
    assert merged["section_version"] == "2" and "automated profiling" in merged["body"]
    secretariat_saves("Economic", "economic")  # between the three-way page and the click
    response = client.post(decision_url("accept_changes", second), merged)
    assert response.status_code == 409
    assert "automated profiling" in text(response)
    body = section().body
    assert "economic" in body and "automated selectivity" in body and status(second) == "open"


@pytest.mark.django_db
def test_accepting_a_move_after_the_structure_changed_is_a_conflict(client_for):
    seals = section("seals")
    p = proposal_create(user=user("member-au"), section=seals, kind="move", rationale="IT",
                        placement="child", target=section("it-systems"))  # fmt: skip
    client = client_for("facilitator")
    stale = page_form(client, "accept", p)
    assert stale["structure_version"]
    section_move(section=seals, direction="up", user=user("secretariat"),
                 expected_version=structure_version(seals))  # fmt: skip
    response = client.post(decision_url("accept", p), stale)
    assert response.status_code == 409
    page = text(response)
    assert "Moved up: Seals" in page and "Claire Dubois" in page
    assert section("seals").parent_id != section("it-systems").pk and status(p) == "open"


@pytest.mark.django_db
def test_accepting_a_deletion_after_the_text_changed_is_a_conflict(client_for):
    p = proposal_create(user=user("member-cn"), section=section("seals"), kind="delete",
                        rationale="Covered by the FoS")  # fmt: skip
    client = client_for("facilitator")
    stale = page_form(client, "accept", p)
    secretariat_saves("mechanical", "mechanical or electronic", key="seals")
    response = client.post(decision_url("accept", p), stale)
    assert response.status_code == 409
    assert "Secretariat correction" in text(response)
    assert not section("seals").is_deleted and status(p) == "open"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["map_add", "map_remove"])
def test_accepting_a_mapping_after_the_mappings_changed_is_a_conflict(client_for, kind):
    s = section()
    mapped = Mapping.objects.live().filter(section=s).first().standard
    unmapped = Standard.objects.exclude(mappings__section=s).first()
    standard = unmapped if kind == "map_add" else mapped
    p = proposal_create(user=user("member-au"), section=s, kind=kind, rationale="Coverage",
                        standard=standard, relation="supports")  # fmt: skip
    client = client_for("facilitator")
    stale = page_form(client, "accept", p)
    assert stale["mappings_version"]
    other = Standard.objects.exclude(mappings__section=s).exclude(pk=standard.pk).first()
    mapping_create(section=s, standard=other, relation="implements", user=user("secretariat"),
                   reason="Mapped by the secretariat",
                   expected_version=mappings_version(s))  # fmt: skip
    before = list(Mapping.objects.live().filter(section=s).values_list("standard_id", flat=True))
    response = client.post(decision_url("accept", p), stale)
    assert response.status_code == 409
    page = text(response)
    assert "Mapped by the secretariat" in page and other.code in page
    after = list(Mapping.objects.live().filter(section=s).values_list("standard_id", flat=True))
    assert after == before and status(p) == "open"


@pytest.mark.django_db
def test_a_missing_or_tampered_version_is_a_conflict(client_for):
    p = amend()
    client = client_for("facilitator")
    for tampered in ({}, {"section_version": "abc"}, {"section_version": "7"}):
        assert client.post(decision_url("accept", p), tampered).status_code == 409
    form = page_form(client, "accept_changes", p)
    form["section_version"] = ""
    assert client.post(decision_url("accept_changes", p), form).status_code == 409
    assert (section().version, status(p)) == (1, "open")


# --- invalid forms are shown again with what was typed ---------------------------------------


@pytest.mark.django_db
def test_invalid_accept_with_changes_is_shown_again_with_the_typed_text(client_for):
    p = amend()
    client = client_for("facilitator")
    form = page_form(client, "accept_changes", p)
    form.update(heading="", body="My long careful rewording.", note="Why I changed it.")
    response = client.post(decision_url("accept_changes", p), form)
    assert response.status_code == 400
    page = text(response)
    assert "This field is required." in page
    assert "My long careful rewording." in page and "Why I changed it." in page
    assert '<details id="accept-with-changes" open>' in page
    assert (section().version, status(p)) == (1, "open")


@pytest.mark.django_db
def test_accept_with_changes_over_the_size_limit_keeps_the_text(client_for):
    p = amend()
    client = client_for("facilitator")
    form = page_form(client, "accept_changes", p)
    form.update(body="Précis " * 40_000)
    response = client.post(decision_url("accept_changes", p), form)
    assert response.status_code == 400
    page = response.content.decode()
    assert "the limit is 200 KB" in page and page.count("Précis") >= 40_000
    assert status(p) == "open"


@pytest.mark.django_db
def test_reject_needs_a_reason_and_the_form_is_shown_again(client_for):
    p = amend()
    client = client_for("facilitator")
    response = client.post(decision_url("reject", p), {"reason": "   "})
    assert response.status_code == 400
    page = text(response)
    assert "This field is required." in page and '<details id="reject" open>' in page
    assert status(p) == "open"
    client.post(decision_url("reject", p), {"reason": "Not agreed by the group"})
    assert Proposal.objects.get(pk=p.pk).decision_reason == "Not agreed by the group"


@pytest.mark.django_db
def test_accepting_on_a_deleted_section_shows_the_page_with_the_reason(client_for):
    p = amend(key="seals", old="high-security", new="tamper-evident")
    client = client_for("facilitator")
    stale = page_form(client, "accept", p)
    client.post(reverse("guidelines:section_delete", kwargs={"slug": SLUG, "key": "seals"}),
                {"reason": "Merged", "version": structure_version(section("seals"))})  # fmt: skip
    response = client.post(decision_url("accept", p), stale)
    assert response.status_code == 400
    assert "The section is deleted: restore it before accepting." in text(response)
    assert status(p) == "open"


@pytest.mark.django_db
def test_a_decision_on_a_closed_proposal_changes_nothing(client_for):
    p = amend()
    client = client_for("facilitator")
    form = page_form(client, "accept_changes", p)
    client.post(decision_url("reject", p), {"reason": "Out of scope"})
    form.update(body=section().body.replace("fewest", "fewer"))
    response = client.post(decision_url("accept_changes", p), form, follow=True)
    assert "already rejected" in response.content.decode()
    assert (section().version, status(p)) == (1, "rejected")
