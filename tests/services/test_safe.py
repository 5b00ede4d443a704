import pytest
from django.core.exceptions import ValidationError

from guidelines.models import Mapping
from guidelines.selectors.versions import mappings_version
from guidelines.services.safe import mapping_create, mapping_remove
from guidelines.services.versions import MappingConflict
from tests.factories import MappingFactory, SectionFactory, StandardFactory


@pytest.mark.django_db
def test_same_section_and_standard_cannot_be_mapped_twice():
    mapping = MappingFactory()
    with pytest.raises(ValidationError):
        mapping_create(section=mapping.section, standard=mapping.standard, relation="implements",
                       user=None, reason="again",
                       expected_version=mappings_version(mapping.section))  # fmt: skip


@pytest.mark.django_db
def test_removal_is_soft_and_kept_in_history_then_the_pair_can_be_mapped_again():
    mapping = MappingFactory()
    mapping_remove(mapping=mapping, user=None, reason="Not relevant",
                   expected_version=mappings_version(mapping.section))  # fmt: skip
    assert Mapping.objects.filter(pk=mapping.pk, is_deleted=True).exists()
    assert [h.history_change_reason for h in mapping.history.order_by("history_id")] == [
        "Test data", "Not relevant",
    ]  # fmt: skip
    again = mapping_create(section=mapping.section, standard=mapping.standard,
                           relation="overlaps", user=None, reason="Remap",
                           expected_version=mappings_version(mapping.section))  # fmt: skip
    assert again.pk != mapping.pk


@pytest.mark.django_db
def test_relation_must_be_one_of_the_four():
    section = SectionFactory()
    with pytest.raises(ValidationError):
        mapping_create(section=section, standard=StandardFactory(), relation="likes", user=None,
                       reason="r", expected_version=mappings_version(section))  # fmt: skip


@pytest.mark.django_db
def test_a_mapping_write_on_an_old_token_is_refused_and_writes_nothing():
    mapping = MappingFactory()
    section = mapping.section
    stale = mappings_version(section)
    mapping_create(section=section, standard=StandardFactory(), relation="supports", user=None,
                   reason="Another", expected_version=stale)  # fmt: skip
    rows = Mapping.history.count()
    with pytest.raises(MappingConflict):
        mapping_remove(mapping=mapping, user=None, reason="x", expected_version=stale)
    with pytest.raises(MappingConflict):
        mapping_create(section=section, standard=StandardFactory(), relation="supports",
                       user=None, reason="x", expected_version=stale)  # fmt: skip
    with pytest.raises(MappingConflict):
        mapping_remove(mapping=mapping, user=None, reason="x", expected_version=None)
    assert Mapping.history.count() == rows
    assert Mapping.objects.live().filter(section=section).count() == 2
