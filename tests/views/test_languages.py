import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_pages_are_served_in_french_when_asked(client_for):
    client = client_for("member")
    url = reverse("guidelines:section_detail", kwargs={"slug": "iscm-guidelines", "key": "seals"})
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Correspondances avec le Cadre SAFE" in html and "Plan" in html
    assert "recoupe / fait double emploi" in html  # model choice labels too


@pytest.mark.django_db
def test_language_switch_is_a_post_that_sticks(client_for):
    client = client_for("observer")
    client.post(reverse("set_language"), {"language": "fr", "next": "/documents/"})
    assert "Se déconnecter" in client.get("/documents/").content.decode()
