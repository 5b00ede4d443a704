"""Guard: no history row of ours is written without a reason for the change."""

from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record


class MissingChangeReason(ValueError):
    """Raised when a versioned record is saved without saying why."""


@receiver(pre_create_historical_record)
def require_change_reason(sender, instance, history_instance, **kwargs) -> None:
    if instance._meta.app_label != "guidelines":
        return
    if not (history_instance.history_change_reason or "").strip():
        raise MissingChangeReason(
            f"{instance._meta.label} was saved without a reason for the change; "
            "write through a service in guidelines.services."
        )
