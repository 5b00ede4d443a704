"""The document endpoints: ETag/Last-Modified/304, ?milestone=, pagination, filters, aliases."""

import pytest

from guidelines.models import Document, Milestone, Section, User
from guidelines.selectors.versions import structure_version
from guidelines.services.milestones import milestone_create
from guidelines.services.sections import section_update
from guidelines.services.structure import section_insert
from tests.api.conftest import SLUG, doc, v1


def _edit(key: str, **changes):
    section = Section.objects.get(document__slug=SLUG, key=key)
    section_update(section=section, heading=changes.get("heading", section.heading),
                   body=changes.get("body", section.body), base_version=section.version,
                   user=User.objects.get(username="facilitator"), reason="test")  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("url", [doc(), doc("sections/seals/")])
def test_etag_last_modified_and_304(client_for, url):
    client = client_for("observer")
    first = client.get(url)
    etag = first["ETag"]
    assert first.status_code == 200 and etag.startswith('W/"')
    assert first["Last-Modified"] and "private" in first["Cache-Control"]
    assert "Authorization" in first["Vary"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH=f'"x", {etag}').status_code == 304
    for garbage in ("garbage", '"', "W/", "*/*", "\u00e9\u202e", "x" * 5000, '"abc"'):
        assert client.get(url, HTTP_IF_NONE_MATCH=garbage).status_code == 200, garbage
    _edit("risk-assessment", body="Changed.")  # anywhere in the document: the numbers may move
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


@pytest.mark.django_db
def test_a_new_section_before_changes_the_sections_etag_and_number(client_for):
    client = client_for("observer")
    url = doc("sections/risk-assessment/")
    first = client.get(url)
    anchor = Section.objects.get(document__slug=SLUG, key="risk-assessment")
    section_insert(anchor=anchor, document=anchor.document, where="before", heading="New",
                   body="", user=User.objects.get(username="facilitator"), reason="test",
                   expected_version=structure_version(anchor))  # fmt: skip
    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert (first.json()["number"], second.json()["number"]) == ("3.5", "3.6")


@pytest.mark.django_db
def test_the_document_as_of_a_milestone(client_for):
    client = client_for("observer")
    document = Document.objects.get(slug=SLUG)
    facilitator = User.objects.get(username="facilitator")
    milestone = milestone_create(document=document, name="Before the test", user=facilitator)
    before = client.get(doc()).json()
    _edit("seals", heading="Seals renamed")
    now = client.get(doc()).json()
    then = client.get(doc(), {"milestone": milestone.pk})
    data = then.json()
    heading = {s["key"]: s["heading"] for s in data["sections"]}["seals"]
    assert (
        heading == {s["key"]: s["heading"] for s in before["sections"]}["seals"] != "Seals renamed"
    )
    assert {s["key"]: s["heading"] for s in now["sections"]}["seals"] == "Seals renamed"
    assert data["milestone"] == milestone.pk and now["milestone"] is None
    assert [s["number"] for s in data["sections"]] == [s["number"] for s in before["sections"]]
    # a milestone never changes: its ETag stays, whatever happens to the text
    assert client.get(doc(), {"milestone": milestone.pk},
                      HTTP_IF_NONE_MATCH=then["ETag"]).status_code == 304  # fmt: skip
    assert then["ETag"] != client.get(doc())["ETag"]
    # another document's milestone is not this document's
    milestones = client.get(doc("milestones/")).json()["milestones"]
    assert milestone.pk in {m["id"] for m in milestones}
    listed = next(m for m in milestones if m["id"] == milestone.pk)
    assert listed["api_url"].endswith(f"?milestone={milestone.pk}")
    assert client.get(listed["api_url"]).status_code == 200
    assert Milestone.objects.filter(document=document).count() == len(milestones)


@pytest.mark.django_db
def test_a_milestone_gives_each_section_its_own_mappings(client_for):
    """At a milestone the tree holds rows of history, whose pk is not the section's id: the
    mappings are the section's, not none (or another section's) once a section was edited."""
    client = client_for("observer")
    document = Document.objects.get(slug=SLUG)
    for key in ("seals", "risk-assessment"):
        _edit(key, heading=f"{key} renamed")  # history rows whose ids are not the sections'
    milestone = milestone_create(document=document, name="After edits", user=User.objects.get(
        username="facilitator"))  # fmt: skip
    now = client.get(doc()).json()["sections"]
    then = client.get(doc(), {"milestone": milestone.pk}).json()["sections"]
    assert any(s["mappings"] for s in now)
    assert {s["key"]: s["mappings"] for s in then} == {s["key"]: s["mappings"] for s in now}


