"""Restore one document from a backup file (``selectors.backup.document_backup`` writes it).

Who/when/why: the restored rows and history rows keep the authors, dates and reasons of the
backup, unchanged; what the restore itself adds is recorded with the reason ``RESTORE_REASON``
(delegations, SAFE pillars and standards missing in this database, each with a history row).
Users missing here are created inactive with an unusable password and their role's group (an
administrator activates them); users are matched by username, delegations by code, standards by
(pillar number, standard number); existing ones are left as they are.

Everything happens in one transaction: a refused or failing restore writes nothing. Current rows
and history rows are inserted with ``bulk_create`` (no signals, so django-simple-history writes
no extra history row), with their original timestamps, history rows in their original order.
``replace`` first deletes the document of the same slug and everything of it, history included,
in the same transaction. Export jobs come back as metadata without their files (a job that was
queued or running is marked failed: its worker is not here).
"""

import json

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, models, transaction
from django.db.models import Max

from ..models import (
    Comment,
    ConsultationRound,
    Delegation,
    Disposition,
    Document,
    ExportFailure,
    ExportJob,
    ExportStatus,
    Mapping,
    Milestone,
    Pillar,
    Proposal,
    RoundDeclaration,
    Section,
    SectionTranslation,
    Standard,
    User,
    WorkingDocument,
)
from ..selectors.backup import (
    FORMAT,
    HISTORY_SKIPPED,
    INTERNAL,
    KINDS,
    VERSION,
    applied_migrations,
    backup_counts,
    checksum,
    kind_rows,
)
from ..signals import replacing_a_document
from . import search_index
from .backup_legacy import replies_as_comments
from .history import save_versioned
from .overlaps import overlaps_recompute
from .roles import roles_sync

RESTORE_REASON = "Restored from a document backup"
REPLACE_REASON = "Replaced by a document restore"
UNFINISHED_EXPORT = "Not finished when the document was backed up."


class RestoreRefused(Exception):
    """The file cannot be restored here; the message says why in one line."""


def backup_parse(text: str) -> dict:
    """The backup in ``text``, checked: format, version, completeness and checksum."""
    try:
        payload = json.loads(text)
    except ValueError as error:
        raise RestoreRefused(f"not a complete backup file (invalid JSON: {error})") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise RestoreRefused(f"not a document backup (format is not {FORMAT!r})")
    version = payload.get("version")
    if not isinstance(version, int):
        raise RestoreRefused("the backup file has no format version")
    if version > VERSION:
        raise RestoreRefused(
            f"the backup file has format version {version}, newer than this program reads "
            f"({VERSION}); restore it with a newer version of ISCM Tracker"
        )
    if payload.get("checksum") != checksum(payload):
        raise RestoreRefused("the backup file is damaged or was edited (checksum mismatch)")
    migration = payload.get("migration") or ""
    if migration and migration not in applied_migrations():
        raise RestoreRefused(
            f"the backup was made by a newer version of ISCM Tracker (migration {migration} "
            "is not applied here); upgrade first"
        )
    return payload


class _Keys:
    """The file's stable keys -> primary keys of this database (old pk -> new pk per kind)."""

    def __init__(self) -> None:
        self.users: dict[str, int] = {}
        self.delegations: dict[str, int] = {}
        self.standards: dict[tuple[int, int], int] = {}
        self.internal: dict[type[models.Model], dict[int, int]] = {m: {} for m in INTERNAL}
        self._spare: dict[type[models.Model], int] = {}

    def internal_id(self, model: type[models.Model], old: int) -> int:
        """The new pk of an object of the document. An object that exists only in history
        (deleted for good: nothing in the app does that to these records, but a shell can) gets
        an id above every id in use for that model, so its history stays its own."""
        found = self.internal[model].get(old)
        if found is None:
            if model not in self._spare:
                highest = [
                    model.objects.aggregate(m=Max("pk"))["m"] or 0,
                    model.history.model.objects.aggregate(m=Max("id"))["m"] or 0,
                    max(self.internal[model].values(), default=0),
                ]
                self._spare[model] = max(highest)
            self._spare[model] += 1
            found = self.internal[model][old] = self._spare[model]
        return found

    def resolve(self, target: type[models.Model], value):
        if value is None:
            return None
        if issubclass(target, User):
            return self.users.get(value)  # a user deleted before the backup: history only
        if target is Delegation:
            return self.delegations[value]
        if target is Standard:
            return self.standards[tuple(value)]
        return self.internal_id(target, value)


