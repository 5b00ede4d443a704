import pytest

from guidelines.models import Document, Section, User
from guidelines.selectors.versions import (
    decision_versions,
    mapping_changes_since,
    mappings_version,
    split_token,
    structure_changes_since,
    structure_version,
    structure_versions,
    text_changes_since,
)
from guidelines.services.proposals import proposal_create
from guidelines.services.safe import mapping_remove
from guidelines.services.sections import section_update
from guidelines.services.structure import section_indent, section_move


def s(key):
    return Section.objects.get(document__slug="iscm-guidelines", key=key)


def u(name):
    return User.objects.get(username=name)


@pytest.mark.django_db
def test_tokens_of_several_sections_at_once_are_the_single_tokens(seeded):
    document = Document.objects.get(slug="iscm-guidelines")
    keys = ("seals", "risk-assessment", "foreword")
    together = structure_versions(document.pk, [s(k).pk for k in keys])
    assert together == {s(k).pk: structure_version(s(k)) for k in keys}
    assert split_token("12.abc") == (12, "abc") and split_token("junk") == (None, "")
    assert split_token(None) == (None, "")


@pytest.mark.django_db
def test_structure_changes_since_lists_moves_at_the_level_once_each(seeded):
    seals = s("seals")
    token = structure_version(seals)
    section_update(section=seals, heading="Seals", body="Text only.", base_version=1,
                   user=u("facilitator"), reason="Not a move")  # fmt: skip
    elsewhere = s("it-systems")
    section_move(section=elsewhere, direction="up", user=u("facilitator"),
                 expected_version=structure_version(elsewhere))  # fmt: skip
    ucr = s("unique-consignment-reference")
    section_move(section=ucr, direction="up", user=u("secretariat"),
                 expected_version=structure_version(ucr))  # fmt: skip
    section_indent(section=s("seals"), user=u("secretariat"), reason="Under UCR",
                   expected_version=structure_version(s("seals")))  # fmt: skip
    changes = structure_changes_since(s("seals"), token)
    assert [(c.who, c.reason) for c in changes] == [
        ("Claire Dubois", "Moved up: Unique Consignment Reference"),
        ("Claire Dubois", "Under UCR"),
    ]
    assert structure_changes_since(seals, "tampered") == []


@pytest.mark.django_db
def test_mapping_and_text_changes_since(seeded):
    section = s("seals")
    token = mappings_version(section)
    mapping = section.mappings.get()
    mapping_remove(mapping=mapping, user=u("secretariat"), reason="Duplicate",
                   expected_version=token)  # fmt: skip
    [change] = mapping_changes_since(section, token)
    assert (change.who, change.reason) == ("Claire Dubois", "Duplicate")
    assert change.what == f"{mapping.standard.code} (overlaps / duplicates), removed"
    section_update(section=section, heading="Seals", body="New.", base_version=1,
                   user=u("secretariat"), reason="Shorter")  # fmt: skip
    assert [c.reason for c in text_changes_since(section, 1)] == ["Shorter"]


@pytest.mark.django_db
def test_an_accept_form_carries_what_its_kind_needs(seeded):
    section = s("seals")
    kinds = {
        "amend": {"heading": "Seals", "body": "Other."},
        "delete": {},
        "map_add": {"standard": s("risk-assessment").mappings.first().standard,
                    "relation": "supports"},
    }  # fmt: skip
    carried = {
        kind: set(decision_versions(proposal_create(user=u("member-au"), section=section,
                                                    kind=kind, rationale="r", **extra), section))
        for kind, extra in kinds.items()
    }  # fmt: skip
    assert carried == {
        "amend": {"section_version"},
        "delete": {"section_version", "structure_version"},
        "map_add": {"section_version", "mappings_version"},
    }
