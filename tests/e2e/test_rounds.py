"""A consultation round from opening to deadline: the facilitator opens it, China proposes in
it, a reminder goes to the delegation that has not responded, Australia declares "no comments",
the deadline passes, China's late proposal is refused, the summary is annexed to a working
document and read back from its PDF."""

import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e

TITLE = "Written procedure: comments by 1 March 2018"
DRAFT = "Draft 1 for the SAFE Review Sub-Group, December 2017"


def switch_to(page, username):
    page.context.clear_cookies()
    sign_in(page, username)


def propose_in_round(page, round_pk, text):
    page.goto("/documents/iscm-guidelines/sections/risk-assessment/propose/")
    page.get_by_label("Text", exact=True).fill(text)
    page.get_by_label("Rationale").fill("Name the data sources")
    page.get_by_label("In response to").select_option(str(round_pk))
    page.get_by_role("button", name="Submit proposal").click()


def test_consultation_round_from_opening_to_deadline(page, tmp_path):
    from guidelines.models import ConsultationRound, Notification, User
    from guidelines.services.rounds import round_update, rounds_remind

    sign_in(page, "facilitator")
    page.goto("/documents/iscm-guidelines/rounds/new/")
    page.get_by_label("Title", exact=True).fill(TITLE)
    expect(page.get_by_label("Draft under consultation")).to_have_value(
        str(ConsultationRound.objects.first().milestone_id)  # the demo's only draft
    )
    page.get_by_label("Deadline", exact=True).fill(
        (timezone.localdate() + timedelta(days=10)).isoformat()
    )
    # Every delegation but the facilitator's own is invited by default; keep three.
    expect(page.get_by_label("Netherlands", exact=True)).not_to_be_checked()
    for name in ("Belgium", "Global Express Association", "Russian Federation", "Vietnam"):
        page.get_by_label(name, exact=True).uncheck()
    for name in ("Australia", "China", "New Zealand"):
        expect(page.get_by_label(name, exact=True)).to_be_checked()
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".round-summary")).to_contain_text("Not yet responded")
    consultation = ConsultationRound.objects.get(title=TITLE)

    switch_to(page, "member-cn")
    page.goto("/documents/iscm-guidelines/")
    expect(page.locator(".notice", has_text=TITLE)).to_be_visible()
    page.goto("/documents/iscm-guidelines/sections/risk-assessment/propose/")
    expect(page.get_by_label("In response to")).to_have_value(str(consultation.pk))
    propose_in_round(page, consultation.pk, "Risk assessment uses advance electronic data.")
    expect(page.locator(".messages")).to_contain_text("submitted")

    # Seven days before the deadline the worker sends the reminder: only Australia has not
    # responded (New Zealand has no user here).
    rounds_remind(now=consultation.deadline - timedelta(days=7) + timedelta(minutes=5))
    reminded = Notification.objects.filter(
        subject__startswith="Reminder", url__contains=f"/{consultation.pk}/"
    )
    assert set(reminded.values_list("recipient__username", flat=True)) == {"member-au"}

    switch_to(page, "member-au")
    page.goto(f"/documents/iscm-guidelines/rounds/{consultation.pk}/")
    page.get_by_role("button", name="Declare “no comments”").click()
    australia = page.locator(".round-summary tr", has_text="Australia")
    expect(australia).to_contain_text("No comments (Liam Walker")

    # The deadline passes: moved into the past through the facilitator's service.
    round_update(
        user=User.objects.get(username="facilitator"),
        consultation=consultation,
        deadline=timezone.now() - timedelta(minutes=1),
        late_comments_allowed=False,
        reason="Test: the deadline has passed",
    )
    switch_to(page, "member-cn")
    propose_in_round(page, consultation.pk, "A late thought on risk assessment.")
    expect(page.locator(".form-errors")).to_contain_text(f"“{TITLE}” closed on")
    assert consultation.proposals.count() == 1

    switch_to(page, "secretariat")
    page.goto("/documents/iscm-guidelines/ptc/new/")
    page.get_by_label("Reference").fill("PC0412E1")
    page.get_by_label("Place and date").fill("Brussels, 5 March 2018.")
    page.get_by_label("Title", exact=True).fill("Integrated Supply Chain Management")
    page.get_by_label("Agenda item", exact=True).fill("Item IV on the Agenda")
    page.get_by_label("Cover note", exact=True).fill(
        "# Background\n\nThe round.\n\n# Action Requested\n\nNote."
    )
    page.get_by_label("Annex the summary of the consultation round").select_option(label=TITLE)
    page.get_by_role("button", name="Save").click()
    row = page.locator("tr", has_text="PC0412E1")
    with page.expect_download() as download:
        row.get_by_role("link", name="Export PDF", exact=True).click()
    path = tmp_path / "PC0412E1.pdf"
    download.value.save_as(path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    text = " ".join(text.split())
    assert f"Summary of the consultation round “{TITLE}”" in text
    assert "2 of 3 delegations responded: 1 proposals, 0 comments, 1 “no comments”" in text
    assert "China yes" in text and "New Zealand no" in text
    assert "declared by Liam Walker" in text
