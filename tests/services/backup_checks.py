"""What a restored document must give back identically, read through the app's own selectors,
and some activity on top of the demo data. Imported by the backup tests in the pytest process and
by `manage.py shell` on the sites of tests/procs.py (so nothing here may name a database id)."""

import dataclasses
import json

from django.test import RequestFactory

from guidelines.api.endpoints import document_data
from guidelines.models import (
    Comment,
    ConsultationRound,
    Document,
    ExportJob,
    Mapping,
    Milestone,
    Proposal,
    RoundReminder,
    Section,
    SectionTranslation,
    User,
    WorkingDocument,
)
from guidelines.selectors.history import section_versions
from guidelines.selectors.redline import document_redline
from guidelines.selectors.snapshots import document_compare, snapshot_current, snapshot_of
from guidelines.selectors.versions import structure_version
from guidelines.services.comments import comment_create, comment_hide, comment_reply
from guidelines.services.milestones import milestone_create
from guidelines.services.proposals import proposal_create, proposal_withdraw
from guidelines.services.sections import section_update
from guidelines.services.structure import section_delete

SLUG = "iscm-guidelines"


def add_activity(slug: str = SLUG) -> None:
    """Edits, a deletion, a proposal withdrawn and one open with a discussion, a hidden comment on a
    quoted passage, a second milestone and a finished export job, on top of the demo data."""
    users = {u.username: u for u in User.objects.all()}
    facilitator, member = users["facilitator"], users["member-au"]
    document = Document.objects.get(slug=slug)
    first = Milestone.objects.filter(document=document).order_by("taken_at").first()
    seals = Section.objects.get(document=document, key="seals")
    section_update(
        section=seals,
        heading=seals.heading + " and locks",
        body=seals.body + "\n\nLocks are checked at loading.",
        base_version=seals.version,
        user=facilitator,
        reason="Locks belong here too",
    )
    leaf = (
        Section.objects.live()
        .filter(document=document, children__isnull=True)
        .exclude(key="seals")
        .order_by("-position", "key")
        .first()
    )
    section_delete(
        section=leaf,
        user=facilitator,
        reason="Covered elsewhere",
        expected_version=structure_version(leaf),
    )
    seals.refresh_from_db()
    withdrawn = proposal_create(
        user=member, section=seals, kind="amend", rationale="Shorter.",
        heading=seals.heading, body=seals.body.replace("Locks", "All locks"),
    )  # fmt: skip
    proposal_withdraw(proposal=withdrawn, user=member)
    still_open = proposal_create(
        user=member, section=seals, kind="amend", rationale="Name the checks.",
        heading=seals.heading, body=seals.body.replace("checked", "inspected"),
    )  # fmt: skip
    opinion = comment_create(user=facilitator, proposal=still_open, body="Fine by me.")
    comment_reply(user=member, parent=opinion, body="Thank you.")
    thread = comment_create(
        user=member, section=seals, body="Which locks?", quote="Locks are checked at loading."
    )
    comment_reply(user=facilitator, parent=thread, body="Mechanical ones.")
    comment_hide(user=users["secretariat"], comment=thread, reason="Off topic")
    milestone_create(document=document, user=facilitator, name="Draft 2", description="Later")
    ExportJob.objects.create(
        document=document, key="k" * 64, fmt="pdf", variant="redline", language="en",
        milestone=first, filename="draft", status="done", stage="finished", progress=100,
        file="exports/draft.pdf", size=1234, requested_by=users["secretariat"],
    )  # fmt: skip
    consultation = ConsultationRound.objects.get(document=document)  # the demo round
    proposal_create(
        user=users["member-cn"], section=seals, kind="delete", rationale="In the round.",
        round=consultation,
    )  # fmt: skip
    comment_create(user=users["member-cn"], section=seals, body="Round?", round=consultation)
    RoundReminder.objects.create(
        round=consultation,
        days_before=7,
        deadline=consultation.deadline,
        sent_at=consultation.deadline,
    )
    WorkingDocument.objects.filter(document=document).update(round=consultation)


def _plain(value):
    """Dataclasses as dicts, with database ids (which differ after a restore) left out."""
    if dataclasses.is_dataclass(value):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in ("section_id", "proposal", "old", "new")
        }
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


def _who(user) -> str | None:
    return user.username if user else None


