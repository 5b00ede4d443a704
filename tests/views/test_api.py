import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_document_list(client_for):
    data = client_for("observer").get(reverse("guidelines:api_documents")).json()
    [doc] = data["documents"]
    assert doc["slug"] == "iscm-guidelines"
    assert doc["html_url"].endswith("/documents/iscm-guidelines/")
    assert doc["title"] == "Customs Guidelines on Integrated Supply Chain Management"


@pytest.mark.django_db
def test_document_tree_in_reading_order_with_mappings(client_for):
    url = reverse("guidelines:api_document", kwargs={"slug": "iscm-guidelines"})
    data = client_for("member").get(url).json()
    sections = data["sections"]
    assert sections[0]["key"] == "foreword" and sections[0]["number"] == ""
    by_key = {s["key"]: s for s in sections}
    risk = by_key["risk-assessment"]
    assert risk["number"] == "3.5"
    assert risk["parent_key"] == "integrated-customs-control-procedures"
    assert risk["version"] == 1
    assert risk["html_url"].endswith("/documents/iscm-guidelines/sections/risk-assessment/")
    assert {(m["pillar"], m["standard"], m["relation"]) for m in risk["mappings"]} == {
        (1, 4, "implements"), (1, 7, "supports"),
    }  # fmt: skip
    assert set(risk) >= {"key", "number", "heading", "body", "parent_key", "version", "html_url",
                         "mappings"}  # fmt: skip
    numbers = [s["number"] for s in sections]
    assert numbers.index("3") < numbers.index("3.1") < numbers.index("4") < numbers.index("Annex I")


@pytest.mark.django_db
def test_api_needs_login(seeded):
    response = Client().get(reverse("guidelines:api_documents"))
    assert response.status_code == 401  # JSON, never a redirect to the login page
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.django_db
def test_proposals_and_comments_give_the_language_their_text_is_written_in(client_for):
    from guidelines.models import Section, User
    from guidelines.services.comments import comment_create, comment_hide, comment_reply
    from guidelines.services.proposals import proposal_create

    section = Section.objects.get(document__slug="iscm-guidelines", key="seals")
    member = User.objects.get(username="member-au")
    proposal = proposal_create(user=member, section=section, kind="amend",
                               rationale="Parce que « ISO ».", heading=section.heading,
                               body=section.body + " Plus.", language="fr")  # fmt: skip
    thread = comment_create(user=member, section=section, body="Un avis.", language="fr")
    reply = comment_reply(user=member, parent=thread, body="A reply.", language="en")
    hidden = comment_create(user=member, section=section, body="Secret.", language="fr")
    comment_hide(user=User.objects.get(username="secretariat"), comment=hidden, reason="Off")
    client = client_for("observer")

    url = reverse("guidelines:api_proposals", kwargs={"slug": "iscm-guidelines"})
    response = client.get(url)
    assert "« ISO »" in response.content.decode()  # as written, not escaped
    by_id = {p["id"]: p for p in response.json()["proposals"]}
    mine = by_id[proposal.pk]
    assert (mine["language"], mine["rationale"], mine["section_key"]) == (
        "fr", "Parce que « ISO ».", "seals"
    )  # fmt: skip
    assert mine["html_url"].endswith(f"/proposals/{proposal.pk}/")
    assert {p["language"] for p in by_id.values()} == {"en", "fr"}  # the demo ones: English

    url = reverse("guidelines:api_comments", kwargs={"slug": "iscm-guidelines"})
    by_id = {c["id"]: c for c in client.get(url).json()["comments"]}
    assert (by_id[thread.pk]["language"], by_id[thread.pk]["thread"]) == ("fr", None)
    assert (by_id[reply.pk]["language"], by_id[reply.pk]["thread"]) == ("en", thread.pk)
    assert by_id[reply.pk]["html_url"].endswith(f"#comment-{reply.pk}")
    assert by_id[hidden.pk]["body"] == "" and by_id[hidden.pk]["is_hidden"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["api_proposals", "api_comments"])
def test_the_lists_take_a_constant_number_of_queries(
    client_for, name, django_assert_max_num_queries
):
    from guidelines.models import Section, User
    from guidelines.services.comments import comment_create, comment_reply
    from guidelines.services.proposals import proposal_create

    client = client_for("observer")
    url = reverse(f"guidelines:{name}", kwargs={"slug": "iscm-guidelines"})
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
    # thirty more of each, by several authors, in both languages: still the same queries
    authors = list(User.objects.filter(username__in=["member-au", "member-cn"]))
    section = Section.objects.get(key="seals")
    for i in range(30):
        author, language = authors[i % 2], ("en", "fr")[i % 2]
        proposal_create(user=author, section=section, kind="amend", rationale=f"Why {i}",
                        heading=section.heading,
                        body=f"{section.body} More {i}.", language=language)  # fmt: skip
        thread = comment_create(user=author, section=section, body=f"Note {i}", language=language)
        comment_reply(user=authors[(i + 1) % 2], parent=thread, body=f"Answer {i}")
    with django_assert_max_num_queries(8):
        data = client.get(url).json()
    assert len(data[name.removeprefix("api_")]) >= 30
    assert client.get(reverse(f"guidelines:{name}", kwargs={"slug": "nope"})).status_code == 404
