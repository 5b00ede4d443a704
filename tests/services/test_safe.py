import pytest
from django.core.exceptions import ValidationError

from guidelines.models import Mapping
from guidelines.services.safe import mapping_create, mapping_remove
from tests.factories import MappingFactory, SectionFactory, StandardFactory


@pytest.mark.django_db
def test_same_section_and_standard_cannot_be_mapped_twice():
    mapping = MappingFactory()
    with pytest.raises(ValidationError):
        mapping_create(section=mapping.section, standard=mapping.standard, relation="implements",
                       user=None, reason="again")  # fmt: skip


@pytest.mark.django_db
def test_removal_is_soft_and_kept_in_history_then_the_pair_can_be_mapped_again():
    mapping = MappingFactory()
    mapping_remove(mapping=mapping, user=None, reason="Not relevant")
    assert Mapping.objects.filter(pk=mapping.pk, is_deleted=True).exists()
    assert [h.history_change_reason for h in mapping.history.order_by("history_id")] == [
        "Test data", "Not relevant",
    ]  # fmt: skip
    again = mapping_create(section=mapping.section, standard=mapping.standard,
                           relation="overlaps", user=None, reason="Remap")  # fmt: skip
    assert again.pk != mapping.pk


@pytest.mark.django_db
def test_relation_must_be_one_of_the_four():
    with pytest.raises(ValidationError):
        mapping_create(section=SectionFactory(), standard=StandardFactory(), relation="likes",
                       user=None, reason="r")  # fmt: skip
