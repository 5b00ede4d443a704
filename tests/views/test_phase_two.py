"""Phase-two pages: proposing a disposition, deciding it on the proposal page, the facilitator's
direct setting (and its conflict page), the section's phase-two page, the outline's and the
coverage matrix's badges, and the phase-two draft."""

import pytest
from django.urls import reverse

from guidelines.models import Disposition, Proposal, Section, Standard, User
from guidelines.selectors.phase_two import disposition_version
from guidelines.services.phase_two import disposition_set
from guidelines.services.proposals import proposal_create
from guidelines.services.synthetic import synthetic_document_create
from tests.views.page_forms import form_data

SLUG = "iscm-guidelines"
SUMMARY = "Integrate into P1.S6 Advance Electronic Information, as technical specification"


FREE = "transit-procedures"  # a section the demo has decided nothing and proposed nothing on


def section(key=FREE):
    return Section.objects.get(document__slug=SLUG, key=key)


def aei():
    return Standard.objects.get(pillar__number=1, number=6)


def url(name, key=FREE, slug=SLUG):
    return reverse(f"guidelines:{name}", kwargs={"slug": slug, "key": key})


def draft_url(slug=SLUG):
    return reverse("guidelines:phase_two", kwargs={"slug": slug})


def decide(disposition="integrate", key=FREE, **fields):
    if disposition == "integrate":
        fields = {"standard": aei(), "integrate_as": "spec", **fields}
    s = section(key)
    return disposition_set(
        section=s, disposition=disposition, user=User.objects.get(username="facilitator"),
        reason="Agreed", expected_version=disposition_version(s), **fields,
    )  # fmt: skip


