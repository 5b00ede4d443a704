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
    assert "Not saved: Anna de Vries changed this record" in page
    assert "Duplicate of P1.S4" in page and "My careful note." in page
    mapping.refresh_from_db()
    assert mapping.is_deleted and mapping.note != "My careful note."
    again = form_data(response.content.decode(), url, page_url=url)
    assert again["version"] != stale["version"] and again["note"] == "My careful note."
    assert client.post(url, again).status_code == 302  # on purpose, over the newer change
    mapping.refresh_from_db()
    assert mapping.note == "My careful note."


@pytest.mark.django_db
def test_every_versioned_record_in_the_admin_refuses_a_save_over_a_newer_change(seeded):
    """Two secretariat members edit the same standard: the second is told, nothing is lost."""
    from guidelines.models import Standard

    standard = Standard.objects.order_by("pk").first()
    url = reverse("admin:guidelines_standard_change", args=[standard.pk])
    first, second = login_client("secretariat"), login_client("secretariat")
    mine = form_data(first.get(url).content.decode(), url, page_url=url)
    theirs = form_data(second.get(url).content.decode(), url, page_url=url)
    saved = second.post(url, {**theirs, "title": "Their title", "reason_for_change": "Theirs"})
    assert saved.status_code == 302
    refused = first.post(url, {**mine, "title": "My title", "reason_for_change": "Mine"})
    page = html.unescape(refused.content.decode())
    assert refused.status_code == 200 and "changed this record" in page and "Theirs" in page
    assert "My title" in page  # what I typed is still in the form
    standard.refresh_from_db()
    assert standard.title == "Their title"
