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


@pytest.mark.django_db
def test_consultation_rounds_and_declarations_are_in_the_trail(seeded):
    """The demo round (opened by the facilitator) and Australia's "no comments" declaration."""
    events = audit_log(AuditFilters(kind=AuditKind.ROUND))[:100]
    opened = [e for e in events if e.what.startswith("Consultation round")]
    declared = [e for e in events if "No comments" in e.what]
    assert opened and opened[-1].who == "Anna de Vries"
    assert "invited" in opened[-1].why and "/rounds/" in opened[-1].link
    assert declared and "Australia" in declared[0].what and "/rounds/" in declared[0].link
