"""The secretariat's admin: a mapping change over a newer one is refused, typed values kept."""

import html

import pytest
from django.urls import reverse

from guidelines.models import Mapping, User
from guidelines.selectors.versions import mappings_version
from guidelines.services.safe import mapping_remove
from tests.conftest import login_client
from tests.views.page_forms import form_data


@pytest.mark.django_db
def test_a_mapping_changed_since_the_admin_form_was_opened_is_not_overwritten(seeded):
    mapping = Mapping.objects.filter(section__key="seals").first()
    url = reverse("admin:guidelines_mapping_change", args=[mapping.pk])
    client = login_client("secretariat")
    stale = form_data(client.get(url).content.decode(), url, page_url=url)
    assert stale["version"]
    mapping_remove(mapping=mapping, user=User.objects.get(username="facilitator"),
                   reason="Duplicate of P1.S4",
                   expected_version=mappings_version(mapping.section))  # fmt: skip
    typed = {**stale, "note": "My careful note.", "reason_for_change": "Clarify the note"}
    response = client.post(url, typed)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Not saved: Anna de Vries changed this mapping" in page
    assert "Duplicate of P1.S4" in page and "My careful note." in page
    mapping.refresh_from_db()
    assert mapping.is_deleted and mapping.note != "My careful note."
    again = form_data(response.content.decode(), url, page_url=url)
    assert again["version"] != stale["version"] and again["note"] == "My careful note."
    assert client.post(url, again).status_code == 302  # on purpose, over the newer change
    mapping.refresh_from_db()
    assert mapping.note == "My careful note."
