import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from guidelines.models import Proposal, Section, User
from guidelines.selectors.versions import structure_version
from guidelines.services import proposals as service
from guidelines.services.proposals import proposal_create
from guidelines.services.structure import section_insert
from tests.views.page_forms import form_data

SLUG = "iscm-guidelines"


def section(key="risk-assessment"):
    return Section.objects.get(document__slug=SLUG, key=key)


def propose_url(key="risk-assessment", kind="amend"):
    return reverse("guidelines:proposal_new", kwargs={"slug": SLUG, "key": key}) + f"?kind={kind}"


def detail_url(p):
    return reverse("guidelines:proposal_detail", kwargs={"slug": SLUG, "pk": p.pk})


def decision_url(decision, p):
    return reverse(f"guidelines:proposal_{decision}", kwargs={"slug": SLUG, "pk": p.pk})


def decide(client, decision, p, **typed):
    """Post a decision form as the proposal page renders it now, with ``typed`` filled in."""
    url = decision_url(decision, p)
    return client.post(url, {**form_data(client.get(detail_url(p)).content.decode(), url), **typed})


def make(author="member-au", key="risk-assessment", old="fewest", new="least"):
    s = section(key)
    return proposal_create(
        user=User.objects.get(username=author),
        section=s,
        kind="amend",
        rationale="Plain English",
        heading=s.heading,
        body=s.body.replace(old, new),
    )


@pytest.mark.django_db
def test_member_proposes_from_the_section_with_the_current_text(client_for):
    client = client_for("member")
    html = client.get(propose_url()).content.decode()
    assert "Each administration assesses risk" in html and 'for="id_rationale">Rationale<' in html
    body = section().body.replace("fewest", "least")
    response = client.post(
        propose_url(),
        {"kind": "amend", "heading": "Risk assessment", "body": body, "rationale": "Plain English"},
    )
    proposal = Proposal.objects.get(rationale="Plain English")
    assert response["Location"] == detail_url(proposal)
    assert (proposal.base_version, proposal.delegation.code) == (1, "au")


@pytest.mark.django_db
def test_bad_proposal_keeps_what_was_typed(client_for):
    response = client_for("member").post(
        propose_url(),
        {"kind": "amend", "heading": "Risk assessment", "body": "My new text.", "rationale": ""},
    )
    html = response.content.decode()
    assert (
        response.status_code == 200 and "This field is required." in html and "My new text." in html
    )


@pytest.mark.django_db
def test_section_page_and_detail_show_the_redline_with_author(client_for):
    p = make()
    client = client_for("observer")
    page = client.get(
        reverse("guidelines:section_detail", kwargs={"slug": SLUG, "key": "risk-assessment"})
    )
    html = page.content.decode()
    assert '<del data-by="">fewest</del>' in html and '<ins data-by="">least</ins>' in html
    assert "Liam Walker (Australia)" in html and "Plain English" in html
    outline_url = reverse("guidelines:outline_fragment", kwargs={"slug": SLUG})
    # the proposal's badge, in the full outline the section page loads
    outline = client.get(outline_url, {"current": "risk-assessment"}).content.decode()
    assert 'class="outline-count"' in outline
    detail = client.get(detail_url(p)).content.decode()
    assert '<ins data-by="">least</ins>' in detail
    assert "/accept/" not in detail and "/reject/" not in detail  # no decision controls


@pytest.mark.django_db
def test_member_cannot_accept_or_withdraw_another_delegations_proposal(client_for):
    p = make()
    for decision in ("accept", "accept_changes", "reject"):
        assert client_for("member-cn").post(decision_url(decision, p)).status_code == 403
    withdraw = reverse("guidelines:proposal_withdraw", kwargs={"slug": SLUG, "pk": p.pk})
    assert client_for("member-cn").post(withdraw).status_code == 403
    assert client_for("member").post(withdraw).status_code == 302
    assert Proposal.objects.get(pk=p.pk).status == "withdrawn"


@pytest.mark.django_db
def test_list_filters_and_counts(client_for):
    make()
    client = client_for("observer")
    url = reverse("guidelines:proposal_list", kwargs={"slug": SLUG})
    html = client.get(url, {"delegation": "au", "status": "open"}).content.decode()
    assert "Plain English" in html
    assert "Plain English" not in client.get(url, {"delegation": "cn"}).content.decode()
    assert "Plain English" in client.get(url, {"standard": "P1.S4"}).content.decode()
    assert "Plain English" not in client.get(url, {"standard": "P2.S1"}).content.decode()
    assert "Plain English" in client.get(url, {"section": "risk-assessment"}).content.decode()