@pytest.mark.django_db
def test_pagination_gives_count_and_links(client_for):
    from guidelines.services.comments import comment_create

    member = User.objects.get(username="member-au")
    section = Section.objects.get(document__slug=SLUG, key="seals")
    for i in range(7):
        comment_create(user=member, section=section, body=f"Note {i}")
    client = client_for("observer")
    total = client.get(doc("comments/")).json()["count"]
    seen, url, pages = [], doc("comments/") + "?page_size=3", 0
    while url:
        data = client.get(url).json()
        assert data["count"] == total and len(data["comments"]) <= 3
        if pages:
            assert data["previous"]
        seen += [c["id"] for c in data["comments"]]
        url, pages = data["next"], pages + 1
    assert len(seen) == len(set(seen)) == total and pages == -(-total // 3)
    first = client.get(doc("comments/"), {"page_size": 3}).json()
    assert first["previous"] is None and "page=2" in first["next"]
    beyond = client.get(doc("comments/"), {"page": 999}).json()
    assert beyond["comments"] == [] and beyond["next"] is None


@pytest.mark.django_db
def test_proposals_filter_by_status_and_section(client_for):
    client = client_for("observer")
    every = client.get(doc("proposals/")).json()["proposals"]
    statuses = {p["status"] for p in every}
    for status in statuses:
        data = client.get(doc("proposals/"), {"status": status}).json()
        assert data["count"] == sum(p["status"] == status for p in every)
        assert {p["status"] for p in data["proposals"]} == {status}
    key = every[0]["section_key"]
    data = client.get(doc("proposals/"), {"section": key}).json()
    assert data["count"] == sum(p["section_key"] == key for p in every) > 0
    assert client.get(doc("proposals/"), {"section": "no-such"}).json()["count"] == 0


@pytest.mark.django_db
def test_the_old_paths_answer_the_same_json(client_for):
    client = client_for("observer")
    for old, new in [("/api/documents/", v1("documents/")), (f"/api/documents/{SLUG}/", doc()),
                     (f"/api/documents/{SLUG}/proposals/", doc("proposals/")),
                     (f"/api/documents/{SLUG}/comments/", doc("comments/"))]:  # fmt: skip
        response = client.get(old)
        assert response.status_code == 200  # not a redirect
        assert response.json() == client.get(new).json()


@pytest.mark.django_db
def test_parity_says_which_translations_are_up_to_date(client_for):
    data = client_for("facilitator").get(doc("translations/fr/")).json()
    assert data["language"] == "fr" and sum(data["totals"].values()) == len(data["sections"])
    assert set(data["totals"]) == {"up_to_date", "out_of_date", "missing"}
    assert {s["state"] for s in data["sections"]} <= set(data["totals"])


@pytest.mark.django_db
@pytest.mark.parametrize("url", [doc(), doc("sections/seals/"), doc("proposals/"),
                                 doc("comments/"), doc("milestones/")])  # fmt: skip
def test_query_counts_do_not_grow_with_the_data(client_for, url, django_assert_max_num_queries):
    from guidelines.services.comments import comment_create
    from guidelines.services.proposals import proposal_create

    client = client_for("observer")
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
    member = User.objects.get(username="member-au")
    section = Section.objects.get(document__slug=SLUG, key="seals")
    for i in range(10):
        proposal_create(user=member, section=section, kind="amend", rationale=f"Why {i}",
                        heading=section.heading, body=f"{section.body} {i}.")  # fmt: skip
        comment_create(user=member, section=section, body=f"Note {i}")
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def _numbers(response) -> dict:
    data = response.json()
    return {s["key"]: s["number"] for s in data.get("sections", [data])}


@pytest.mark.django_db
@pytest.mark.parametrize("url", [doc(), doc("sections/seals/")])
def test_moving_a_section_changes_the_etag(client_for, url):
    """Moving saves only the positions (a bulk update): the ETag must follow it all the same."""
    from guidelines.services.structure import section_move

    client = client_for("observer")
    first = client.get(url)
    seals = Section.objects.get(document__slug=SLUG, key="seals")
    section_move(section=seals, direction="up", user=User.objects.get(username="facilitator"),
                 expected_version=structure_version(seals), reason="test")  # fmt: skip
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and _numbers(again) != _numbers(first)
    assert again["ETag"] != first["ETag"]


@pytest.mark.django_db
def test_renaming_a_mapped_standard_changes_the_etag(client_for):
    from guidelines.models import Mapping
    from guidelines.services.history import save_versioned

    client = client_for("observer")
    mapping = Mapping.objects.filter(section__document__slug=SLUG).select_related("standard")[0]
    first = client.get(doc())
    standard = mapping.standard
    standard.title = "A renamed standard"
    save_versioned(standard, user=User.objects.get(username="secretariat"), reason="test")
    again = client.get(doc(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "A renamed standard" in {m["standard_title"] for s in again.json()["sections"]
                                    for m in s["mappings"]}  # fmt: skip


@pytest.mark.django_db
def test_renaming_the_document_changes_a_milestones_etag(client_for):
    from guidelines.services.history import save_versioned

    client = client_for("observer")
    document = Document.objects.get(slug=SLUG)
    milestone = milestone_create(document=document, name="M",
                                 user=User.objects.get(username="facilitator"))  # fmt: skip
    url = doc() + f"?milestone={milestone.pk}"
    first = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    document.title = "A renamed document"
    save_versioned(document, user=User.objects.get(username="secretariat"), reason="test")
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again.json()["title"] == "A renamed document"


@pytest.mark.django_db
def test_if_modified_since_gives_304(client_for):
    """Last-Modified is in whole seconds, as the header can say it."""
    client = client_for("observer")
    first = client.get(doc())
    again = client.get(doc(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304 and again.content == b""


@pytest.mark.django_db
def test_renaming_a_standard_changes_a_milestones_etag(client_for):
    """A milestone's mappings name the standards as they are now."""
    from guidelines.models import Mapping
    from guidelines.services.history import save_versioned

    client = client_for("observer")
    document = Document.objects.get(slug=SLUG)
    milestone = milestone_create(document=document, name="M",
                                 user=User.objects.get(username="facilitator"))  # fmt: skip
    url = doc() + f"?milestone={milestone.pk}"
    first = client.get(url)
    standard = Mapping.objects.filter(section__document=document)[0].standard
    standard.title = "A renamed standard"
    save_versioned(standard, user=User.objects.get(username="secretariat"), reason="test")
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.django_db
def test_deleting_and_restoring_a_section_change_the_etag(client_for):
    from guidelines.services.structure import section_delete, section_restore

    client = client_for("observer")
    facilitator = User.objects.get(username="facilitator")
    seen = [client.get(doc())["ETag"]]
    seals = Section.objects.get(document__slug=SLUG, key="seals")
    section_delete(section=seals, user=facilitator, reason="test",
                   expected_version=structure_version(seals))  # fmt: skip
    seen.append(client.get(doc(), HTTP_IF_NONE_MATCH=seen[-1])["ETag"])
    seals.refresh_from_db()
    section_restore(section=seals, user=facilitator, expected_version=structure_version(seals))
    seen.append(client.get(doc(), HTTP_IF_NONE_MATCH=seen[-1])["ETag"])
    assert len(set(seen)) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("at_milestone", [False, True])
def test_the_document_is_what_its_schema_says_though_built_without_validation(
    client_for, at_milestone
):
    """The endpoint hands django-ninja schema instances built with ``model_construct``: the
    JSON must still be exactly what validating it against ``DocumentOut`` gives."""
    from guidelines.api.schemas import DocumentOut

    url = doc()
    if at_milestone:
        document = Document.objects.get(slug=SLUG)
        facilitator = User.objects.get(username="facilitator")
        url += f"?milestone={milestone_create(document=document, name='S', user=facilitator).pk}"
    data = client_for("observer").get(url).json()
    assert DocumentOut.model_validate(data).model_dump(mode="json") == data
    assert any(s["mappings"] for s in data["sections"])
    assert all(s["html_url"].startswith("http://testserver/documents/") for s in data["sections"])
