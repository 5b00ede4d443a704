"""One document and everything of it as a plain, JSON-able dict (the backup file's content).

Rows are written field by field from the models' own metadata, so a field added later is
carried without touching this module. References between rows of the document keep their old
primary keys (the restore gives new ones and remaps them); users are named by username,
delegations by code, SAFE standards by ``[pillar number, standard number]``.

The file: ``format``, ``version``, ``created_at``, ``app_version``, ``migration`` (the last
applied migration of the app: a program that lacks it refuses the file), ``document`` (one
object) and ``document_history``, then one list per kind of row and its history (``sections``
and ``sections_history``, ``milestones``, ``rounds`` (consultation rounds, each with the codes
of its ``invited`` delegations), ``round_declarations``, ``proposals``, ``mappings``,
``translations`` (of sections, from migration 0016; older files have none), ``comments`` (on
sections and on proposals: a proposal's discussion), ``working_documents``, each
with ``…_history`` in the order the rows were written; ``round_reminders`` and ``export_jobs``
without history, the jobs as metadata only), ``users``, ``delegations``, ``safe`` (the pillars
and standards the rows refer to), and ``checksum``: the SHA-256 of the canonical JSON of
everything else. (A file written before migration 0011 holds ``proposal_replies``: the restore
reads them as comments, see ``services.backup_legacy``.)
"""

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from importlib import metadata

from django.db import models
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Q
from django.utils import timezone

from ..models import (
    Comment,
    ConsultationRound,
    Delegation,
    Disposition,
    Document,
    ExportJob,
    Mapping,
    Milestone,
    Proposal,
    RoundDeclaration,
    RoundReminder,
    Section,
    SectionTranslation,
    Standard,
    User,
    WorkingDocument,
)
from ..permissions import ROLES

FORMAT = "iscm-document-backup"
VERSION = 1

# (name in the file, model, how to find the document's rows, keeps history). In this order
# rows are inserted on restore: each kind refers only to kinds above it (or to itself).
KINDS: tuple[tuple[str, type[models.Model], str, bool], ...] = (
    ("document", Document, "pk", True),
    ("sections", Section, "document", True),
    ("milestones", Milestone, "document", True),
    ("rounds", ConsultationRound, "document", True),
    ("round_declarations", RoundDeclaration, "round__document", True),
    ("round_reminders", RoundReminder, "round__document", False),
    ("proposals", Proposal, "document", True),
    ("dispositions", Disposition, "section__document", True),
    ("mappings", Mapping, "section__document", True),
    ("translations", SectionTranslation, "section__document", True),
    ("comments", Comment, "document", True),
    ("working_documents", WorkingDocument, "document", True),
    ("export_jobs", ExportJob, "document", False),
)
INTERNAL = {model: name for name, model, _, _ in KINDS}
HISTORY_SKIPPED = {"history_id"}  # the order of the list keeps their order


