"""Comments: create (on a section, a quoted passage, or a proposal: its discussion), reply,
resolve/reopen, edit and delete within the grace period, hide (moderation), follow a section.
Each write records who and why."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..models import (
    Comment,
    Notification,
    NotificationKind,
    NotifyMode,
    Proposal,
    Section,
    SectionFollow,
    User,
)
from ..models.translations import language_of
from ..permissions import SECRETARIAT, can, require, user_role
from ..rendering.anchoring import context_at, normalise, plain_text
from ..rendering.markdown import render_markdown
from ..selectors.comments import comment_url, page_language, section_reading
from .history import save_versioned
from .notifications import facilitators, notifications_withdraw, notify
from .sections import clean_text


def _clean_body(body: str) -> str:
    body = clean_text(body).strip()
    if not body:
        raise ValidationError(_("Write a comment first."), code="required")
    validate_comment_size(body)
    return body


def validate_comment_size(body: str) -> None:
    """Refuse a comment longer than COMMENT_BODY_MAX_BYTES (posting, editing, the preview)."""
    size = len(body.encode("utf-8"))
    if size > settings.COMMENT_BODY_MAX_BYTES:
        raise ValidationError(
            _("The comment is %(size)s KB; the limit is %(limit)s KB. Nothing was posted.")
            % {"size": size // 1024, "limit": settings.COMMENT_BODY_MAX_BYTES // 1024},
            code="too_long",
        )


def section_plain_text(section: Section) -> str:
    """The text with references as typed ("[[seals]]"): as a Word review file has it."""
    return plain_text(str(render_markdown(section.body, id_prefix=section.key)))


def _proposal_people(proposal: Proposal) -> list:
    """Who hears of a proposal's discussion: its author and the proposing delegation."""
    members = User.objects.filter(delegation_id=proposal.delegation_id, is_active=True)
    return [proposal.author, *members.order_by("pk")]


def comment_create(
    *,
    user,
    section: Section | None = None,
    body: str,
    quote: str = "",
    quote_start: int | None = None,
    proposal: Proposal | None = None,
    round=None,  # the consultation round it responds to (rounds.round_check)
    language: str = "",
    delegation=None,
    word_import=None,
) -> Comment:
    """A new thread on the section, optionally anchored to a passage that must be in its text;
    or, with ``proposal``, a new thread of the proposal's discussion (on the proposal's section,
    never anchored to a passage), told to the proposal's author and delegation. ``language``:
    the language the text is written in (by default the interface's at the time of writing).
    From a Word import: ``delegation`` (the one imported for, see ``acting_delegation``) and
    ``word_import``."""
    require(user, "propose")
    if proposal is not None:
        if section is not None and section.pk != proposal.section_id:
            raise ValueError("a proposal's discussion is on the proposal's section")
        section, quote = proposal.section, ""
    elif section is None:
        raise ValueError("a comment is on a section or on a proposal")
    elif section.is_deleted:
        raise ValidationError(_("This section is deleted; restore it to comment on it."))
    body = _clean_body(body)
    comment = Comment(
        document=section.document,
        section=section,
        proposal=proposal,
        author=user,
        delegation_id=_delegation_id(user, delegation),
        body=body,
        language=language or language_of(get_language()),
        section_version=section.version,
        word_import=word_import,
    )
    quote = normalise(clean_text(quote))
    if quote:
        text = section_reading(section, page_language())
        if quote not in text:  # the page read with English headings (?text=en)
            text = section_reading(section)
        if quote not in text:  # a Word review file's comment: references as typed
            text = section_plain_text(section)
        starts, at = [], text.find(quote)
        while at != -1:
            starts.append(at)
            at = text.find(quote, at + 1)
        if not starts:
            raise ValidationError(_("The quoted passage is not in the text of this section."))
        start = min(starts, key=lambda s: abs(s - (quote_start or 0)))
        comment.quote, comment.quote_start = quote, start
        comment.prefix, comment.suffix = context_at(text, start, start + len(quote))
    with transaction.atomic():
        if round is not None:  # consultation rounds: refused after the deadline, unless allowed
            from .rounds import round_check

            comment.round = round_check(
                consultation=round, user=user, document_id=section.document_id, proposal=False
            )
        save_versioned(comment, user=user, reason=_("Commented"))
        if proposal is not None:
            recipients = _proposal_people(proposal)
            subject = _("New comment on proposal #%(n)s") % {"n": proposal.pk}
        else:
            recipients = User.objects.filter(follows__section=section)
            subject = _("New comment on “%(h)s”") % {"h": section.heading}
        notify(
            [*recipients, *facilitators()],
            exclude=user,
            url=comment_url(comment),
            subject=subject,
            body=f"{user.display_name()}: {body}",
            comment=comment,
            kind=NotificationKind.COMMENT,
            document=section.document,
        )
    return comment


def _delegation_id(user, delegation) -> int | None:
    if delegation is None or delegation.pk == user.delegation_id:
        return user.delegation_id
    require(user, "import_for_delegation")
    return delegation.pk


