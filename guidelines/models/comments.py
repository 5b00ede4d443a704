"""Comments on sections (optionally on a quoted passage) and on proposals (their discussion),
follows, and e-mail notifications."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .accounts import Delegation
from .documents import Document, Section
from .translations import Language


class CommentQuerySet(models.QuerySet):
    def threads(self) -> "CommentQuerySet":
        return self.filter(parent__isnull=True)

    def visible(self) -> "CommentQuerySet":
        return self.filter(is_hidden=False, is_deleted=False)

    def open(self) -> "CommentQuerySet":
        return self.filter(resolved_at__isnull=True)


class Comment(models.Model):
    """A comment; a thread is a comment without parent plus its replies. A thread may quote a
    passage of the section: ``quote`` with ``prefix``/``suffix`` context (whitespace-normalised
    plain text of the rendered section), re-found after edits by ``rendering.anchoring``.

    A thread with ``proposal`` set is part of that proposal's discussion (shown on the proposal
    page, not the section's); its replies carry the same ``proposal``, ``document`` and
    ``section`` as the thread."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="comments")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    proposal = models.ForeignKey(
        "guidelines.Proposal", on_delete=models.PROTECT, null=True, blank=True,
        related_name="comments", verbose_name=_("proposal"),
    )  # fmt: skip
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("comment"))
    # The language the text is written in (each reply its own); shown as written, never translated.
    language = models.CharField(
        _("language of the text"), max_length=8, choices=Language.choices,
        default=Language.ENGLISH,
    )  # fmt: skip
    quote = models.TextField(_("quoted passage"), blank=True)
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    quote_start = models.PositiveIntegerField(null=True, blank=True)
    section_version = models.PositiveIntegerField(_("made on version"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_deleted = models.BooleanField(_("deleted by its author"), default=False)
    is_hidden = models.BooleanField(_("hidden by the secretariat"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    round = models.ForeignKey(  # a thread made in response to a consultation round
        "guidelines.ConsultationRound",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("in response to"),
    )
    word_import = models.ForeignKey(  # the Word file it was imported from, if any
        "guidelines.WordImport", on_delete=models.PROTECT, null=True, blank=True,
        related_name="comments", verbose_name=_("imported from"),
    )  # fmt: skip
    history = HistoricalRecords()

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["section", "parent"]),
            models.Index(fields=["document", "resolved_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.author} on {self.section_id}: {self.body[:40]}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class SectionFollow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "section"], name="follow_unique")]

    def __str__(self) -> str:
        return f"{self.user} follows {self.section_id}"


class NotificationKind(models.TextChoices):
    """What happened (fixed order; the bell and the e-mails name it)."""

    COMMENT = "comment", _("new comment")
    REPLY = "reply", _("new reply")
    PROPOSAL = "proposal", _("new proposal")
    DECISION = "decision", _("decision on a proposal")
    ROUND = "round", _("consultation round")
    REMINDER = "reminder", _("reminder")
    OTHER = "other", _("other")


class NotificationQuerySet(models.QuerySet):
    def in_app(self, user) -> "NotificationQuerySet":
        """What the user's bell shows: theirs, not withdrawn (a hidden comment's text never)."""
        return self.filter(recipient=user, withdrawn_at__isnull=True)

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)

    def by_email(self) -> "NotificationQuerySet":
        return self.filter(by_email=True)


class Notification(models.Model):
    """An event for one recipient: always shown in-app (the bell, until ``read_at``), and
    e-mailed according to the recipient's setting when it was written (``by_email``; a row with
    ``by_email=False`` is never claimed, never sent, not on the Outbox page).

    The e-mail part is an outbox: written in the same transaction as the event, sent after commit
    by the task worker (each-event users) or by `send_notifications --digest` (daily digest)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    digest = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    # A sender claims rows before sending (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL, a
    # conditional UPDATE elsewhere), so two workers never send the same mail.
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # The comment whose text the body quotes: hiding or deleting it withdraws the mails not yet
    # sent (kept for the record, never sent).
    comment = models.ForeignKey(
        Comment, on_delete=models.SET_NULL, null=True, blank=True, related_name="notifications"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=NotificationKind.choices, default=NotificationKind.OTHER
    )
    # Like ``comment``: a document replaced by its backup leaves its notifications (kept).
    document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_email = models.BooleanField(_("by e-mail"), default=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["sent_at", "digest"]),
            models.Index(fields=["recipient", "read_at"]),
        ]

    def __str__(self) -> str:
        return f"to {self.recipient}: {self.subject}"

    @property
    def has_failed(self) -> bool:
        return self.sent_at is None and self.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS
