"""The work queue's per-item "seen" marks (personal state, like the inbox's seen mark: not
versioned content, so no history)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .comments import Comment
from .proposals import Proposal


class QueueSeen(models.Model):
    """The user looked at one item of their "To do" at ``seen_at``: the item leaves the count
    until something happens on it after that moment. Exactly one target."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="queue_seen"
    )
    thread = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    seen_at = models.DateTimeField(_("seen at"))

    class Meta:
        verbose_name = _("seen mark")
        verbose_name_plural = _("seen marks")
        constraints = [
            models.CheckConstraint(
                condition=(Q(thread__isnull=False) & Q(proposal__isnull=True))
                | (Q(thread__isnull=True) & Q(proposal__isnull=False)),
                name="queueseen_one_target",
            ),
            # NULLs are distinct in a unique index: a proposal's mark never collides with a
            # thread's, and each target has at most one mark per user.
            models.UniqueConstraint(fields=["user", "thread"], name="queueseen_thread_unique"),
            models.UniqueConstraint(fields=["user", "proposal"], name="queueseen_proposal_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} saw {self.thread_id or self.proposal_id} at {self.seen_at}"