@pytest.mark.django_db
def test_disposition_table_and_csv(client_for):
    p = make()
    decide(client_for("facilitator"), "reject", p, reason="=HYPERLINK(x)")
    url = reverse("guidelines:disposition", kwargs={"slug": SLUG})
    html = client_for("observer").get(url).content.decode()
    assert "3.5" in html and "Australia" in html and "rejected" in html
    response = client_for("observer").get(url, {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Proposal", "Section", "Heading"]
    mine = next(r for r in rows if r[0] == str(p.pk))
    assert mine[1] == '="3.5"' and mine[3] == "Australia" and mine[6] == "rejected"
    assert mine[7] == "'=HYPERLINK(x)"  # never a formula in a spreadsheet


@pytest.mark.django_db
def test_disposition_keeps_section_numbers_as_text_in_csv_and_xlsx(client_for):
    facilitator = User.objects.get(username="facilitator")
    anchor = section("authorized-supply-chain")
    tenth = section_insert(anchor=anchor, document=anchor.document, where="after",
                           heading="Seals at transhipment", body="Seals stay on.",
                           user=facilitator, reason="Added",
                           expected_version=structure_version(anchor))  # fmt: skip
    p = make(key=tenth.key, old="stay on", new="stay on the container")
    decide(client_for("facilitator"), "reject", p, reason="=1+1")
    url = reverse("guidelines:disposition", kwargs={"slug": SLUG})
    text = client_for("observer").get(url, {"format": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert next(r for r in rows if r[0] == str(p.pk))[1] == '="3.10"'  # shown as the text 3.10
    response = client_for("observer").get(url, {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == p.pk)
    assert (row[1].value, row[1].data_type, row[1].number_format) == ("3.10", "s", "@")
    assert (row[7].value, row[7].data_type) == ("=1+1", "s")  # a reason is text, not a formula
    assert row[8].value.year == p.created_at.year and sheet.freeze_panes == "A2"


@pytest.mark.django_db
def test_list_and_disposition_have_constant_queries(client_for, django_assert_max_num_queries):
    for n in range(60):
        make(old="fewest", new=f"fewest ({n})")
    client = client_for("observer")
    for name in ("proposal_list", "disposition"):
        # 10 + 1: the header's counts ("To do", the bell), one query on every page
        with django_assert_max_num_queries(11):
            client.get(reverse(f"guidelines:{name}", kwargs={"slug": SLUG}))


@pytest.mark.django_db
def test_section_page_queries_do_not_grow_with_open_proposals(client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("observer")
    url = reverse("guidelines:section_detail", kwargs={"slug": SLUG, "key": "risk-assessment"})
    counts = []
    client.get(url)  # the document's structure read once, then cached
    for n in (1, 20):
        while Proposal.objects.filter(section=section(), status="open").count() < n:
            make(old="fewest", new=f"fewest {Proposal.objects.count()}")
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_section_page_reads_standards_and_targets_only_for_the_proposals_with_one(client_for):
    """Mapping and move proposals name their standard and target: read in one query each,
    whatever their number, and not at all on a page whose proposals have none."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from guidelines.models import Standard

    client = client_for("observer")
    url = reverse("guidelines:section_detail", kwargs={"slug": SLUG, "key": "seals"})
    au = User.objects.get(username="member-au")
    standards = list(Standard.objects.exclude(mappings__section=section("seals")))
    targets = list(Section.objects.filter(document__slug=SLUG, parent=None).exclude(
        pk=section("seals").parent_id))  # fmt: skip

    def page_queries():
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(url).content.decode()
        return len(ctx.captured_queries), html

    client.get(url)  # the document's structure read once, then cached
    make(key="seals", old="seal", new="tamper-evident seal")
    counts = [page_queries()[0]]
    for n in (1, 3):
        while Proposal.objects.filter(section=section("seals"), kind="map_add").count() < n:
            standard = standards.pop()
            proposal_create(
                user=au,
                section=section("seals"),
                kind="map_add",
                rationale="Relevant",
                standard=standard,
                relation="supports",
            )
            target = targets.pop()
            proposal_create(
                user=au,
                section=section("seals"),
                kind="move",
                rationale="Elsewhere",
                placement="child",
                target=target,
            )
        count, html = page_queries()
        counts.append(count)
        assert f"Map to {standard.code}" in html
        assert f"“{target.heading}”" in html
    assert counts[1] == counts[2] == counts[0] + 2, counts


@pytest.mark.django_db
def test_closed_proposals_keep_showing_what_they_changed(client_for):
    facilitator = User.objects.get(username="facilitator")
    accepted, rejected, withdrawn = (
        make(),
        make(old="Each", new="Every"),
        make(old="intelligence", new="information"),
    )
    service.proposal_accept(proposal=accepted, user=facilitator, expected_version=1)
    service.proposal_reject(proposal=rejected, user=facilitator, reason="Not now.")
    service.proposal_withdraw(proposal=withdrawn, user=withdrawn.author)
    client = client_for("observer")
    for p, old, new in ((accepted, "fewest", "least"), (rejected, "Each", "Every"),
                        (withdrawn, "intelligence", "information")):  # fmt: skip
        html = client.get(detail_url(p)).content.decode()
        assert f'<del data-by="">{old}</del>' in html and f'<ins data-by="">{new}</ins>' in html


@pytest.mark.django_db
def test_accepted_with_changes_shows_the_proposal_and_what_was_adopted(client_for):
    p = make()
    base = p.base_body
    service.proposal_accept_with_changes(
        proposal=p,
        user=User.objects.get(username="facilitator"),
        heading=p.proposed_heading,
        body=base.replace("fewest", "smallest number of"),
        note="Plainer.",
        expected_version=1,
    )
    html = client_for("member").get(detail_url(p)).content.decode()
    assert '<ins data-by="">least</ins>' in html  # what Australia proposed
    assert "As adopted (with the facilitator" in html
    assert '<ins data-by="">smallest number of</ins>' in html  # what was finally adopted
