"""Guard: no record of ours that keeps history is written without a reason for the change.

Checked before the row is written (so a save without a reason leaves nothing behind) and again
when the history row is made (covering paths that bypass ``save()``).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record


class MissingChangeReason(ValueError):
    """Raised when a versioned record is saved without saying why."""


def _versioned(instance) -> bool:
    return instance._meta.app_label == "guidelines" and hasattr(type(instance), "history")


def _refuse(instance) -> None:
    raise MissingChangeReason(
        f"{instance._meta.label} was written without a reason for the change; "
        "write through a service in guidelines.services."
    )


@receiver(pre_save)
@receiver(pre_delete)
def require_reason_before_write(sender, instance, raw=False, **kwargs) -> None:
    if raw or not _versioned(instance):
        return  # loaddata (raw) and models without history are not ours to check
    if not (getattr(instance, "_change_reason", "") or "").strip():
        _refuse(instance)


@receiver(pre_create_historical_record)
def require_reason_on_history(sender, instance, history_instance, **kwargs) -> None:
    if instance._meta.app_label != "guidelines":
        return
    if hasattr(history_instance, "proposal_id") and not hasattr(instance, "proposal_id"):
        # a section version made by accepting a proposal (a reply's own proposal is left alone)
        history_instance.proposal_id = getattr(instance, "_proposal_id", None)
    if not (history_instance.history_change_reason or "").strip():
        _refuse(instance)


@receiver(user_logged_in)
def note_two_factor_due(sender, request=None, user=None, **kwargs) -> None:
    """After the password: remember in the session whether a code (or setting it up) is due."""
    from .selectors.two_factor import SESSION_KEY, two_factor_due

    if request is None or not hasattr(request, "session"):
        return
    due = two_factor_due(user)
    if due:
        request.session[SESSION_KEY] = due
    else:
        request.session.pop(SESSION_KEY, None)


_replacing_a_document: ContextVar[bool] = ContextVar("replacing_a_document", default=False)


@contextmanager
def replacing_a_document():
    """The one exception: ``restore_document --replace`` (run by an operator on the server)
    deletes a document's history rows inside the transaction that restores the same history
    from its backup. No page or admin action can reach this."""
    token = _replacing_a_document.set(True)
    try:
        yield
    finally:
        _replacing_a_document.reset(token)


@receiver(pre_delete)
def refuse_deleting_history(sender, instance, **kwargs) -> None:
    """History rows (simple-history's and the audit's) are never deleted, whatever the path."""
    from .models import AccountChange, AppendOnlyError, LoginEvent

    meta = instance._meta
    historical = meta.app_label == "guidelines" and meta.model_name.startswith("historical")
    if isinstance(instance, AccountChange | LoginEvent) or (
        historical and not _replacing_a_document.get()
    ):
        raise AppendOnlyError(f"{instance._meta.label} rows are never deleted.")


@receiver(post_save)
def keep_search_index(sender, instance, raw=False, **kwargs) -> None:
    """Every save of searchable text re-indexes it (services/search_index.py), whatever the
    write path; loaddata (raw) is left to ``rebuild_search_index``."""
    if raw or instance._meta.app_label != "guidelines":
        return
    from .services import search_index

    indexer = search_index.INDEXERS.get(sender)
    if indexer is not None and not search_index.indexing_is_deferred():
        indexer(instance)


@receiver(post_delete)
def drop_from_search_index(sender, instance, **kwargs) -> None:
    if instance._meta.app_label != "guidelines":
        return
    from .services import search_index

    if not search_index.indexing_is_deferred():
        search_index.on_delete(instance)


@receiver(post_save)
def schedule_overlaps(sender, instance, raw=False, **kwargs) -> None:
    """A section's text or translation, a Framework text or a standard saved (deleted and
    restored sections, removed standards are saves too): the duplication finder recomputes
    after the commit."""
    if raw or instance._meta.app_label != "guidelines":
        return
    from .models import FrameworkText, Section, SectionTranslation, Standard
    from .services import overlaps

    if sender is Section:
        overlaps.schedule_section(instance)
    elif sender is SectionTranslation:
        overlaps.schedule_section(instance.section)
    elif sender is FrameworkText or sender is Standard:  # incl. a standard removed
        overlaps.schedule_framework()


@receiver(post_delete)
def schedule_overlaps_after_delete(sender, instance, **kwargs) -> None:
    from .models import SectionTranslation
    from .services import overlaps

    if sender is SectionTranslation:
        overlaps.schedule_section(instance.section)


@receiver(post_save)
def schedule_rendering(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """A section's or translation's text saved: rendered into the shared cache after the commit
    (services/rendered.py). Saves that name their fields and leave the text alone are skipped."""
    if raw or instance._meta.app_label != "guidelines":
        return
    if update_fields is not None and "body" not in update_fields:
        return
    from .models import Section, SectionTranslation
    from .services import rendered

    if sender is Section:
        rendered.schedule_section(instance)
    elif sender is SectionTranslation:
        rendered.schedule_translation(instance)