def comment_reply(
    *,
    user,
    parent: Comment,
    body: str,
    language: str = "",
    delegation=None,
    word_import=None,
) -> Comment:
    """A reply to ``parent``'s thread, in ``language`` (by default the interface's); from a Word
    import, ``delegation`` and ``word_import`` as for ``comment_create``."""
    require(user, "propose")
    root = parent.parent or parent
    body = _clean_body(body)
    reply = Comment(
        document=root.document,
        section=root.section,
        proposal=root.proposal,
        parent=root,
        author=user,
        delegation_id=_delegation_id(user, delegation),
        body=body,
        language=language or language_of(get_language()),
        section_version=root.section.version,
        word_import=word_import,
    )
    with transaction.atomic():
        save_versioned(reply, user=user, reason=_("Replied"))
        participants = [root.author, *[r.author for r in root.replies.select_related("author")]]
        if root.proposal is not None:
            participants.extend(_proposal_people(root.proposal))  # as for a new thread
            subject = _("New reply on proposal #%(n)s") % {"n": root.proposal_id}
        else:
            subject = _("New reply on “%(h)s”") % {"h": root.section.heading}
        notify(
            [*participants, *facilitators()],
            exclude=user,
            url=comment_url(reply),
            subject=subject,
            body=f"{user.display_name()}: {body}",
            comment=reply,
            kind=NotificationKind.REPLY,
            document=root.section.document,
        )
    return reply


def _may_resolve(user, thread: Comment) -> bool:
    return can(user, "edit_text") or thread.author_id == getattr(user, "pk", None)


def comment_resolve(*, user, thread: Comment) -> Comment:
    if thread.parent_id or not _may_resolve(user, thread):
        raise PermissionDenied
    with transaction.atomic():
        thread = Comment.objects.select_for_update().get(pk=thread.pk)
        if thread.resolved_at is None:
            thread.resolved_at, thread.resolved_by = timezone.now(), user
            save_versioned(thread, user=user, reason=_("Resolved"))
        return thread


def comment_reopen(*, user, thread: Comment) -> Comment:
    if thread.parent_id or not _may_resolve(user, thread):
        raise PermissionDenied
    with transaction.atomic():
        thread = Comment.objects.select_for_update().get(pk=thread.pk)
        if thread.resolved_at is not None:
            thread.resolved_at, thread.resolved_by = None, None
            save_versioned(thread, user=user, reason=_("Reopened"))
        return thread


def within_grace(comment: Comment) -> bool:
    limit = timedelta(minutes=settings.COMMENT_EDIT_GRACE_MINUTES)
    return timezone.now() - comment.created_at <= limit


def _locked(comment: Comment) -> Comment:
    """The comment as it is now, its row locked until the transaction ends: an author's edit
    and a moderator's hide at the same moment never undo each other."""
    return Comment.objects.select_for_update().get(pk=comment.pk)


def comment_edit(*, user, comment: Comment, body: str, language: str = "") -> Comment:
    """Authors edit their own comment within the grace period; the old text stays in history.
    ``language``: the language of the new text (empty: unchanged)."""
    with transaction.atomic():
        comment = _locked(comment)
        if (
            comment.author_id != getattr(user, "pk", None)
            or comment.is_deleted
            or comment.is_hidden
        ):
            raise PermissionDenied
        if not within_grace(comment):
            raise ValidationError(
                _("Comments can be edited for %(m)s minutes only.")
                % {"m": settings.COMMENT_EDIT_GRACE_MINUTES}
            )
        comment.body, comment.edited_at = _clean_body(body), timezone.now()
        comment.language = language or comment.language
        save_versioned(comment, user=user, reason=_("Edited by its author"))
        # The notifications quoting it show the new text (in the app, and in mail not yet
        # sent): an author who edits something out does not leave it in anyone's bell.
        Notification.objects.filter(comment=comment).update(
            body=f"{user.display_name()}: {comment.body}"
        )
        return comment


def comment_delete(*, user, comment: Comment) -> Comment:
    """Authors delete their own comment within the grace period (soft: the text stays in
    history); its e-mails not yet sent are withdrawn."""
    with transaction.atomic():
        comment = _locked(comment)
        if comment.author_id != getattr(user, "pk", None):
            raise PermissionDenied
        if not within_grace(comment):
            raise ValidationError(
                _("Comments can be deleted for %(m)s minutes only; ask the secretariat to hide it.")
                % {"m": settings.COMMENT_EDIT_GRACE_MINUTES}
            )
        comment.is_deleted = True
        notifications_withdraw(comment=comment)
        return save_versioned(comment, user=user, reason=_("Deleted by its author"))


def comment_hide(*, user, comment: Comment, reason: str) -> Comment:
    """Moderation by the secretariat: hidden from pages, the inbox, search and the e-mails not
    yet sent (withdrawn); the text stays in history, where only the secretariat reads it."""
    if user_role(user) != SECRETARIAT:
        raise PermissionDenied
    reason = clean_text(reason).strip()
    if not reason:
        raise ValidationError(_("Say why the comment is hidden."))
    with transaction.atomic():
        comment = _locked(comment)
        comment.is_hidden = True
        notifications_withdraw(comment=comment)
        return save_versioned(comment, user=user, reason=_("Hidden: %(r)s") % {"r": reason})


def section_follow(*, user, section: Section, follow: bool) -> bool:
    if follow:
        SectionFollow.objects.get_or_create(user=user, section=section)
    else:
        SectionFollow.objects.filter(user=user, section=section).delete()
    return follow


def inbox_mark_seen(*, user) -> None:
    User.objects.filter(pk=user.pk).update(inbox_seen_at=timezone.now())


def user_notify_set(*, user, mode: str) -> None:
    """Each event, daily digest or off (a personal setting, not versioned content)."""
    if mode not in NotifyMode.values:
        raise ValidationError(_("Unknown setting."))
    User.objects.filter(pk=user.pk).update(notify=mode)
