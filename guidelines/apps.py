from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, using="default", **kwargs) -> None:
    """After every ``migrate``: the four role groups hold exactly their permissions, so an
    upgrade that changes them (e.g. the secretariat may lift sign-in lockouts, may no longer
    delete users) applies to an existing database without another command."""
    from .services.roles import roles_sync

    roles_sync()


def _index_for_search(sender, using="default", **kwargs) -> None:
    """After ``migrate``: a database with documents and an empty search index (the upgrade that
    added search, or a bulk load) is indexed once, with the current models (a data migration
    would run today's code against an older schema)."""
    from .models import Document, SearchEntry
    from .services.search_index import rebuild_all

    if not SearchEntry.objects.using(using).exists() and Document.objects.using(using).exists():
        rebuild_all()


class GuidelinesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "guidelines"
    verbose_name = _("ISCM Guidelines")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the history-reason guard)
        from .services import accounts, logins  # noqa: F401  (record account changes, sign-ins)

        # guidelines comes last in INSTALLED_APPS: every app's permissions exist by then.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="iscm-sync-roles")
        post_migrate.connect(_index_for_search, sender=self, dispatch_uid="iscm-search-index")