def test_member_proposes_and_the_card_reads_it(client_for):
    client = client_for("member")
    response = client.post(
        url("disposition_propose"),
        {"disposition": "integrate", "standard": aei().pk, "integrate_as": "spec",
         "rationale": "It is AEI", "language": "en"},
    )  # fmt: skip
    p = Proposal.objects.get(kind="dispose", section=section())
    assert response.status_code == 302 and response["Location"].endswith(f"/proposals/{p.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert SUMMARY in page


@pytest.mark.parametrize(
    "data, message",
    [
        ({"disposition": "integrate", "integrate_as": "spec"}, "Choose the SAFE standard"),
        ({"disposition": "integrate", "standard": "STD"}, "Say how it is integrated"),
        ({"disposition": "delete"}, "one of the two"),
    ],
)
def test_invalid_proposal_is_shown_again_with_what_was_typed(client_for, data, message):
    if data.get("standard") == "STD":
        data = {**data, "standard": aei().pk}
    response = client_for("member").post(
        url("disposition_propose"), {**data, "rationale": "My typed reason", "language": "en"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page and "My typed reason" in page
    assert not Proposal.objects.filter(kind="dispose", section=section()).exists()


def test_observer_cannot_propose_member_can_open_the_form(client_for):
    assert client_for("observer").get(url("disposition_propose")).status_code == 403
    assert client_for("member").get(url("disposition_propose")).status_code == 200
    # the propose page's "Phase-two disposition" tab leads to the dedicated form
    response = client_for("member").get(url("proposal_new") + "?kind=dispose")
    assert response.status_code == 302 and response["Location"] == url("disposition_propose")


def test_facilitator_accepts_on_the_proposal_page_and_history_shows_it(client_for):
    p = proposal_create(
        user=User.objects.get(username="member-au"), section=section(), kind="dispose",
        rationale="It is AEI", disposition="integrate", standard=aei(), integrate_as="spec",
    )  # fmt: skip
    client = client_for("facilitator")
    detail = reverse("guidelines:proposal_detail", kwargs={"slug": SLUG, "pk": p.pk})
    accept = reverse("guidelines:proposal_accept", kwargs={"slug": SLUG, "pk": p.pk})
    data = form_data(client.get(detail).content.decode(), accept)
    assert data["disposition_version"] == "0"
    assert client.post(accept, data).status_code == 302
    assert Disposition.objects.get(section=section()).proposal == p
    page = client.get(url("section_phase_two")).content.decode()
    assert SUMMARY in page and f"#{p.pk}" in page and "It is AEI" in page


def test_accepting_after_the_standard_was_removed_is_refused(client_for):
    p = proposal_create(
        user=User.objects.get(username="member-au"), section=section(), kind="dispose",
        rationale="It is AEI", disposition="integrate", standard=aei(), integrate_as="spec",
    )  # fmt: skip
    client = client_for("facilitator")
    detail = reverse("guidelines:proposal_detail", kwargs={"slug": SLUG, "pk": p.pk})
    accept = reverse("guidelines:proposal_accept", kwargs={"slug": SLUG, "pk": p.pk})
    data = form_data(client.get(detail).content.decode(), accept)
    Standard.objects.filter(pk=aei().pk).update(is_deleted=True)
    response = client.post(accept, data)
    assert response.status_code == 400
    assert "removed from the SAFE Framework" in response.content.decode()
    assert not Disposition.objects.filter(section=section()).exists()


def test_direct_set_by_the_facilitator_refused_for_members(client_for):
    client = client_for("facilitator")
    data = form_data(client.get(url("section_phase_two")).content.decode(), url("disposition_set"))
    data |= {"disposition": "keep", "reason": "Stand-alone guidance"}
    assert client.post(url("disposition_set"), data).status_code == 302
    assert Disposition.objects.get(section=section()).disposition == "keep"
    member = client_for("member")
    assert member.post(url("disposition_set"), data).status_code == 403
    assert "Change the disposition" not in member.get(url("section_phase_two")).content.decode()


def test_direct_set_needs_a_reason_and_keeps_what_was_typed(client_for):
    client = client_for("facilitator")
    data = form_data(client.get(url("section_phase_two")).content.decode(), url("disposition_set"))
    response = client.post(url("disposition_set"), data | {"disposition": "keep", "note": "N1"})
    assert response.status_code == 400 and "N1" in response.content.decode()


def test_direct_set_after_someone_else_decided_is_a_conflict(client_for):
    client = client_for("facilitator")
    data = form_data(client.get(url("section_phase_two")).content.decode(), url("disposition_set"))
    decide("discuss")  # someone else, meanwhile
    response = client.post(url("disposition_set"), data | {"disposition": "keep", "reason": "R"})
    assert response.status_code == 409
    assert Disposition.objects.get(section=section()).disposition == "discuss"


def test_outline_and_coverage_show_the_disposition(client_for):
    decide("integrate")
    decide("keep", key="foreword")
    client = client_for("member")
    page = client.get(reverse("guidelines:document_detail", kwargs={"slug": SLUG})).content
    assert b"Integrate: P1.S6" in page and b">Keep<" in page
    outline = reverse("guidelines:outline_fragment", kwargs={"slug": SLUG})
    page = client.get(outline, {"current": "definitions"}).content  # a section page's outline
    assert b"Integrate: P1.S6" in page and b">Keep<" in page
    coverage = client.get(reverse("guidelines:coverage", kwargs={"slug": SLUG})).content.decode()
    assert SUMMARY in coverage and "Keep as stand-alone guidance" in coverage
    Standard.objects.filter(pk=aei().pk).update(is_deleted=True)
    coverage = client.get(reverse("guidelines:coverage", kwargs={"slug": SLUG})).content.decode()
    assert "(standard removed from the Framework)" in coverage


def test_draft_groups_the_sections(client_for):
    decide("integrate")
    decide("integrate", key="foreword", integrate_as="example")
    decide("delete", key="definitions", duplicate_of=section("foreword"))
    decide("discuss", key="management-summary")
    page = client_for("observer").get(draft_url()).content.decode()
    std = page.index(f'id="std-{aei().pk}"')
    spec, example = page.index("As technical specification", std), page.index("As annex example")
    assert std < spec < page.index(section().heading, spec) < example
    assert page.index(section("foreword").heading, example) < page.index('id="kept"')
    deleted = page[page.index('id="deleted"') : page.index('id="discuss"')]
    assert "Delete as duplicate of “" + section("foreword").heading in deleted
    assert section("management-summary").heading in page[page.index('id="discuss"') :]
    total = Section.objects.live().filter(document__slug=SLUG).count()
    decided = Disposition.objects.filter(section__document__slug=SLUG).count()  # the demo's too
    assert decided > 4
    assert f"{total - decided} of {total} with no disposition yet" in page


def test_draft_flags_a_removed_standard_that_still_has_dispositions(client_for):
    decide("integrate")
    Standard.objects.filter(pk=aei().pk).update(is_deleted=True)
    other = Standard.objects.get(pillar__number=1, number=7)
    Standard.objects.filter(pk=other.pk).update(is_deleted=True)
    page = client_for("member").get(draft_url()).content.decode()
    assert f'id="std-{aei().pk}"' in page and "(standard removed from the Framework)" in page
    assert f'id="std-{other.pk}"' not in page


def test_a_duplicate_of_a_section_deleted_since_is_flagged(client_for):
    decide("delete", key="definitions", duplicate_of=section("foreword"))
    client = client_for("member")
    flagged = f"Delete as duplicate of “{section('foreword').heading}” [section deleted]"
    assert flagged not in client.get(draft_url()).content.decode()
    Section.objects.filter(pk=section("foreword").pk).update(is_deleted=True)
    deleted = client.get(draft_url()).content.decode()
    assert flagged in deleted[deleted.index('id="deleted"') : deleted.index('id="discuss"')]
    page = client.get(url("section_phase_two", key="definitions")).content.decode()
    assert flagged in page[page.index("phase-two-summary") :]
    client.cookies["django_language"] = "fr"
    assert "[section supprimée]" in client.get(draft_url()).content.decode()


@pytest.mark.django_db
def test_draft_and_phase_two_page_queries_do_not_grow(client_for, django_assert_max_num_queries):
    client = client_for("member")
    synthetic_document_create(sections=300)
    with django_assert_max_num_queries(12):
        client.get(draft_url("synthetic-300"))
    with django_assert_max_num_queries(14):
        client.get(url("section_phase_two", key="section-150", slug="synthetic-300"))
