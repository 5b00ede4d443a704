import pytest
from django.http import Http404

from guidelines.models import Document
from guidelines.selectors.history import (
    document_activity,
    section_compare,
    section_history,
    version_with_number,
)
from guidelines.selectors.versions import structure_version
from guidelines.services.sections import section_update
from guidelines.services.structure import section_move


@pytest.mark.django_db
def test_history_is_newest_first(seeded):
    doc = Document.objects.get(slug="iscm-guidelines")
    section, versions = section_history(doc, "seals")
    section.heading, section._change_reason = "Seals and sealing", "Clarify heading"
    section.version += 1
    section.save()
    assert [v.version for v in versions.all()] == [2, 1]
    with pytest.raises(Http404):
        section_history(doc, "nope")


@pytest.mark.django_db
def test_compare_any_two_versions_with_heading_and_move(seeded):
    doc = Document.objects.get(slug="iscm-guidelines")
    section, _ = section_history(doc, "seals")
    body = section.body.replace("high-security", "tamper-evident")
    section_update(section=section, heading="Seals", body=body, base_version=1, user=None,
                   reason="Word")  # fmt: skip
    section_update(section=section, heading="Container seals", body=body, base_version=2,
                   user=None, reason="Heading")  # fmt: skip
    section_move(section=section, direction="up", user=None,
                 expected_version=structure_version(section))  # fmt: skip
    v1 = version_with_number(section, 1)
    latest = section.history.order_by("-history_id").first()
    comparison = section_compare(section, v1.history_id, latest.history_id)
    assert comparison.heading_changed and comparison.moved
    words = [s.text.strip() for b in comparison.body.blocks for s in b.segments if s.op != "equal"]
    assert "tamper-evident" in words and "high-security" in words
    with pytest.raises(Http404):
        section_compare(section, v1.history_id, 10**9)


@pytest.mark.django_db
def test_activity_filters_by_person_and_delegation(seeded):
    from guidelines.models import User

    doc = Document.objects.get(slug="iscm-guidelines")
    section, _ = section_history(doc, "seals")
    facilitator = User.objects.get(username="facilitator")
    before = document_activity(doc, delegation="nl").count()  # the demo's accepted proposal
    section_update(section=section, heading="Seals", body="New.", base_version=1,
                   user=facilitator, reason="Edit")  # fmt: skip
    rows = list(document_activity(doc, username="facilitator"))
    assert rows[0].history_change_reason == "Edit"
    assert {r.history_user.username for r in rows} == {"facilitator"}
    assert document_activity(doc, delegation="nl").count() == before + 1
    assert document_activity(doc, delegation="cn").count() == 0
    assert document_activity(doc).count() > 20


def _edit_many(section, times):
    for n in range(times):
        section_update(section=section, heading=section.heading, body=f"{section.body}\n\n{n}.",
                       base_version=section.version, user=None, reason=f"Change {n}")  # fmt: skip
        section.refresh_from_db()


@pytest.mark.django_db
def test_compare_lists_the_latest_changes_between_without_their_text(
    seeded, django_assert_max_num_queries
):

    from guidelines.selectors.history import STEPS_SHOWN

    doc = Document.objects.get(slug="iscm-guidelines")
    section, _ = section_history(doc, "seals")
    v1 = version_with_number(section, 1)
    _edit_many(section, 3)
    latest = section.history.order_by("-history_id").first()
    with django_assert_max_num_queries(3):
        few = section_compare(section, v1.history_id, latest.history_id)
    assert [s.history_change_reason for s in few.steps] == ["Change 0", "Change 1", "Change 2"]
    assert few.earlier_steps == 0 and few.step_count == 3

    _edit_many(section, STEPS_SHOWN + 7)  # 60 changes after version 1
    latest = section.history.order_by("-history_id").first()
    with django_assert_max_num_queries(4):
        many = section_compare(section, v1.history_id, latest.history_id)
    assert len(many.steps) == STEPS_SHOWN and many.step_count == STEPS_SHOWN + 10
    assert many.earlier_steps == 10
    assert many.steps[-1] is many.new and many.steps[-1].version == STEPS_SHOWN + 11
    assert many.steps[0].version == 12  # the oldest listed: versions 2..11 are not
    assert "body" in many.steps[0].get_deferred_fields()  # the text of the rows between
    assert (
        "body" not in many.new.get_deferred_fields()
        and "body" not in many.old.get_deferred_fields()
    )
    assert "60." not in many.old.body and f"{STEPS_SHOWN + 6}." in many.new.body
    # the same versions the other way round: the comparison, no list
    assert section_compare(section, latest.history_id, v1.history_id).steps == ()