def checksum(payload: dict) -> str:
    """SHA-256 of the canonical JSON of ``payload`` without its own ``checksum``."""
    body = {k: v for k, v in payload.items() if k != "checksum"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _app_version() -> str:
    try:
        return metadata.version("iscm-tracker")
    except metadata.PackageNotFoundError:
        return ""


def applied_migrations() -> set[str]:
    return set(
        MigrationRecorder.Migration.objects.filter(app="guidelines").values_list("name", flat=True)
    )


def latest_migration() -> str:
    """The app's last applied migration (by number, then name)."""
    return max(applied_migrations(), default="")


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class _Refs:
    """Turns foreign keys into the file's stable keys, and remembers whom and what they name."""

    def __init__(self) -> None:
        self.user_ids: set[int] = set()
        self.delegation_ids: set[int] = set()
        self.standard_ids: set[int] = set()
        self._users = dict(User.objects.values_list("pk", "username"))
        self._delegations = dict(Delegation.objects.values_list("pk", "code"))
        self._standards = {
            pk: [pillar, number]
            for pk, pillar, number in Standard.objects.values_list("pk", "pillar__number", "number")
        }

    def ref(self, target: type[models.Model], pk):
        if pk is None:
            return None
        if issubclass(target, User):
            self.user_ids.add(pk)
            return self._users.get(pk)  # None: a user deleted since (history only)
        if target is Delegation:
            self.delegation_ids.add(pk)
            return self._delegations.get(pk)
        if target is Standard:
            self.standard_ids.add(pk)
            return self._standards.get(pk)
        if target in INTERNAL:
            return pk
        raise ValueError(f"{target._meta.label} is not part of a document backup")

    def row(self, instance: models.Model, *, history: bool = False) -> dict:
        out = {}
        for field in instance._meta.concrete_fields:
            if history and field.name in HISTORY_SKIPPED:
                continue
            value = getattr(instance, field.attname)
            if field.is_relation:
                out[field.name] = self.ref(field.related_model, value)
            else:
                out[field.name] = _plain(value)
        if isinstance(instance, ConsultationRound) and not history:  # its invited delegations
            invited = instance.invited.order_by("pk").values_list("pk", flat=True)
            out["invited"] = [self.ref(Delegation, pk) for pk in invited]
        return out


def _users(refs: _Refs) -> list[dict]:
    users = User.objects.filter(pk__in=refs.user_ids).select_related("delegation")
    out = []
    for user in users.prefetch_related("groups").order_by("username"):
        names = {g.name for g in user.groups.all()}
        if user.delegation_id:
            refs.delegation_ids.add(user.delegation_id)
        out.append(
            {
                "username": user.username,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "delegation": user.delegation.code if user.delegation else None,
                "role": next((r for r in ROLES if r in names), None),
                "is_staff": user.is_staff,
            }
        )
    return out


def _safe(refs: _Refs) -> list[dict]:
    standards = Standard.objects.filter(pk__in=refs.standard_ids).select_related("pillar")
    pillars: dict[int, dict] = {}
    for standard in standards.order_by("pillar__number", "number"):
        pillar = standard.pillar
        entry = pillars.setdefault(
            pillar.number,
            {
                "number": pillar.number,
                "title": pillar.title,
                "description": pillar.description,
                "added_in": pillar.added_in,
                "verified": pillar.verified,
                "standards": [],
            },
        )
        entry["standards"].append(
            {"number": standard.number, "title": standard.title, "tier": standard.tier}
        )
    return list(pillars.values())


def kind_rows(payload: dict, name: str) -> list[dict]:
    """The current rows of a kind (the document is one object, the others lists)."""
    rows = payload.get(name) or []
    return [rows] if isinstance(rows, dict) else rows


def _ids(payload: dict, name: str) -> set[int]:
    """Ids of the rows of a kind, current or only in history (an object deleted since)."""
    rows = kind_rows(payload, name) + payload[f"{name}_history"]
    return {row["id"] for row in rows}


def _history_filter(name: str, document: Document, payload: dict) -> Q:
    """History rows of a kind: those of its current rows, and those of rows deleted since."""
    if name == "document":
        return Q(id=document.pk)
    current = Q(id__in=[row["id"] for row in kind_rows(payload, name)])
    if name in ("mappings", "translations", "dispositions"):
        return current | Q(section_id__in=_ids(payload, "sections"))
    if name == "round_declarations":
        return current | Q(round_id__in=_ids(payload, "rounds"))
    return current | Q(document_id=document.pk)


def document_backup(document: Document) -> dict:
    """Everything of ``document`` (see the module's docstring), with its checksum."""
    refs = _Refs()
    payload: dict = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "app_version": _app_version(),
        "migration": latest_migration(),
    }
    for name, model, lookup, versioned in KINDS:
        rows = model.objects.filter(**{lookup: document.pk}).order_by("pk")
        payload[name] = [refs.row(row) for row in rows]
        if model is Document:
            payload[name] = payload[name][0]  # one object, not a list
        if versioned:
            history = model.history.model.objects.filter(_history_filter(name, document, payload))
            payload[f"{name}_history"] = [
                refs.row(row, history=True) for row in history.order_by("history_id")
            ]
    payload["users"] = _users(refs)
    payload["delegations"] = [
        {"code": d.code, "name": d.name, "kind": d.kind}
        for d in Delegation.objects.filter(pk__in=refs.delegation_ids).order_by("code")
    ]
    payload["safe"] = _safe(refs)
    payload["checksum"] = checksum(payload)
    return payload


def backup_counts(payload: dict) -> dict[str, int]:
    """How many rows of each kind the backup holds, and how many history rows."""
    counts = {}
    for name, *_ in KINDS:
        counts[name] = len(kind_rows(payload, name))
        counts[f"{name}_history"] = len(payload.get(f"{name}_history", []))
    return counts
