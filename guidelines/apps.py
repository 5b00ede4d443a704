from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidelinesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "guidelines"
    verbose_name = _("ISCM Guidelines")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the history-reason guard)
        from .services import accounts, logins  # noqa: F401  (record account changes, sign-ins)