def _row(model: type[models.Model], data: dict, keys: _Keys, *, history_of=None, defer=()):
    """An unsaved instance of ``model`` from a row of the file (references remapped)."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.name in HISTORY_SKIPPED and history_of is not None:
            continue
        if field.name not in data:
            continue  # a field added since the backup: its default
        value = data[field.name]
        if field.name in defer:
            values[field.attname] = None
        elif field.is_relation:
            values[field.attname] = keys.resolve(field.related_model, value)
        elif history_of is not None and field.name == "id":
            values["id"] = keys.internal_id(history_of, value)
        else:
            values[field.attname] = field.to_python(value)
    if history_of is None:
        values.pop("id", None)
    return model(**values)


def _references(payload: dict, keys: _Keys) -> None:
    """Delegations, users and SAFE standards named in the file: matched, or created here."""
    for item in payload.get("delegations", []):
        delegation = Delegation.objects.filter(code=item["code"]).first()
        if delegation is None:
            delegation = save_versioned(
                Delegation(code=item["code"], name=item["name"], kind=item["kind"]),
                user=None,
                reason=RESTORE_REASON,
            )
        keys.delegations[item["code"]] = delegation.pk
    groups = roles_sync() if payload.get("users") else {}
    for item in payload.get("users", []):
        user = User.objects.filter(username=item["username"]).first()
        if user is None:
            user = User(
                username=item["username"],
                first_name=item.get("first_name", ""),
                last_name=item.get("last_name", ""),
                email=item.get("email", ""),
                delegation_id=keys.delegations.get(item.get("delegation")),
                is_active=False,
                is_staff=bool(item.get("is_staff")),
            )
            user.set_unusable_password()
            user.save()
            if item.get("role") in groups:
                user.groups.set([groups[item["role"]]])
        keys.users[item["username"]] = user.pk
    for item in payload.get("safe", []):
        pillar = Pillar.objects.filter(number=item["number"]).first()
        if pillar is None:
            pillar = save_versioned(
                Pillar(
                    number=item["number"],
                    title=item["title"],
                    description=item.get("description", ""),
                    added_in=item.get("added_in"),
                    verified=bool(item.get("verified")),
                ),
                user=None,
                reason=RESTORE_REASON,
            )
        for entry in item.get("standards", []):
            standard = Standard.objects.filter(pillar=pillar, number=entry["number"]).first()
            if standard is None:
                standard = save_versioned(
                    Standard(
                        pillar=pillar,
                        number=entry["number"],
                        title=entry["title"],
                        tier=entry.get("tier", ""),
                    ),
                    user=None,
                    reason=RESTORE_REASON,
                )
            keys.standards[(pillar.number, standard.number)] = standard.pk


def _insert_current(model: type[models.Model], rows: list[dict], keys: _Keys) -> None:
    """Insert the current rows of one kind. Two things are set in a second step (a bulk UPDATE,
    which, unlike an INSERT, leaves the values as given): a reference to a row of the same kind
    (a parent), once every row of the kind has its new pk, and the auto_now/auto_now_add times,
    which the INSERT stamps with the present."""
    self_refs = [
        f for f in model._meta.concrete_fields if f.is_relation and f.related_model is model
    ]
    stamped = [
        f
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    objects = []
    for data in rows:
        obj = _row(model, data, keys, defer={f.name for f in self_refs})
        if model is ExportJob and obj.status in (ExportStatus.QUEUED, ExportStatus.RUNNING):
            obj.status, obj.failure = ExportStatus.FAILED, ExportFailure.ERROR
            obj.error = UNFINISHED_EXPORT
            obj.lease_until, obj.worker = None, ""
        if model is ExportJob:
            obj.file = ""  # the backup holds the jobs' metadata, not their files
        objects.append(obj)
    created = model.objects.bulk_create(objects, batch_size=500)
    for data, obj in zip(rows, created, strict=True):
        keys.internal[model][data["id"]] = obj.pk
        for field in self_refs:
            setattr(obj, field.attname, keys.resolve(model, data.get(field.name)))
        for field in stamped:
            if field.name in data:
                setattr(obj, field.attname, field.to_python(data[field.name]))
    if model is ConsultationRound:  # the invited delegations (a many-to-many)
        for data, obj in zip(rows, created, strict=True):
            obj.invited.set([keys.delegations[code] for code in data.get("invited", [])])
    later = [f.name for f in self_refs + stamped]
    if created and later:
        model.objects.bulk_update(created, later, batch_size=500)


def _document_delete(document: Document) -> None:
    """Everything of ``document``, current rows then history rows (for ``--replace``)."""
    section_ids = list(Section.objects.filter(document=document).values_list("pk", flat=True))
    round_ids = list(
        ConsultationRound.objects.filter(document=document).values_list("pk", flat=True)
    )
    doomed = [
        (ExportJob, ExportJob.objects.filter(document=document)),
        (WorkingDocument, WorkingDocument.objects.filter(document=document)),
        (Comment, Comment.objects.filter(document=document)),
        (Mapping, Mapping.objects.filter(section_id__in=section_ids)),
        (SectionTranslation, SectionTranslation.objects.filter(section_id__in=section_ids)),
        (Disposition, Disposition.objects.filter(section_id__in=section_ids)),
        (Proposal, Proposal.objects.filter(document=document)),
        (RoundDeclaration, RoundDeclaration.objects.filter(round_id__in=round_ids)),
        (ConsultationRound, ConsultationRound.objects.filter(document=document)),
        (Milestone, Milestone.objects.filter(document=document)),
        (Section, Section.objects.filter(document=document)),
    ]
    history = {
        Section: {"document_id": document.pk},
        Milestone: {"document_id": document.pk},
        ConsultationRound: {"document_id": document.pk},
        RoundDeclaration: {"round_id__in": round_ids},
        Proposal: {"document_id": document.pk},
        Mapping: {"section_id__in": section_ids},
        SectionTranslation: {"section_id__in": section_ids},
        Disposition: {"section_id__in": section_ids},
        Comment: {"document_id": document.pk},
        WorkingDocument: {"document_id": document.pk},
        Document: {"id": document.pk},
    }
    # History first (a section's history rows protect the proposals they came from), then the
    # rows (deleting writes a last history row each), then those last rows.
    _history_delete(history)
    Comment.objects.filter(document=document).update(parent=None)
    Section.objects.filter(document=document).update(parent=None)
    for _model, queryset in doomed:
        for obj in queryset:
            obj._change_reason = REPLACE_REASON  # the guard in signals.py asks for one
            obj.delete()
    document._change_reason = REPLACE_REASON
    document.delete()
    _history_delete(history)


def _history_delete(history: dict) -> None:
    for model, lookup in history.items():
        model.history.model.objects.filter(**lookup).delete()


def document_restore(*, payload: dict, replace: bool = False) -> Document:
    """Restore the document of a checked backup (``backup_parse``); refuses a slug in use
    unless ``replace``, which first deletes that document and everything of it (same
    transaction: a failing restore leaves the old document in place)."""
    if not isinstance(payload.get("document"), dict) or not payload["document"].get("slug"):
        raise RestoreRefused("the backup file holds no document")
    slug = payload["document"]["slug"]
    keys = _Keys()
    try:
        payload = replies_as_comments(payload)  # a file from before 0011_discussion_move_replies
        with transaction.atomic():
            existing = Document.objects.filter(slug=slug).first()
            if existing is not None:
                if not replace:
                    raise RestoreRefused(
                        f"a document {slug!r} exists already (use --replace to replace it)"
                    )
                with replacing_a_document():  # the history comes back from the file
                    _document_delete(existing)
            _references(payload, keys)
            for name, model, _lookup, _versioned in KINDS:
                _insert_current(model, kind_rows(payload, name), keys)
            for name, model, _lookup, versioned in KINDS:
                if not versioned:
                    continue
                historical = model.history.model
                rows = [
                    _row(historical, data, keys, history_of=model)
                    for data in payload.get(f"{name}_history", [])
                ]
                historical.objects.bulk_create(rows, batch_size=500)  # in the file's order
            restored = Document.objects.get(slug=slug)
            search_index.rebuild_all(document=restored)  # rows came in bulk, without signals
            overlaps_recompute(document=restored)  # the finder's results are not backed up
            return restored
    except (KeyError, TypeError, ValueError) as error:
        raise RestoreRefused(f"the backup file is inconsistent ({error!r})") from None
    except ValidationError as error:  # a delegation, pillar or standard clashing with ours
        why = "; ".join(error.messages)
        raise RestoreRefused(f"the backup conflicts with this database ({why})") from None
    except IntegrityError as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise RestoreRefused(f"the backup conflicts with this database ({first})") from None
    except DatabaseError as error:
        raise RestoreRefused(f"the database refused the restore ({error})") from None


def restore_summary(payload: dict) -> str:
    counts = backup_counts(payload)
    parts = ", ".join(
        f"{counts[name]} {name.replace('_', ' ')} ({counts[name + '_history']} versions)"
        for name, _model, _lookup, versioned in KINDS
        if versioned and name != "document"
    )
    return f"{payload['document']['slug']}: {parts}, {counts['export_jobs']} export jobs"
