"""A draft edited in every way a redline must show, through the same services as the browser:
words, a table cell and rows, a list item, a heading, a new section in four scripts, a deleted
section with a child, a moved section, renumbering, a proposal accepted then edited directly."""

from dataclasses import dataclass

from guidelines.models import Document, Milestone, Section, User
from guidelines.selectors.versions import structure_version
from guidelines.services.documents import document_create, section_create
from guidelines.services.milestones import milestone_create
from guidelines.services.proposals import proposal_accept, proposal_create
from guidelines.services.sections import section_update
from guidelines.services.structure import section_delete, section_insert, section_place

TABLE = (
    "| Term | Meaning |\n|---|---|\n| AEO | Authorized Economic Operator |\n"
    "| UCR | Unique Consignment Reference |\n| SAFE | Framework of Standards |"
)
NEW_TABLE = (
    "| Term | Meaning |\n|---|---|\n| AEO | Authorised Economic Operator |\n"
    "| ACI | Advance Cargo Information |\n| UCR | Unique Consignment Reference |"
)
MIXED = (
    "| Pays | Contrôle |\n|---|---|\n| Việt Nam | Hải quan |\n\n"
    "Données sécurisées et contrôles coordonnés.\n\nТаможенный контроль на границе.\n\n"
    "Hải quan Việt Nam kiểm tra hàng hóa.\n\n海关监管货物的风险评估。"
)

AWKWARD = (
    "Footnoted[^1] text with a hard break  \nafter it, and a long word "
    + "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
    + ".\n\n- one\n    - nested **bold**\n        1. deeper\n- two\n\n"
    "שלום עולם, مرحبا بالعالم 🚢\n\n> A quotation.\n\n[^1]: The note."
)


@dataclass
class Scenario:
    document: Document
    before: Milestone
    sections: dict[str, Section]
    facilitator: User
    member: User


def _section(document, heading, body, *, parent=None, kind="section", user):
    return section_create(
        document=document, heading=heading, body=body, kind=kind, parent=parent, user=user,
        reason="Drafted",
    )  # fmt: skip


def _edit(section, user, body=None, heading=None, reason="Edited"):
    section.refresh_from_db()
    return section_update(
        section=section,
        heading=heading if heading is not None else section.heading,
        body=body if body is not None else section.body,
        base_version=section.version,
        user=user,
        reason=reason,
    ).section


def build() -> Scenario:
    """Needs the demo users (the ``seeded`` fixture)."""
    facilitator = User.objects.get(username="facilitator")
    member = User.objects.get(username="member-au")
    document = document_create(slug="redline-test", title="Redline test", user=facilitator,
                               reason="Test")  # fmt: skip
    s = {}
    s["foreword"] = _section(document, "Foreword", "An unchanged opening paragraph.",
                             kind="front", user=facilitator)  # fmt: skip
    s["summary"] = _section(
        document,
        "Summary",
        "Customs should assess risk before loading, as agreed.\nThe line wraps here.\n\n"
        "Seals are checked at (the relevant) border.",
        user=facilitator,
    )
    s["terms"] = _section(document, "Terms", f"The terms used:\n\n{TABLE}", user=facilitator)
    s["steps"] = _section(document, "Steps", "In order:\n\n- export\n- import", user=facilitator)
    s["procedures"] = _section(document, "Procedures", "Three kinds.", user=facilitator)
    s["export"] = _section(document, "Export", "Declaration first.", parent=s["procedures"],
                           user=facilitator)  # fmt: skip
    transit = "| Check | Where |\n|---|---|\n| Seal | Border |\n\nSeals are kept."
    s["transit"] = _section(document, "Transit", transit, parent=s["procedures"],
                            user=facilitator)  # fmt: skip
    s["transit-note"] = _section(document, "Transit note", "A note on transit.",
                                 parent=s["transit"], user=facilitator)  # fmt: skip
    s["import"] = _section(document, "Import", "Release on arrival.", parent=s["procedures"],
                           user=facilitator)  # fmt: skip
    s["seals"] = _section(document, "Seals", "High-security mechanical seals.", user=facilitator)
    s["notes"] = _section(document, "Notes", AWKWARD, user=facilitator)
    s["annex"] = _section(document, "Data elements", "See the WCO Data Model.", kind="annex",
                          user=facilitator)  # fmt: skip
    before = milestone_create(document=document, name="Draft 1", user=facilitator)

    # A proposal from Australia, accepted, then a direct edit by the facilitator (Netherlands).
    summary = Section.objects.get(pk=s["summary"].pk)
    proposal = proposal_create(
        user=member,
        section=summary,
        kind="amend",
        rationale="Clearer outside the maritime context.",
        heading=summary.heading,
        body=summary.body.replace("before loading", "before goods are loaded"),
    )
    proposal_accept(proposal=proposal, user=facilitator, expected_version=summary.version)
    _edit(
        s["summary"],
        facilitator,
        body=Section.objects.get(pk=s["summary"].pk)
        .body.replace("Seals are checked", "High-security seals are checked")
        .replace("(the relevant) ", "(the) "),
    )
    _edit(s["terms"], facilitator, body=f"The terms used:\n\n{NEW_TABLE}")
    _edit(s["steps"], facilitator, body="In order:\n\n- export\n- transit\n- import",
          heading="Steps of the procedure")  # fmt: skip
    section_insert(anchor=s["import"], document=document, where="after", heading="Nouvelle étape",
                   body=MIXED, user=facilitator, reason="Added",
                   expected_version=structure_version(s["import"]))  # fmt: skip
    _edit(s["notes"], facilitator, body=AWKWARD.replace("nested", "deeply nested").replace(
        "The note.", "The revised note.").replace("🚢", "🚢📦"))  # fmt: skip
    section_delete(section=s["transit"], user=facilitator, reason="Covered elsewhere",
                   expected_version=structure_version(s["transit"]))  # fmt: skip
    section_place(section=s["seals"], target=s["summary"], where="after", user=facilitator,
                  reason="Seals belong with the summary",
                  expected_version=structure_version(s["seals"], target=s["summary"]))  # fmt: skip
    return Scenario(document, before, s, facilitator, member)
