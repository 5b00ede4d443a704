"""Delegations and users. A user's role is the Django group they belong to (see permissions)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DelegationKind(models.TextChoices):
    CUSTOMS = "customs", _("Customs administration")
    PRIVATE_SECTOR = "private", _("Private sector")
    SECRETARIAT = "secretariat", _("Secretariat")


class Delegation(models.Model):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DelegationKind.choices, default=DelegationKind.CUSTOMS
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self) -> str:
        return self.name


class NotifyMode(models.TextChoices):
    EACH = "each", _("an e-mail for each event")
    DIGEST = "digest", _("one daily digest")
    OFF = "off", _("no e-mail")


class User(AbstractUser):
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    notify = models.CharField(
        _("e-mail notifications"), max_length=8, choices=NotifyMode.choices, default=NotifyMode.EACH
    )
    inbox_seen_at = models.DateTimeField(_("inbox last seen"), null=True, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def display_name(self) -> str:
        return self.get_full_name() or self.username
