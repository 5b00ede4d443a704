import pytest

from guidelines.models import Document, Pillar
from guidelines.services.documents import document_create, section_create
from guidelines.services.safe import pillar_upsert
from guidelines.signals import MissingChangeReason
from tests.factories import UserFactory


@pytest.mark.django_db
def test_every_version_records_who_when_and_why():
    user = UserFactory()
    doc = document_create(slug="d", title="D", user=user, reason="Start the draft")
    section = section_create(document=doc, heading="Scope", user=user, reason="Add scope")
    row = section.history.get()
    assert row.history_user == user
    assert row.history_change_reason == "Add scope"
    assert row.history_date is not None
    assert row.version == 1


@pytest.mark.django_db
def test_a_save_without_reason_is_refused_even_outside_services():
    with pytest.raises(MissingChangeReason):
        Document.objects.create(slug="x", title="X")
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_service_requires_a_reason():
    with pytest.raises(ValueError):
        document_create(slug="d", title="D", user=None, reason="  ")


@pytest.mark.django_db
def test_unchanged_upsert_writes_no_history_row():
    pillar_upsert(number=1, title="Customs-to-Customs", user=None, reason="load")
    pillar_upsert(number=1, title="Customs-to-Customs", user=None, reason="load again")
    assert Pillar.history.count() == 1
    pillar_upsert(number=1, title="Customs to Customs", user=None, reason="fix title")
    assert Pillar.history.count() == 2
