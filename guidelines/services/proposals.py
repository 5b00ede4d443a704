"""Proposals: create, accept (as is, with changes, or merged), reject, withdraw (their discussion
is comment threads: ``services.comments.comment_create(proposal=...)``).

Every transition is a named service: it checks the user's role, refuses a proposal that is no
longer open (a double click, a second tab), writes in one transaction and leaves a history row.
An acceptance also refuses to write over a section that changed since the page it was decided
on (the page's version tokens; see ``proposal_accept``).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..models import (
    Mapping,
    NotificationKind,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Section,
    User,
)
from ..models.translations import language_of
from ..permissions import require
from .history import save_versioned
from .notifications import facilitators, notify
from .phase_two import disposition_set, validate_disposition
from .safe import mapping_create, mapping_remove
from .sections import EditConflict, clean_text, section_update, validate_body
from .structure import AFTER, BEFORE, CHILD, section_delete, section_insert, section_place
from .versions import check_mappings, structure_lock

K = ProposalKind


class ProposalClosed(Exception):
    """The proposal was decided or withdrawn already."""

    def __init__(self, proposal: Proposal) -> None:
        super().__init__(f"proposal {proposal.pk} is {proposal.status}")
        self.proposal = proposal


class StaleProposal(Exception):
    """The section changed since the proposal was made: resolve before accepting."""


def proposal_create(
    *,
    user,
    section: Section,
    kind: str,
    rationale: str,
    heading: str = "",
    body: str = "",
    placement: str = "",
    target: Section | None = None,
    standard=None,
    relation: str = "",
    disposition: str = "",
    integrate_as: str = "",
    round=None,  # the consultation round it responds to (rounds.round_check)
    language: str = "",
    delegation=None,
    word_import=None,
    base: tuple[int, str, str] | None = None,
) -> Proposal:
    """A proposal on ``section``; always on its English text (the source while drafting).
    ``language``: the language the proposed text and rationale are written in (by default the
    interface's at the time of writing); it is shown as written, never translated.

    From a Word import (``services.word_imports``): ``delegation``, the delegation it is made for
    (another than the user's own only for who may import on behalf of one); ``word_import``, the
    import it comes from; ``base``, (version, heading, body) of the text it was made on when older
    than the section's current one (it then shows as a stale proposal, resolved as a conflict)."""
    require(user, "propose")
    delegation_id = acting_delegation(user, delegation)
    if section.is_deleted:
        raise ValidationError(_("This section is deleted; proposals need a live section."))
    rationale = clean_text(rationale).strip()
    if not rationale:
        raise ValidationError(_("A rationale is required."))
    heading, body = clean_text(heading).strip(), clean_text(body)
    proposal = Proposal(
        document_id=section.document_id,
        section=section,
        kind=kind,
        author=user,
        delegation_id=delegation_id,
        rationale=rationale,
        language=language or language_of(get_language()),
        base_version=section.version,
        base_heading=section.heading,
        base_body=section.body,
        word_import=word_import,
    )
    if base is not None:
        proposal.base_version, proposal.base_heading, proposal.base_body = base
    if kind == K.AMEND:
        validate_body(body)
        if not heading:
            raise ValidationError(_("A heading is required."))
        if (heading, body) == (proposal.base_heading, proposal.base_body):
            raise ValidationError(_("The proposed text is the same as the current text."))
        proposal.proposed_heading, proposal.proposed_body = heading, body
    elif kind == K.INSERT:
        validate_body(body)
        if not heading or placement not in (BEFORE, AFTER, CHILD):
            raise ValidationError(_("Give the new section a heading and say where it goes."))
        proposal.proposed_heading, proposal.proposed_body = heading, body
        proposal.placement = placement
    elif kind == K.MOVE:
        if target is None or placement not in (BEFORE, AFTER, CHILD) or target.pk == section.pk:
            raise ValidationError(_("Choose another section and where to put this one."))
        proposal.target, proposal.placement = target, placement
    elif kind in (K.MAP_ADD, K.MAP_REMOVE):
        if standard is None:
            raise ValidationError(_("Choose a SAFE standard."))
        mapped = Mapping.objects.live().filter(section=section, standard=standard).exists()
        if kind == K.MAP_ADD and (mapped or not relation):
            raise ValidationError(_("Choose a standard not mapped yet, and the relation."))
        if kind == K.MAP_REMOVE and not mapped:
            raise ValidationError(_("This section is not mapped to that standard."))
        proposal.standard, proposal.relation = standard, relation
    elif kind == K.DISPOSE:  # a phase-two disposition (services.phase_two)
        proposal.integrate_as, proposal.standard, proposal.target = validate_disposition(
            section=section,
            disposition=disposition,
            integrate_as=integrate_as,
            standard=standard,
            duplicate_of=target,
        )
        proposal.disposition = disposition
    elif kind != K.DELETE:
        raise ValidationError(_("Unknown kind of proposal."))
    with transaction.atomic():
        if round is not None:  # consultation rounds: refused after the deadline
            from .rounds import round_check

            proposal.round = round_check(
                consultation=round, user=user, document_id=section.document_id, proposal=True
            )
        save_versioned(proposal, user=user, reason=_("Proposed"))
        _announce(proposal, user=user)
        return proposal


def acting_delegation(user, delegation) -> int:
    """The delegation a proposal or comment is made for: ``delegation`` (a Word import on behalf
    of one: its own, or any for who may import for a delegation), else the user's own."""
    if delegation is not None and delegation.pk != user.delegation_id:
        require(user, "import_for_delegation")
        return delegation.pk
    if user.delegation_id is None:
        raise ValidationError(_("Your account is not tied to a delegation; ask the secretariat."))
    return user.delegation_id


def _announce(proposal: Proposal, *, user) -> None:
    """A new proposal: the facilitators (by default) and the section's followers are told."""
    section = proposal.section
    url = reverse(
        "guidelines:proposal_detail", kwargs={"slug": section.document.slug, "pk": proposal.pk}
    )
    notify(
        [*User.objects.filter(follows__section=section), *facilitators()],
        exclude=user,
        url=url,
        subject=_("New proposal on “%(h)s”") % {"h": section.heading},
        body="\n".join(
            [f"{user.display_name()}: {proposal.get_kind_display()}", proposal.rationale]
        ),
        kind=NotificationKind.PROPOSAL,
        document=section.document,
    )


def _open_locked(proposal: Proposal) -> Proposal:
    locked = Proposal.objects.select_for_update().select_related("section").get(pk=proposal.pk)
    if locked.status != ProposalStatus.OPEN:
        raise ProposalClosed(locked)
    return locked


def proposal_accept(
    *,
    proposal: Proposal,
    user,
    expected_version: int | None,
    expected_structure: str | None = None,
    expected_mappings: str | None = None,
    expected_disposition: str | None = None,
    note: str = "",
) -> Proposal:
    """Apply the proposal as proposed and close it, in one transaction.

    Concurrency: ``expected_version`` is the section's version the proposal page was rendered
    from; for an insertion, a move or a deletion ``expected_structure`` is the section's
    structure token, for a mapping ``expected_mappings`` its mappings token. Under the locks
    (document, proposal, section) each is compared with the current one: a difference raises
    ``EditConflict``, ``StructureConflict`` or ``MappingConflict`` (for a phase-two disposition,
    ``expected_disposition`` and ``DispositionConflict``) and nothing is written. An
    amendment made on an older version raises ``StaleProposal``: it needs a resolved text
    (``proposal_accept_with_changes``)."""
    require(user, "decide")
    with transaction.atomic():
        p, section = _lock_for_decision(proposal)
        if expected_version != section.version:
            raise EditConflict(section, expected_version)
        reason = p.rationale
        if p.kind == K.AMEND:
            if p.base_version != section.version:
                raise StaleProposal
            section_update(
                section=section,
                heading=p.proposed_heading,
                body=p.proposed_body,
                base_version=section.version,
                user=user,
                reason=reason,
                proposal=p,
            )
        elif p.kind == K.INSERT:
            section_insert(
                anchor=section,
                document=section.document,
                where=p.placement,
                heading=p.proposed_heading,
                body=p.proposed_body,
                user=user,
                reason=reason,
                expected_version=expected_structure,
                proposal=p,
            )
        elif p.kind == K.DELETE:
            section_delete(
                section=section,
                user=user,
                reason=reason,
                expected_version=expected_structure,
                proposal=p,
            )
        elif p.kind == K.MOVE:
            section_place(
                section=section,
                target=p.target,
                where=p.placement,
                user=user,
                reason=reason,
                expected_version=expected_structure,
                proposal=p,
            )
        elif p.kind == K.MAP_ADD:
            mapping_create(
                section=section,
                standard=p.standard,
                relation=p.relation,
                note=p.rationale,
                user=user,
                reason=reason,
                expected_version=expected_mappings,
            )
        elif p.kind == K.MAP_REMOVE:
            check_mappings(section, expected_mappings)
            mapping = Mapping.objects.live().filter(section=section, standard=p.standard).first()
            if mapping is None:
                raise ValidationError(_("This section is no longer mapped to that standard."))
            mapping_remove(
                mapping=mapping, user=user, reason=reason, expected_version=expected_mappings
            )
        elif p.kind == K.DISPOSE:
            disposition_set(
                section=section,
                disposition=p.disposition,
                integrate_as=p.integrate_as,
                standard=p.standard,
                duplicate_of=p.target,
                note=note,
                user=user,
                reason=reason,
                proposal=p,
                expected_version=expected_disposition,
            )
        return _close(p, user=user, status=ProposalStatus.ACCEPTED, note=note)


def proposal_accept_with_changes(
    *, proposal: Proposal, user, heading: str, body: str, note: str = "",
    expected_version: int | None,
) -> Proposal:  # fmt: skip
    """Accept an amendment with the facilitator's text (edited, or the automatic merge of a
    stale one) and close it, in one transaction. ``expected_version``: the section's version the
    text was prepared on; if the section was saved since, ``EditConflict`` from
    ``section_update`` (row lock and conditional update) and nothing is written. The status is
    "accepted" if the text is the proposal's own, else "accepted with changes"."""
    require(user, "decide")
    with transaction.atomic():
        p, section = _lock_for_decision(proposal)
        if p.kind != K.AMEND:
            raise ValidationError(_("Only an amendment can be accepted with changes."))
        new_heading, new_body = clean_text(heading).strip(), clean_text(body)
        status = ProposalStatus.ACCEPTED
        if (new_heading, new_body) != (p.proposed_heading, p.proposed_body):
            status = ProposalStatus.ACCEPTED_WITH_CHANGES
        section_update(
            section=section,
            heading=new_heading,
            body=new_body,
            base_version=expected_version,
            user=user,
            reason=p.rationale,
            proposal=p,
        )
        return _close(p, user=user, status=status, note=note)


def _lock_for_decision(proposal: Proposal) -> tuple[Proposal, Section]:
    """Lock the document's structure, the open proposal and the section, in that order (the
    order of every structure write; ``_open_locked`` locks the section's row too)."""
    structure_lock(proposal.document_id)
    p = _open_locked(proposal)
    section = Section.objects.select_for_update().get(pk=p.section_id)
    if section.is_deleted:
        raise ValidationError(_("The section is deleted: restore it before accepting."))
    return p, section


def _close(p: Proposal, *, user, status: str, note: str) -> Proposal:
    p.status, p.decided_by, p.decided_at = status, user, timezone.now()
    p.decision_reason = clean_text(note).strip()
    label = str(dict(ProposalStatus.choices)[status])
    save_versioned(p, user=user, reason=label.capitalize())
    if status != ProposalStatus.WITHDRAWN:  # tell the proposing delegation about the decision
        url = reverse("guidelines:proposal_detail", kwargs={"slug": p.document.slug, "pk": p.pk})
        notify(
            User.objects.filter(delegation_id=p.delegation_id, is_active=True),
            exclude=user,
            url=url,
            subject=_("Proposal #%(n)s %(s)s") % {"n": p.pk, "s": label},
            kind=NotificationKind.DECISION,
            document=p.document,
            body="\n".join(
                [f"{p.get_kind_display()} — {p.section.heading}", p.rationale, p.decision_reason]
            ),
        )
    return p


def proposal_reject(*, proposal: Proposal, user, reason: str) -> Proposal:
    require(user, "decide")
    if not clean_text(reason).strip():
        raise ValidationError(_("A reason is required to reject a proposal."))
    with transaction.atomic():
        return _close(
            _open_locked(proposal), user=user, status=ProposalStatus.REJECTED, note=reason
        )


def proposal_withdraw(*, proposal: Proposal, user) -> Proposal:
    """Authors withdraw their own open proposals; nobody else may."""
    if proposal.author_id != getattr(user, "pk", None):
        raise PermissionDenied
    with transaction.atomic():
        return _close(_open_locked(proposal), user=user, status=ProposalStatus.WITHDRAWN, note="")
