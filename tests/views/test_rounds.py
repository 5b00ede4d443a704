"""Pages of consultation rounds: open, the round page, declare, extend, CSV, and the round
choice on the proposal and comment forms."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from guidelines.models import ConsultationRound, Delegation, Milestone, Proposal

SLUG = "iscm-guidelines"
pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"guidelines:{name}", kwargs={"slug": SLUG, **kwargs})


def demo_round():
    return ConsultationRound.objects.get(title="Written procedure on Draft 1")


def test_facilitator_opens_a_round(client_for):
    client = client_for("facilitator")
    assert client.get(url("round_new")).status_code == 200
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    data = {
        "title": "Second round",
        "milestone": Milestone.objects.first().pk,
        "deadline_date": day,
        "delegations": [Delegation.objects.get(code="cn").pk],
    }
    response = client.post(url("round_new"), data)
    assert response.status_code == 302
    created = ConsultationRound.objects.get(title="Second round")
    local = timezone.localtime(created.deadline)
    assert (local.date().isoformat(), local.hour, local.minute) == (day, 23, 59)
    past = client.post(url("round_new"), {**data, "deadline_date": "2018-03-01"})
    assert past.status_code == 400
    page = past.content.decode()
    assert "The deadline must be in the future" in page and 'value="Second round"' in page


def test_round_page_shows_each_delegation(client_for):
    page = client_for("observer").get(url("round_detail", pk=demo_round().pk)).content.decode()
    assert "No comments (Liam Walker" in page  # Australia's demo declaration
    assert "Not yet responded" in page
    assert "Extend the deadline" not in page and "Declare" not in page
    assert "Your delegation" not in page  # Belgium is invited; its observer only reads
    assert (
        "Extend the deadline"
        in client_for("facilitator").get(url("round_detail", pk=demo_round().pk)).content.decode()
    )


def test_member_declares_no_comments(client_for):
    client = client_for("member-cn")
    r = demo_round()
    assert "Declare “no comments”" in client.get(url("round_detail", pk=r.pk)).content.decode()
    response = client.post(url("round_declare", pk=r.pk), {"note": "Fine as it is"})
    assert response.status_code == 302
    assert r.declarations.filter(delegation__code="cn", note="Fine as it is").exists()
    again = client.post(url("round_declare", pk=r.pk), {}, follow=True).content.decode()
    assert "already declared" in again


def test_facilitator_extends_the_deadline_with_a_reason(client_for):
    r = demo_round()
    day = (timezone.localdate() + timedelta(days=30)).isoformat()
    client = client_for("facilitator")
    missing = client.post(url("round_update", pk=r.pk), {"deadline_date": day})
    assert missing.status_code == 400
    response = client.post(
        url("round_update", pk=r.pk),
        {"deadline_date": day, "deadline_time": "12:00", "reason": "More time asked"},
    )
    assert response.status_code == 302
    r.refresh_from_db()
    assert timezone.localtime(r.deadline).date().isoformat() == day
    assert r.history.first().history_change_reason == "More time asked"


def test_summary_csv(client_for):
    response = client_for("observer").get(url("round_summary_csv", pk=demo_round().pk))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "Australia,yes" in text and "China,no" in text


def test_list_and_links(client_for):
    client = client_for("member-cn")
    assert "Written procedure on Draft 1" in client.get(url("rounds")).content.decode()
    document = client.get(url("document_detail")).content.decode()
    assert "Your delegation is invited to respond" in document  # China has not responded
    assert (
        "Your delegation is invited"
        not in client_for("member-au").get(url("document_detail")).content.decode()
    )  # Australia declared
    assert "Consultation round: Written procedure" in client.get(url("milestones")).content.decode()


def test_proposal_form_offers_the_round_and_refuses_a_late_one(client_for):
    client = client_for("member-cn")
    r = demo_round()
    propose = reverse("guidelines:proposal_new", kwargs={"slug": SLUG, "key": "risk-assessment"})
    page = client.get(propose).content.decode()
    assert "In response to" in page and f'value="{r.pk}" selected' in page
    assert "Not part of a consultation round" in page
    ConsultationRound.objects.filter(pk=r.pk).update(deadline=timezone.now() - timedelta(1))
    data = {"kind": "delete", "rationale": "Too late?", "round": r.pk, "placement": "after"}
    response = client.post(propose, data)  # re-shown (with 200, as every refused proposal)
    body = response.content.decode()
    assert "closed on" in body and "Too late?" in body
    assert not Proposal.objects.filter(rationale="Too late?").exists()
    assert client.post(propose, {**data, "round": ""}).status_code == 302


def test_comment_form_offers_the_round(client_for):
    client = client_for("member-cn")
    r = demo_round()
    section = reverse("guidelines:section_detail", kwargs={"slug": SLUG, "key": "seals"})
    assert "In response to" in client.get(section).content.decode()
    post = reverse("guidelines:comment_create", kwargs={"slug": SLUG, "key": "seals"})
    assert client.post(post, {"body": "On seals", "round": r.pk}).status_code == 302
    assert r.comments.filter(body="On seals").exists()
    # Belgium (the observer's delegation) is not invited: no choice for the secretariat either
    assert "In response to" not in client_for("secretariat").get(section).content.decode()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_date_out_of_range_is_a_form_error(client_for, day):
    r = demo_round()
    response = client_for("facilitator").post(
        url("round_update", pk=r.pk),
        {"deadline_date": day, "deadline_time": "00:10", "reason": "Typo"},
    )
    assert response.status_code == 400 and "between the years 2000 and 2999" in (
        response.content.decode()
    )
