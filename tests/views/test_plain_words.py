"""Issue 13, plain words: no internal keys, JSON links, placeholder dashes or command names on
the pages people use; the comparisons say who changed what, and why."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guidelines.models import Milestone, Section, User, WorkingDocument
from guidelines.services.sections import section_update

SLUG = "iscm-guidelines"


def url(name, **kwargs):
    return reverse(f"guidelines:{name}", kwargs={"slug": SLUG, **kwargs})


def section(key):
    return Section.objects.get(document__slug=SLUG, key=key)


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def edit(key, body, *, username="facilitator", reason):
    current = section(key)
    section_update(section=current, heading=current.heading, body=body,
                   base_version=current.version, user=User.objects.get(username=username),
                   reason=reason)  # fmt: skip


def form_pages():
    working = WorkingDocument.objects.get(reference="PC0999E1")
    seals = {"key": "seals"}
    return [
        ("facilitator", url("proposal_new", **seals) + "?kind=move"),
        ("facilitator", url("proposal_new", **seals) + "?kind=map_add"),
        ("facilitator", url("proposal_new", **seals) + "?kind=insert"),
        ("member-au", url("proposal_new", **seals) + "?kind=amend"),
        ("facilitator", url("round_new")),
        ("secretariat", url("working_document_new")),
        ("secretariat", url("working_document_edit", pk=working.pk)),
        ("facilitator", url("proposal_list")),
        ("facilitator", url("disposition")),
        ("facilitator", url("document_compare")),
        ("secretariat", url("milestones")),
        ("facilitator", url("section_add", **seals)),
        ("facilitator", url("section_edit", **seals)),
        ("facilitator", reverse("guidelines:inbox")),
        ("secretariat", reverse("guidelines:audit")),
    ]


@pytest.mark.django_db
def test_no_placeholder_dashes_in_any_form(client_for):
    for username, page in form_pages():
        response = client_for(username).get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert "---------" not in html, page
        assert not re.search(r"<option[^>]*>\s*[—–-]+\s*</option>", html), page


@pytest.mark.django_db
def test_the_empty_choices_say_what_they_mean(client_for):
    working = WorkingDocument.objects.get(reference="PC0999E1")
    html = client_for("secretariat").get(url("working_document_edit", pk=working.pk)).content
    html = html.decode()
    assert ">The current text</option>" in html and ">None: no such annex</option>" in html
    moving = client_for("facilitator").get(url("proposal_new", key="seals") + "?kind=move")
    assert ">Choose a section…</option>" in moving.content.decode()
    new_round = client_for("facilitator").get(url("round_new")).content.decode()
    assert 'value=""' not in new_round.split('id="id_milestone"')[1].split("</select>")[0]


@pytest.mark.django_db
def test_working_document_checkboxes_sit_beside_their_labels(client_for):
    html = client_for("secretariat").get(url("working_document_new")).content.decode()
    assert re.search(
        r'<div class="field field--check">\s*<label for="id_include_disposition">'
        r'<input type="checkbox"[^>]*> <span>Annex the disposition table</span></label>',
        html,
    )


@pytest.mark.django_db
def test_no_json_link_key_or_command_names_on_reading_pages(client_for):
    client = client_for("facilitator")
    pages = [
        url("document_detail"),
        url("section_detail", key="seals"),
        url("section_history", key="seals"),
        url("activity"),
        url("section_compare", key="management-summary"),
    ]
    for page in pages:
        text = visible_text(client.get(page).content.decode())
        assert "JSON" not in text and "seed_demo" not in text, page
        assert not re.search(r"\bkey\b", text, re.I), page
    document = client.get(url("document_detail")).content.decode()
    toolbar = document.split('<p class="actions">')[1].split("</p>")[0]
    assert "/api/" not in toolbar  # the API is named for integrators at the foot of the page
    assert (
        "For integrators" in document
        and reverse("api:document", kwargs={"slug": SLUG})
        in (document.split('class="integrators')[1])
    )


@pytest.mark.django_db
def test_history_rows_written_by_older_seeds_read_as_plain_words(client_for):
    seals = section("seals")
    seals.history.update(history_change_reason="Reference and demo data loaded by seed_demo")
    html = client_for("member").get(url("section_history", key="seals")).content.decode()
    assert "Demo data loaded" in html and "seed_demo" not in html


@pytest.mark.django_db
def test_proposal_list_filters_by_a_numbered_section_not_a_key(client_for):
    client = client_for("facilitator")
    html = client.get(url("proposal_list")).content.decode()
    assert "Section key" not in html
    select = html.split('<select name="section" id="id_section">')[1].split("</select>")[0]
    assert '<option value="">All sections</option>' in select
    assert '<option value="seals">3.7 Seals</option>' in select
    rows = client.get(url("proposal_list"), {"section": "seals"}).content.decode()
    assert 'value="seals" selected' in rows
    assert rows.count("<tr>") - 1 == section("seals").proposals.count()


@pytest.mark.django_db
def test_inbox_filters_by_words_of_the_section_heading(client_for):
    client = client_for("facilitator")
    page = client.get(reverse("guidelines:inbox")).content.decode()
    assert "Section key" not in page and "Section heading" in page
    inbox = reverse("guidelines:inbox")
    found = client.get(inbox, {"section": "risk ASSESS"}).content.decode()
    none = client.get(inbox, {"section": "no such heading"}).content.decode()
    assert "No threads match." in none and "No threads match." not in found


# --- the comparisons: who, when, why ----------------------------------------------------------


@pytest.mark.django_db
def test_section_comparison_names_who_made_each_version_and_why(client_for):
    seals = section("seals")
    edit("seals", seals.body.replace("high-security", "tamper-evident"),
         reason="Say what the seal must resist")  # fmt: skip
    edit("seals", section("seals").body + "\n\nA second paragraph.", username="secretariat",
         reason="Room for the annex")  # fmt: skip
    first = seals.history.get(version=1).history_id
    last = section("seals").history.latest("history_id").history_id
    html = (
        client_for("member")
        .get(url("section_compare", key="seals"), {"from": first, "to": last})
        .content.decode()
    )
    sides = html.split('<dl class="version-sides">')[1].split("</dl>")[0]
    assert "Version 1" in sides and "Demo data loaded" in sides
    assert "Version 3" in sides and "Claire Dubois" in sides and "Room for the annex" in sides
    trail = html.split('class="version-trail"')[1].split("</section>")[0]
    assert "The 2 changes between them" in trail
    assert trail.index("Say what the seal must resist") < trail.index("Room for the annex")
    assert "Anna de Vries (Netherlands)" in trail


@pytest.mark.django_db
def test_a_long_comparison_lists_the_latest_50_changes_and_counts_the_others(client_for):
    first = section("seals").history.get(version=1).history_id
    for n in range(55):
        edit("seals", section("seals").body + f"\n\nLine {n}.", reason=f"Reason {n}")
    last = section("seals").history.latest("history_id").history_id
    html = (
        client_for("member")
        .get(url("section_compare", key="seals"), {"from": first, "to": last})
        .content.decode()
    )
    trail = html.split('class="version-trail"')[1].split("</section>")[0]
    assert "The 55 changes between them" in trail
    assert "The latest 50 are listed; 5 earlier changes are in" in trail
    assert url("section_history", key="seals") in trail
    assert trail.count("<li>") == 50
    assert "<q>Reason 54</q>" in trail and "<q>Reason 5</q>" in trail
    assert "<q>Reason 4</q>" not in trail and "<q>Reason 0</q>" not in trail


@pytest.mark.django_db
def test_draft_comparison_names_the_drafts_and_who_changed_each_section(client_for):
    edit("seals", section("seals").body.replace("high-security", "tamper-evident"),
         reason="Say what the seal must resist")  # fmt: skip
    html = client_for("observer").get(url("document_compare")).content.decode()
    milestone = Milestone.objects.get(document__slug=SLUG)
    sides = html.split('<dl class="version-sides">')[1].split("</dl>")[0]
    assert milestone.name in sides and "Draft taken" in sides and "Current text" in sides
    seals = html.split('id="cmp-seals"')[1].split("</section>")[0]
    assert "Anna de Vries (Netherlands)" in seals and "Say what the seal must resist" in seals
    summary = html.split('id="cmp-management-summary"')[1].split("</section>")[0]
    assert "on proposal #" in summary and "from Australia" in summary  # the accepted proposal


@pytest.mark.django_db
def test_draft_comparison_asks_for_who_changed_what_once_for_all_sections(client_for):
    client = client_for("observer")
    client.get(url("document_compare"))  # warm the session and caches

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("document_compare")).status_code == 200
        return len(ctx)

    before = queries()
    for key in ("seals", "risk-assessment", "transit-procedures", "it-systems"):
        edit(key, section(key).body + "\n\nOne more sentence.", reason="More")
    assert queries() == before  # more changed sections, no more queries
    assert before <= 12


@pytest.mark.django_db
def test_audit_trail_reads_the_seed_reason_as_plain_words(client_for):
    html = client_for("secretariat").get(reverse("guidelines:audit")).content.decode()
    assert "Demo data loaded" in html and "seed_demo" not in visible_text(html)