def fingerprint(slug: str = SLUG) -> dict:
    """The API tree, every version of every section with who/why, history counts, the
    comparison and the attributed redline of the first milestone against now, comments,
    proposals, milestones, working documents and export jobs, all without database ids."""
    document = Document.objects.get(slug=slug)
    request = RequestFactory().get("/", SERVER_NAME="localhost")
    api = json.loads(json.dumps(document_data(request, document), default=str))
    sections = Section.objects.filter(document=document).order_by("key")
    versions = {
        s.key: [
            (
                r.version,
                r.heading,
                r.history_type,
                r.history_change_reason,
                r.history_date.isoformat(),
                _who(r.history_user),
                _who(r.proposal.author) if r.proposal else None,
                r.is_deleted,
            )
            for r in section_versions(s)
        ]  # fmt: skip
        for s in sections
    }
    section_ids = list(sections.values_list("pk", flat=True))
    proposals = Proposal.objects.filter(document=document)
    history_counts = {
        "document": Document.history.filter(id=document.pk).count(),
        "sections": Section.history.filter(document_id=document.pk).count(),
        "mappings": Mapping.history.filter(section_id__in=section_ids).count(),
        "translations": SectionTranslation.history.filter(section_id__in=section_ids).count(),
        "proposals": Proposal.history.filter(document_id=document.pk).count(),
        "comments": Comment.history.filter(document_id=document.pk).count(),
        "milestones": Milestone.history.filter(document_id=document.pk).count(),
        "working_documents": WorkingDocument.history.filter(document_id=document.pk).count(),
    }
    first = Milestone.objects.filter(document=document).order_by("taken_at").first()
    old, new = snapshot_of(first), snapshot_current(document)
    comparison = document_compare(old, new)
    redline = document_redline(old, new)
    comments = [
        (c.section.key, c.proposal and c.proposal.rationale, c.parent.body if c.parent else None,
         c.body, c.quote, c.prefix, c.suffix,
         c.quote_start, c.section_version, _who(c.author), _who(c.resolved_by),
         c.resolved_at and c.resolved_at.isoformat(), c.is_hidden, c.is_deleted,
         c.created_at.isoformat(),
         [h.history_change_reason for h in c.history.order_by("history_id")])
        for c in Comment.objects.filter(document=document).order_by("created_at", "body")
    ]  # fmt: skip
    proposal_rows = [
        (p.section.key, p.target.key if p.target else None, p.kind, p.status, _who(p.author),
         p.delegation.code, _who(p.decided_by), p.rationale, p.base_version, p.proposed_body,
         p.standard.code if p.standard else None, p.created_at.isoformat(),
         [(_who(c.author), c.body, c.parent and c.parent.body, c.created_at.isoformat())
          for c in p.comments.order_by("created_at", "id")],
         [(h.status, h.history_change_reason, _who(h.history_user))
          for h in p.history.order_by("history_id")])
        for p in proposals.order_by("created_at", "rationale")
    ]  # fmt: skip
    milestones = [
        (m.name, m.description, m.taken_at.isoformat(), _who(m.created_by))
        for m in Milestone.objects.filter(document=document).order_by("taken_at")
    ]
    working = [
        (w.reference, w.title, w.cover_note, w.milestone and w.milestone.name,
         w.round and w.round.title,
         w.redline_against and w.redline_against.name, w.updated_at.isoformat())
        for w in WorkingDocument.objects.filter(document=document).order_by("reference")
    ]  # fmt: skip
    rounds = [  # consultation rounds: invited, declarations, history, what responded
        (r.title, r.milestone.name, r.deadline.isoformat(), r.opened_at.isoformat(),
         _who(r.opened_by), sorted(r.invited.values_list("code", flat=True)),
         [(d.delegation.code, _who(d.declared_by), d.note, d.declared_at.isoformat(),
           d.history.count()) for d in r.declarations.all()],
         [h.history_change_reason for h in r.history.order_by("history_id")],
         sorted(p.rationale for p in r.proposals.all()),
         sorted(c.body for c in r.comments.all()),
         sorted(m.days_before for m in r.reminders.all()))
        for r in ConsultationRound.objects.filter(document=document).order_by("opened_at")
    ]  # fmt: skip
    translations = [
        (t.section.key, t.language, t.heading, t.body, t.source_version, t.version,
         t.updated_at.isoformat(),
         [(h.version, h.history_change_reason, _who(h.history_user))
          for h in t.history.order_by("history_id")])
        for t in SectionTranslation.objects.filter(section__document=document)
        .select_related("section").order_by("section__key", "language")
    ]  # fmt: skip
    jobs = [
        (j.fmt, j.variant, j.status, j.filename, j.milestone and j.milestone.name,
         _who(j.requested_by), j.requested_at.isoformat(), j.size)
        for j in ExportJob.objects.filter(document=document).order_by("requested_at")
    ]  # fmt: skip
    return _plain(
        {
            "document": (document.title, document.description, document.created_at),
            "api": api,
            "versions": versions,
            "history_counts": history_counts,
            "translations": translations,
            "comparison": comparison.entries,
            "redline": redline.entries,
            "contributors": redline.contributors,
            "comments": comments,
            "proposals": proposal_rows,
            "milestones": milestones,
            "working_documents": working,
            "export_jobs": jobs,
            "rounds": rounds,
        }
    )
