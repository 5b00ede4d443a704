"""Append-only records for the audit trail: changes to user accounts and sign-ins.

Neither is ever edited nor deleted: ``save()`` refuses an existing row, ``delete()`` and the
queryset's ``update()``/``delete()`` refuse always (a guard in ``signals.py`` refuses deletes
that bypass them), and the admin has no page for them.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(PermissionError):
    """An audit row was about to be changed or deleted."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.label} rows are never changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.label} rows are never deleted.")


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.label} rows are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.label} rows are never deleted.")


class AccountChange(AppendOnly):
    """One change of a user account: who made it, when, why, and each field before → after.
    ``changes`` maps a field name to ``[before, after]`` as display text (the password only as
    "set"/"changed", never its hash)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="account_changes"
    )
    username = models.CharField(_("username"), max_length=150)  # as it was, for reading
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)
    created = models.BooleanField(_("account created"), default=False)
    reason = models.TextField(_("reason for change"), blank=True)
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("account change")
        verbose_name_plural = _("account changes")

    def __str__(self) -> str:
        return f"{self.username} {self.changed_at:%Y-%m-%d %H:%M}"


class LoginOutcome(models.TextChoices):
    SUCCESS = "success", _("signed in")
    FAILURE = "failure", _("sign-in failed")
    LOGOUT = "logout", _("signed out")


class LoginEvent(AppendOnly):
    """A sign-in (successful or not) or a sign-out, with where it came from."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=8, choices=LoginOutcome.choices)
    username = models.CharField(_("username tried"), max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="login_events",
    )
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in events")

    def __str__(self) -> str:
        return f"{self.username} {self.outcome} {self.at:%Y-%m-%d %H:%M}"
