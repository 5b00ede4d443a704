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
    assert response.status_code == 302
