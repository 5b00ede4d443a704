"""Reads of the in-app notifications (the bell)."""

from django.db.models import QuerySet

from ..models import Notification


def user_notifications(user) -> QuerySet:
    """The user's notifications, newest first; withdrawn ones (a hidden or deleted comment's)
    never. With the comment a body quotes (its language marks the quoted text)."""
    return (
        Notification.objects.in_app(user)
        .select_related("document", "comment")
        .order_by("-created_at", "-id")
    )
