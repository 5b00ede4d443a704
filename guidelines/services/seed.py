"""Reference and demo data from ``fixtures/``: idempotent, so running it twice adds nothing."""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from ..models import Delegation, Document, Mapping, Pillar, Section, Standard, User
from ..rendering.reasons import SEED_REASON
from ..selectors.versions import mappings_version
from .accounts import account_save
from .documents import document_create, section_create
from .history import save_versioned
from .roles import roles_sync
from .safe import mapping_create, pillar_upsert, standard_upsert

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DEFAULT_DEMO_PASSWORD = "iscm-demo-2017"


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, count: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + count


# A line that starts a Markdown block of its own: list item, table row, heading, quote, fence.
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\||#|>|```|~~~)")


def unwrap_paragraphs(text: str) -> str:
    """The fixture's bodies are wrapped at ~90 columns for reading in YAML; in the editor
    (which wraps softly) a paragraph should be one line. Joins a line to the one before it
    when both are paragraph text; lists, tables, headings, quotes, code and hard breaks
    (two trailing spaces or a backslash) are left as they are. Renders to the same HTML, up
    to whitespace (tests/services/test_seed.py)."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            out.append(line)
            continue
        previous = out[-1] if out else ""
        joinable = (
            not fenced
            and line.strip()
            and previous.strip()
            and not _BLOCK_START.match(line)
            and not previous.lstrip().startswith(("|", "#", "```", "~~~"))
            and not previous.endswith(("  ", "\\"))
        )
        if joinable:
            out[-1] = f"{previous.rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def load_fixture(name: str) -> dict:
    with open(FIXTURES / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def seed_safe_framework(report: SeedReport, data: dict | None = None) -> None:
    data = data or load_fixture("safe_fos.yaml")
    for pillar_data in data["pillars"]:
        existed = Pillar.objects.filter(number=pillar_data["number"]).exists()
        pillar = pillar_upsert(
            number=pillar_data["number"],
            title=pillar_data["title"],
            added_in=pillar_data.get("added"),
            verified=bool(pillar_data.get("verified", False)),
            user=None,
            reason=SEED_REASON,
        )
        report.add("pillars", 0 if existed else 1)
        for std in pillar_data.get("standards", []):
            existed = Standard.objects.filter(pillar=pillar, number=std["number"]).exists()
            standard_upsert(
                pillar=pillar,
                number=std["number"],
                title=std["title"],
                tier=std.get("tier", ""),
                user=None,
                reason=SEED_REASON,
            )
            report.add("standards", 0 if existed else 1)


def seed_delegations_and_users(report: SeedReport, password: str) -> None:
    data = load_fixture("delegations.yaml")
    roles_sync()
    delegations = {}
    for item in data["delegations"]:
        delegation = Delegation.objects.filter(code=item["code"]).first()
        if delegation is None:
            delegation = save_versioned(
                Delegation(code=item["code"], name=item["name"], kind=item["kind"]),
                user=None,
                reason=SEED_REASON,
            )
            report.add("delegations")
        delegations[item["code"]] = delegation
    for item in data["users"]:
        user = User.objects.filter(username=item["username"]).first()
        if user is None:
            user = User(username=item["username"])
            report.add("users")
        user.first_name, user.last_name = item["first_name"], item["last_name"]
        user.email = f"{item['username']}@example.org"
        user.delegation = delegations[item["delegation"]]
        if not user.check_password(password):
            user.set_password(password)
        # recorded only if something changed; staff status follows the secretariat role
        account_save(user=user, role=item["role"], by=None, reason=SEED_REASON)


def _standards_by_code() -> dict[tuple[int, int], Standard]:
    return {(s.pillar.number, s.number): s for s in Standard.objects.select_related("pillar").all()}


def seed_guidelines(report: SeedReport) -> Document:
    data = load_fixture("iscm_guidelines.yaml")
    doc = data["document"]
    document = Document.objects.filter(slug=doc["slug"]).first()
    if document is None:
        document = document_create(
            slug=doc["slug"], title=doc["title"], description=doc.get("description", ""),
            title_fr=doc.get("title_fr", ""), description_fr=doc.get("description_fr", ""),
            user=None, reason=SEED_REASON,
        )  # fmt: skip
        report.add("documents")
    elif doc.get("title_fr") and not document.title_fr:
        # a database seeded before documents had a French title gets it, once
        document.title_fr, document.description_fr = doc["title_fr"], doc.get("description_fr", "")
        save_versioned(document, user=None, reason=SEED_REASON)
    existing = {s.key: s for s in Section.objects.filter(document=document)}
    standards = _standards_by_code()
    mapped = set(
        Mapping.objects.live()
        .filter(section__document=document)
        .values_list("section_id", "standard_id")
    )

    def walk(items: list[dict], parent: Section | None) -> None:
        for position, item in enumerate(items):
            section = existing.get(item["key"])
            if section is None:
                section = section_create(
                    document=document,
                    parent=parent,
                    position=position,
                    key=item["key"],
                    kind=item.get("kind", "section"),
                    heading=item["heading"],
                    body=unwrap_paragraphs(item.get("body", "").strip()),
                    user=None,
                    reason=SEED_REASON,
                )
                existing[section.key] = section
                report.add("sections")
            for pillar_no, standard_no, relation, note in item.get("mappings", []):
                standard = standards[(pillar_no, standard_no)]
                if (section.pk, standard.pk) not in mapped:
                    mapped.add((section.pk, standard.pk))
                    mapping_create(
                        section=section, standard=standard, relation=relation, note=note or "",
                        user=None, reason=SEED_REASON,
                        expected_version=mappings_version(section),  # no page: as it is now
                    )  # fmt: skip
                    report.add("mappings")
            walk(item.get("children", []), section)

    walk(data["sections"], None)
    return document


def seed_framework_text(report: SeedReport) -> None:
    """The demo text of the SAFE Framework (fixtures/safe_framework_text.yaml), through the
    import: idempotent, a second run finds every text unchanged."""
    from ..imports.framework import parse_framework
    from .framework import framework_import

    data = (FIXTURES / "safe_framework_text.yaml").read_bytes()
    parsed = parse_framework(data, filename="safe_framework_text.yaml")
    counts = framework_import(parsed=parsed, user=None, reason=SEED_REASON)
    report.add("framework texts", counts.created)


def seed_demo(*, password: str = DEFAULT_DEMO_PASSWORD, synthetic_sections: int = 0) -> SeedReport:
    """Load SAFE reference data, delegations, demo users and the demo Guidelines."""
    from .demo_activity import (
        seed_demo_comments,
        seed_demo_milestone,
        seed_demo_proposals,
        seed_demo_round,
        seed_demo_working_document,
    )
    from .demo_phase_two import seed_demo_dispositions
    from .demo_translations import seed_demo_translations
    from .overlaps import overlaps_recompute, overlaps_suspended
    from .search_index import indexing_deferred, rebuild_all
    from .synthetic import synthetic_document_create

    report = SeedReport()
    # The demo is indexed for search and compared by the finder in bulk once it is written, not
    # save by save.
    with overlaps_suspended(), transaction.atomic(), indexing_deferred():
        seed_safe_framework(report)
        seed_framework_text(report)
        seed_delegations_and_users(report, password)
        document = seed_guidelines(report)
        seed_demo_translations(document, report)  # before the proposals: one makes FR stale
        seed_demo_milestone(document, report)
        seed_demo_proposals(document, report)
        seed_demo_dispositions(document, report)
        seed_demo_comments(document, report)
        seed_demo_round(document, report)
        seed_demo_working_document(document, report)
    rebuild_all(document=document)
    if synthetic_sections:
        with overlaps_suspended():
            synthetic = synthetic_document_create(sections=synthetic_sections, report=report)
        rebuild_all(document=synthetic)  # made in bulk, without the saves that index
        overlaps_recompute(document=synthetic)
    overlaps_recompute(document=document)
    return report


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, role, delegation) of the demo users, for the start-up banner."""
    data = load_fixture("delegations.yaml")
    names = {d["code"]: d["name"] for d in data["delegations"]}
    return [(u["username"], u["role"], names[u["delegation"]]) for u in data["users"]]
