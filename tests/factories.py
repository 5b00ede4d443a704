"""Factories that write through the same versioned path as the services (with a reason)."""

import factory
from django.contrib.auth.models import Group

from guidelines.models import Delegation, Document, Mapping, Pillar, Section, Standard, User
from guidelines.services.history import save_versioned


class VersionedFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return save_versioned(model_class(*args, **kwargs), user=None, reason="Test data")


class DelegationFactory(VersionedFactory):
    class Meta:
        model = Delegation

    code = factory.Sequence(lambda n: f"d{n}")
    name = factory.Sequence(lambda n: f"Delegation {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    delegation = factory.SubFactory(DelegationFactory)
    password = factory.PostGenerationMethodCall("set_password", "pw")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            group, _ = Group.objects.get_or_create(name=extracted)
            self.groups.add(group)
        if create:
            self.save()


class DocumentFactory(VersionedFactory):
    class Meta:
        model = Document

    slug = factory.Sequence(lambda n: f"doc-{n}")
    title = factory.Sequence(lambda n: f"Document {n}")


class SectionFactory(VersionedFactory):
    class Meta:
        model = Section

    document = factory.SubFactory(DocumentFactory)
    key = factory.Sequence(lambda n: f"section-{n}")
    heading = factory.Sequence(lambda n: f"Heading {n}")
    body = "Some text."
    kind = "section"
    position = factory.Sequence(lambda n: n)


class PillarFactory(VersionedFactory):
    class Meta:
        model = Pillar

    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Pillar title {n}")


class StandardFactory(VersionedFactory):
    class Meta:
        model = Standard

    pillar = factory.SubFactory(PillarFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Standard title {n}")


class MappingFactory(VersionedFactory):
    class Meta:
        model = Mapping

    section = factory.SubFactory(SectionFactory)
    standard = factory.SubFactory(StandardFactory)
    relation = "supports"
