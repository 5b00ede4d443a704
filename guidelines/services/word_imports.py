"""Word imports: upload a "Word for review" file, submit what its preview found (proposals and
comments, all or nothing), or discard it.

The file is stored at upload (once it reads); nothing else is created until the submission,
which reads it again against the draft as it is then and refuses a preview that changed since
the page showed it (its fingerprint).
"""

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..imports.types import CommentItem, ImportPreview, ProposalItem, UnreadableFile
from ..models import Delegation, Proposal, ProposalKind, Section, WordImport, WordImportStatus
from ..permissions import can, require
from ..selectors import word_imports as reads
from .comments import comment_create, comment_reply
from .history import save_versioned
from .proposals import proposal_create

MERGED, BASE = "merged", "base"  # how a conflict is submitted (see word_import_submit)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_bytes() -> int:
    return getattr(settings, "WORD_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def check_size(size: int) -> None:
    """Refuse a file over the limit (called before the file is read)."""
    if size > max_bytes():
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB. Nothing was imported.")
            % {"size": round(size / 1024 / 1024, 1), "limit": max_bytes() // 1024 // 1024},
            code="too_large",
        )


def word_import_upload(
    *, user, document, filename: str, data: bytes, delegation: Delegation | None = None
) -> WordImport:
    """Store an uploaded file for review, once it reads (``UnreadableFile`` becomes a
    ``ValidationError`` with the reader's message). ``delegation``: whom it is for; a member
    imports for their own delegation (refused without one), the facilitator and the secretariat
    must choose one (files received by e-mail). Creates no proposal or comment."""
    require(user, "propose")
    if delegation is None or delegation.pk == user.delegation_id:
        if user.delegation_id is None:
            if can(user, "import_for_delegation"):
                raise ValidationError(_("Choose the delegation the file comes from."))
            raise ValidationError(
                _("Your account is not tied to a delegation; ask the secretariat.")
            )
        delegation = Delegation.objects.get(pk=user.delegation_id)
    else:
        require(user, "import_for_delegation")
    check_size(len(data))
    try:
        reads.read_file(data, filename)
    except UnreadableFile as error:
        raise ValidationError(str(error), code="unreadable") from error
    digest = hashlib.sha256(data).hexdigest()
    earlier = reads.submitted_copy(document, digest)
    if earlier is not None:  # the same bytes again: its proposals exist already
        raise ValidationError(
            _(
                "This file was imported already (“%(file)s”, submitted on %(date)s for "
                "%(delegation)s): its proposals and comments exist. Nothing was imported."
            )
            % {
                "file": earlier.filename,
                "date": date_format(timezone.localtime(earlier.decided_at), "DATETIME_FORMAT"),
                "delegation": earlier.delegation.name,
            },
            code="duplicate",
        )
    word_import = WordImport(
        document=document,
        uploaded_by=user,
        delegation=delegation,
        filename=filename[:255],
        data=data,
        size=len(data),
        sha256=digest,
    )
    with transaction.atomic():
        save_versioned(word_import, user=user, reason=_("Uploaded from Word"))
    return word_import


def _may_act(user, word_import: WordImport) -> None:
    require(user, "propose")
    if word_import.uploaded_by_id != user.pk and not can(user, "import_for_delegation"):
        raise PermissionDenied


def _locked_waiting(word_import: WordImport) -> WordImport:
    # with its file (a deferred field read during full_clean would reload the row)
    locked = WordImport.objects.select_for_update().defer(None).get(pk=word_import.pk)
    if locked.status != WordImportStatus.WAITING:
        raise ValidationError(
            _("This import was %(status)s already.") % {"status": locked.get_status_display()},
            code="closed",
        )
    return locked


def _named(item: ProposalItem | CommentItem) -> str:
    return f"{item.label} {item.heading}".strip()


def _check(
    preview: ImportPreview, *, fingerprint: str, selected: set[str], rationales: dict[str, str]
) -> None:
    if preview.blocking:
        raise ValidationError(_("This file cannot be imported: see the messages on the preview."))
    if fingerprint != preview.fingerprint:
        raise ValidationError(
            _(
                "The draft or the file changed since this preview was shown; here is the new "
                "preview. Check it and submit again."
            ),
            code="stale",
        )
    missing = [
        _named(item)
        for item in preview.proposals
        if item.ref in selected and not (rationales.get(item.ref) or "").strip()
    ]
    if missing:
        raise ValidationError(
            _("Give a rationale for each proposal to submit: %(which)s.")
            % {"which": "; ".join(missing)},
            code="rationale",
        )


def word_import_submit(
    *,
    user,
    word_import: WordImport,
    selected: set[str],
    rationales: dict[str, str],
    resolutions: dict[str, str],
    fingerprint: str,
) -> WordImport:
    """Create what the member selected (``selected``: refs of the preview's proposal and comment
    items) in ONE transaction: all or nothing. The preview is computed again and must have the
    ``fingerprint`` the page showed (else ValidationError: the draft moved on) and nothing
    blocking. Each selected proposal needs its rationale (``rationales[ref]``). A conflict
    item is proposed as ``resolutions[ref]``: ``"merged"`` (the clean automatic merge, on the
    current version) or ``"base"`` (the file's text on the version it was made from: a stale
    proposal, resolved in the conflicts flow). Proposals and comments are made for the import's
    delegation and point to the import; a comment whose passage a proposal inserted joins that
    proposal's discussion. The import is marked submitted, with the authors in the file."""
    _may_act(user, word_import)
    with transaction.atomic():
        locked = _locked_waiting(word_import)
        preview = reads.import_preview(locked)
        _check(preview, fingerprint=fingerprint, selected=selected, rationales=rationales)
        created: dict[str, Proposal] = {}
        for item in preview.proposals:
            if item.ref in selected:
                created[item.ref] = _propose(
                    item, user=user, word_import=locked, rationale=rationales[item.ref],
                    resolution=resolutions.get(item.ref, ""),
                )  # fmt: skip
        for item in preview.comments:
            if item.ref in selected:
                _comment(item, user=user, word_import=locked, proposals=created)
        locked.status = WordImportStatus.SUBMITTED
        locked.decided_at = timezone.now()
        locked.authors = ", ".join(preview.authors)
        save_versioned(locked, user=user, reason=_("Submitted from Word"))
        return locked


def _failing(item, error: ValidationError) -> ValidationError:
    return ValidationError(
        _("%(which)s: %(error)s") % {"which": _named(item), "error": " ".join(error.messages)}
    )


def _propose(
    item: ProposalItem, *, user, word_import: WordImport, rationale: str, resolution: str
) -> Proposal:
    section = Section.objects.get(pk=item.section_id, document_id=word_import.document_id)
    heading, body = item.proposed_heading, item.proposed_body
    base = (item.base_version, item.base_heading, item.base_body)
    if item.kind != ProposalKind.AMEND:
        base = None
    elif item.conflict is not None:
        if resolution == MERGED and item.conflict.clean:
            heading, body = item.conflict.merged_heading, item.conflict.merged_body
            base = None  # the merge is on the current version
        elif resolution != BASE:
            raise ValidationError(
                _("%(which)s: choose the automatic merge or the file's text for this conflict.")
                % {"which": _named(item)}
            )
    try:
        return proposal_create(
            user=user, section=section, kind=item.kind, rationale=rationale, heading=heading,
            body=body, placement=item.placement, delegation=word_import.delegation,
            word_import=word_import, base=base,
        )  # fmt: skip
    except ValidationError as error:
        raise _failing(item, error) from error


def _comment(
    item: CommentItem, *, user, word_import: WordImport, proposals: dict[str, Proposal]
) -> None:
    body = item.body
    if item.author:
        body = _("%(body)s\n\n(Word comment by %(author)s)") % {"body": body, "author": item.author}
    quote = item.quote if item.quote_found else ""
    if item.quote and not item.quote_found:
        body = _("%(body)s\n\nOn the passage « %(quote)s » (no longer in the section's text).") % {
            "body": body,
            "quote": item.quote,
        }
    proposal = proposals.get(item.on_proposal) if item.on_proposal else None
    options = {"user": user, "delegation": word_import.delegation, "word_import": word_import}
    try:
        if proposal is not None:
            thread = comment_create(proposal=proposal, body=body, **options)
        else:
            section = Section.objects.get(pk=item.section_id, document_id=word_import.document_id)
            thread = comment_create(
                section=section, body=body, quote=quote, quote_start=item.quote_start, **options
            )
        for reply in item.replies:
            text = reply.text
            if reply.author:
                text = _("%(body)s\n\n(Word comment by %(author)s)") % {
                    "body": text,
                    "author": reply.author,
                }
            comment_reply(parent=thread, body=text, **options)
    except ValidationError as error:
        raise _failing(item, error) from error


def word_import_discard(*, user, word_import: WordImport) -> WordImport:
    """Set an import aside without creating anything (its file stays, for the record)."""
    _may_act(user, word_import)
    with transaction.atomic():
        locked = _locked_waiting(word_import)
        locked.status = WordImportStatus.DISCARDED
        locked.decided_at = timezone.now()
        save_versioned(locked, user=user, reason=_("Discarded"))
        return locked
