import pytest
from django.core.exceptions import ValidationError

from guidelines.services.documents import section_create
from tests.factories import DocumentFactory, SectionFactory


@pytest.mark.django_db
def test_section_key_comes_from_heading_and_is_unique():
    doc = DocumentFactory()
    a = section_create(document=doc, heading="Risk assessment", user=None, reason="r")
    b = section_create(document=doc, heading="Risk assessment", user=None, reason="r")
    assert (a.key, b.key) == ("risk-assessment", "risk-assessment-2")


@pytest.mark.django_db
def test_new_sections_go_last_among_siblings():
    doc = DocumentFactory()
    parent = section_create(document=doc, heading="Chapter", kind="chapter", user=None, reason="r")
    first = section_create(document=doc, heading="A", parent=parent, user=None, reason="r")
    second = section_create(document=doc, heading="B", parent=parent, user=None, reason="r")
    assert second.position == first.position + 1


@pytest.mark.django_db
def test_parent_from_another_document_is_refused():
    other = SectionFactory()
    with pytest.raises(ValueError):
        section_create(document=DocumentFactory(), heading="X", parent=other, user=None, reason="r")


@pytest.mark.django_db
def test_duplicate_key_is_a_validation_error():
    doc = DocumentFactory()
    section_create(document=doc, heading="A", key="same", user=None, reason="r")
    with pytest.raises(ValidationError):
        section_create(document=doc, heading="B", key="same", user=None, reason="r")
