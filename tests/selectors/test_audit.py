"""The audit selector: every source contributes, typed values, filters applied per source."""

import dataclasses

import pytest
from django.test import Client
from django.urls import reverse

from guidelines.exports.files import export_plan
from guidelines.models import Document, User
from guidelines.selectors.audit import AuditEvent, AuditFilters, AuditKind, audit_log
from guidelines.services.exports import export_request


@pytest.mark.django_db
def test_every_kind_of_event_is_in_the_trail(seeded):
    secretariat = User.objects.get(username="secretariat")
    plan = export_plan(document=Document.objects.get(slug="iscm-guidelines"), variant="clean")
    export_request(user=secretariat, plan=plan, filename="draft")
    Client().post(reverse("login"), {"username": "observer", "password": "nope"})
    Client().post(reverse("login"), {"username": "observer", "password": "test-password"})
    events = audit_log(AuditFilters())[:100_000]
    assert all(isinstance(e, AuditEvent) for e in events)
    with pytest.raises(dataclasses.FrozenInstanceError):
        events[0].what = "changed"
    missing = set(AuditKind) - {e.kind for e in events}
    assert not missing, missing
    assert [e.when for e in events] == sorted((e.when for e in events), reverse=True)
    assert len(events) == audit_log(AuditFilters()).count()


@pytest.mark.django_db
def test_a_kind_filter_reads_only_its_sources(seeded, django_assert_max_num_queries):
    log = audit_log(AuditFilters(kind=AuditKind.MILESTONE))
    with django_assert_max_num_queries(2):
        assert log.count() == len(log[:1000])
