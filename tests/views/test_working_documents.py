import pytest
from django.urls import reverse

from guidelines.models import WorkingDocument

SLUG = "iscm-guidelines"


def data(**overrides):
    values = {
        "reference": "PC0345E1a",
        "place_date": "Brussels, 1 December 2017.",
        "title": "ISCM",
        "agenda_item": "Item XV on the Agenda",
        "cover_note": "# Background\n\nText.\n\n# Action Requested\n\nNote it.",
        "include_disposition": "on",
        "include_mappings": "on",
    }
    values.update(overrides)
    return values


@pytest.mark.django_db
def test_secretariat_fills_a_working_document(client_for):
    client = client_for("secretariat")
    response = client.post(
        reverse("guidelines:working_document_new", kwargs={"slug": SLUG}), data()
    )
    assert response.status_code == 302
    assert WorkingDocument.objects.filter(reference="PC0345E1a").exists()


@pytest.mark.django_db
def test_reference_must_follow_the_wco_pattern(client_for):
    client = client_for("secretariat")
    response = client.post(
        reverse("guidelines:working_document_new", kwargs={"slug": SLUG}), data(reference="PTC-12")
    )
    html = response.content.decode()
    assert response.status_code == 200 and "e.g. PC0345E1 or PC0345E1a" in html
    assert 'value="PTC-12"' in html  # what was typed is kept


@pytest.mark.django_db
def test_members_cannot_edit_but_can_download(client_for):
    new = reverse("guidelines:working_document_new", kwargs={"slug": SLUG})
    assert client_for("member").post(new, data()).status_code == 403
    working = WorkingDocument.objects.get(reference="PC0999E1")
    pdf = client_for("member").get(
        reverse(
            "guidelines:working_document_export",
            kwargs={"slug": SLUG, "pk": working.pk, "fmt": "pdf"},
        )
    )
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert 'filename="PC0999E1.pdf"' in pdf["Content-Disposition"]
