"""Where the audit trail's events come from: one ``Source`` per table, each turning a row into an
``AuditEvent``. A source knows its time column and the path to the person who acted, so the
filters (person, delegation, dates) are applied in SQL (see ``selectors/audit.py``)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from ..models import (
    AccountChange,
    Comment,
    ConsultationRound,
    Delegation,
    Document,
    ExportJob,
    ExportStatus,
    FrameworkText,
    LoginEvent,
    LoginOutcome,
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
from ..permissions import ROLE_LABELS
from .comments import comment_url


class AuditKind(models.TextChoices):
    """What an event is about, in the order the filter lists them."""

    SECTION = "section", gettext_lazy("Sections")
    MAPPING = "mapping", gettext_lazy("SAFE mappings")
    PROPOSAL = "proposal", gettext_lazy("Proposals")
    COMMENT = "comment", gettext_lazy("Comments")
    MILESTONE = "milestone", gettext_lazy("Milestones")
    ROUND = "round", gettext_lazy("Consultation rounds")
    WORKING_DOCUMENT = "working_document", gettext_lazy("Working documents")
    EXPORT = "export", gettext_lazy("Exports")
    ACCOUNT = "account", gettext_lazy("Users and roles")
    REFERENCE = "reference", gettext_lazy("Delegations and SAFE reference data")
    LOGIN = "login", gettext_lazy("Sign-ins and sign-outs")
    LOGIN_FAILED = "login_failed", gettext_lazy("Failed sign-ins")


@dataclass(frozen=True)
class AuditEvent:
    when: datetime
    who: str  # display name of the person who acted, "" for the system
    username: str
    delegation: str
    kind: AuditKind
    what: str
    why: str
    link: str  # a URL of the application or the admin, or ""


@dataclass(frozen=True)
class Source:
    kind: AuditKind
    queryset: Callable[[], models.QuerySet]
    when: str  # the time column
    actor: str  # the path to the user who acted
    describe: Callable[[object], tuple[str, str, str]]  # row -> (what, why, link)

    def event(self, row) -> AuditEvent:
        user = getattr(row, self.actor)
        delegation = getattr(user, "delegation", None) if user else None
        what, why, link = self.describe(row)
        who = user.display_name() if user else ""
        if not who and isinstance(row, LoginEvent):
            who = row.username
        return AuditEvent(
            when=getattr(row, self.when), who=who, username=user.username if user else "",
            delegation=delegation.name if delegation else "", kind=self.kind, what=what, why=why,
            link=link,
        )  # fmt: skip


def _verb(row) -> str:
    # In context: French says what happened as a noun ("création"), whatever the record's gender.
    verbs = {"+": pgettext("audit event", "created"), "-": pgettext("audit event", "deleted")}
    return verbs.get(row.history_type) or pgettext("audit event", "changed")


def _history(model, *related: str, defer: tuple[str, ...] = ()) -> Callable:
    def queryset() -> models.QuerySet:
        rows = model.history.select_related("history_user__delegation", *related)
        return rows.defer(*defer) if defer else rows

    return queryset


def _url(name: str, *args) -> str:
    return reverse(f"guidelines:{name}", args=args)


def _section(row) -> tuple[str, str, str]:
    what = _("Section “%(heading)s” %(verb)s (version %(n)s)") % {
        "heading": row.heading, "verb": _verb(row), "n": row.version,
    }  # fmt: skip
    link = _url("section_history", row.document.slug, row.key) if row.document else ""
    return what, row.history_change_reason or "", link


def _translation(row) -> tuple[str, str, str]:
    section = row.section
    what = _("%(language)s translation of “%(heading)s” %(verb)s (version %(n)s)") % {
        "language": row.get_language_display(), "heading": section.heading if section else "?",
        "verb": _verb(row), "n": row.version,
    }  # fmt: skip
    link = (
        _url("section_translate", section.document.slug, section.key, row.language)
        if section
        else ""
    )
    return what, row.history_change_reason or "", link


def _mapping(row) -> tuple[str, str, str]:
    section, standard = row.section, row.standard
    what = _("Mapping of “%(section)s” to %(standard)s %(verb)s%(removed)s") % {
        "section": section.heading if section else "?",
        "standard": standard.code if standard else "?",
        "verb": _verb(row),
        "removed": " (" + _("removed") + ")" if row.is_deleted else "",
    }
    link = _url("section_detail", section.document.slug, section.key) if section else ""
    return what, row.history_change_reason or "", link


def _proposal(row) -> tuple[str, str, str]:
    what = _("Proposal #%(n)s (%(kind)s): %(status)s") % {
        "n": row.id, "kind": row.get_kind_display(), "status": row.get_status_display(),
    }  # fmt: skip
    link = _url("proposal_detail", row.document.slug, row.id) if row.document else ""
    return what, row.history_change_reason or "", link


def _comment(row) -> tuple[str, str, str]:
    section = row.section
    if row.proposal_id:
        what = _("Comment on proposal #%(n)s %(verb)s") % {"n": row.proposal_id, "verb": _verb(row)}
    else:
        what = _("Comment on “%(heading)s” %(verb)s") % {
            "heading": section.heading if section else "?", "verb": _verb(row),
        }  # fmt: skip
    states = [
        label
        for flag, label in (
            (row.resolved_at, _("resolved")),
            (row.is_hidden, _("hidden")),
            (row.is_deleted, _("deleted by its author")),
        )
        if flag
    ]
    if states:
        what += f" ({', '.join(states)})"
    link = comment_url(row) if section and row.document else ""
    return what, row.history_change_reason or "", link


def _milestone(row) -> tuple[str, str, str]:
    what = _("Milestone “%(name)s” %(verb)s") % {"name": row.name, "verb": _verb(row)}
    link = _url("milestones", row.document.slug) if row.document else ""
    return what, row.history_change_reason or "", link


def _round(row) -> tuple[str, str, str]:
    what = _("Consultation round “%(title)s” %(verb)s") % {"title": row.title, "verb": _verb(row)}
    link = _url("round_detail", row.document.slug, row.id) if row.document else ""
    return what, row.history_change_reason or "", link


def _declaration(row) -> tuple[str, str, str]:
    consultation = row.round
    what = _("“No comments” declared by %(delegation)s in the round “%(title)s”") % {
        "delegation": row.delegation.name if row.delegation else "?",
        "title": consultation.title if consultation else "?",
    }  # fmt: skip
    link = _url("round_detail", consultation.document.slug, consultation.pk) if consultation else ""
    return what, row.history_change_reason or "", link


def _working_document(row) -> tuple[str, str, str]:
    what = _("Working document %(ref)s %(verb)s") % {"ref": row.reference, "verb": _verb(row)}
    link = _url("working_document_edit", row.document.slug, row.id) if row.document else ""
    return what, row.history_change_reason or "", link


def _reference(label: str) -> Callable:
    def describe(row) -> tuple[str, str, str]:
        name = getattr(row, "name", "") or getattr(row, "title", "") or str(row.id)
        what = _("%(what)s “%(name)s” %(verb)s") % {"what": label, "name": name, "verb": _verb(row)}
        return what, row.history_change_reason or "", ""

    return describe


def _framework_text(row) -> tuple[str, str, str]:
    code = row.standard.code + (f" TS {row.spec}" if row.spec else "")
    what = _("SAFE Framework text %(code)s (%(language)s) %(verb)s") % {
        "code": code, "language": row.language, "verb": _verb(row)}  # fmt: skip
    return what, row.history_change_reason or "", _url("framework_text_history", row.id)


def _export_asked(job) -> tuple[str, str, str]:
    what = _("Export asked: %(file)s") % {"file": job.download_name}
    return what, "", _url("export_job", job.document.slug, job.pk)


def _export_finished(job) -> tuple[str, str, str]:
    if job.status == ExportStatus.FAILED:
        what = _("Export failed: %(file)s") % {"file": job.download_name}
        why = job.get_failure_display() if job.failure else ""
    else:
        what, why = _("Export ready: %(file)s") % {"file": job.download_name}, ""
    return what, why, _url("export_job", job.document.slug, job.pk)


def _value_text(field: str, value: str) -> str:
    if not value:
        return "–"
    if field == "role":
        return str(ROLE_LABELS.get(value, value))
    words = {
        "yes": _("yes"),
        "no": _("no"),
        "changed": pgettext("account field", "changed"),
        "set": _("set"),
    }
    return str(words[value]) if field != "username" and value in words else value


def account_changes_text(changes: dict[str, list[str]]) -> str:
    """``{"role": ["member", "observer"]}`` as "role: member → observer", in the reader's
    language (field names and yes/no; names and e-mails as typed)."""
    parts = []
    for field, (old, new) in changes.items():
        try:
            label = str(User._meta.get_field(field).verbose_name)
        except FieldDoesNotExist:
            label = str(_("role")) if field == "role" else field
        parts.append(f"{label}: {_value_text(field, old)} → {_value_text(field, new)}")
    return "; ".join(parts)


def _account(change) -> tuple[str, str, str]:
    parts = account_changes_text(change.changes)
    template = _("Account %(user)s created: %(changes)s") if change.created else _(
        "Account %(user)s changed: %(changes)s"
    )  # fmt: skip
    link = reverse("admin:guidelines_user_change", args=[change.user_id])
    return template % {"user": change.username, "changes": parts}, change.reason, link


def _login(event) -> tuple[str, str, str]:
    where = event.ip or _("unknown address")
    if event.outcome == LoginOutcome.FAILURE:
        what = _("Sign-in failed for “%(name)s” from %(ip)s")
        what %= {"name": event.username, "ip": where}
    elif event.outcome == LoginOutcome.LOGOUT:
        what = _("Signed out from %(ip)s") % {"ip": where}
    else:
        what = _("Signed in from %(ip)s") % {"ip": where}
    return f"{what} ({event.user_agent[:80]})" if event.user_agent else what, "", ""


def _jobs() -> models.QuerySet:
    return ExportJob.objects.select_related("requested_by__delegation", "document").defer("error")


def _logins(*outcomes: str) -> Callable:
    def queryset() -> models.QuerySet:
        return LoginEvent.objects.filter(outcome__in=outcomes).select_related("user__delegation")

    return queryset


K = AuditKind
SOURCES: tuple[Source, ...] = (
    Source(K.SECTION, _history(Section, "document", defer=("body",)), "history_date",
           "history_user", _section),
    Source(K.SECTION, _history(SectionTranslation, "section__document", defer=("body",)),
           "history_date", "history_user", _translation),
    Source(K.MAPPING, _history(Mapping, "section__document", "standard__pillar",
                               defer=("note",)), "history_date", "history_user", _mapping),
    Source(K.PROPOSAL, _history(Proposal, "document", defer=(
        "base_body", "proposed_body", "rationale", "decision_reason")), "history_date",
           "history_user", _proposal),
    Source(K.COMMENT, _history(Comment, "section", "document", defer=("body",)), "history_date",
           "history_user", _comment),
    Source(K.MILESTONE, _history(Milestone, "document"), "history_date", "history_user",
           _milestone),
    Source(K.ROUND, _history(ConsultationRound, "document", defer=("instructions",)),
           "history_date", "history_user", _round),
    Source(K.ROUND, _history(RoundDeclaration, "round__document", "delegation"),
           "history_date", "history_user", _declaration),
    Source(K.WORKING_DOCUMENT, _history(WorkingDocument, "document", defer=(
        "cover_note", "purpose")), "history_date", "history_user", _working_document),
    Source(K.EXPORT, _jobs, "requested_at", "requested_by", _export_asked),
    Source(K.EXPORT, lambda: _jobs().filter(finished_at__isnull=False), "finished_at",
           "requested_by", _export_finished),
    Source(K.ACCOUNT, lambda: AccountChange.objects.select_related("changed_by__delegation"),
           "changed_at", "changed_by", _account),
    Source(K.REFERENCE, _history(Delegation), "history_date", "history_user",
           _reference(gettext_lazy("Delegation"))),
    Source(K.REFERENCE, _history(Pillar), "history_date", "history_user",
           _reference(gettext_lazy("SAFE pillar"))),
    Source(K.REFERENCE, _history(Standard), "history_date", "history_user",
           _reference(gettext_lazy("SAFE standard"))),
    Source(K.REFERENCE, _history(FrameworkText, "standard__pillar", defer=("body",)),
           "history_date", "history_user", _framework_text),
    Source(K.REFERENCE, _history(Document, defer=("description",)), "history_date",
           "history_user", _reference(gettext_lazy("Document"))),
    Source(K.LOGIN, _logins(LoginOutcome.SUCCESS, LoginOutcome.LOGOUT), "at", "user", _login),
    Source(K.LOGIN_FAILED, _logins(LoginOutcome.FAILURE), "at", "user", _login),
)  # fmt: skip
