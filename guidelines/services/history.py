"""The one way a versioned record is written: who, why, validated, and only if it changed."""

from django.db import models


def changed_fields(instance: models.Model, before: dict[str, object]) -> list[str]:
    """Names of the fields whose value differs from ``before`` (a snapshot of field values)."""
    return [name for name, value in before.items() if getattr(instance, name) != value]


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, object]:
    return {name: getattr(instance, name) for name in fields}


def save_versioned(instance: models.Model, *, user, reason: str, proposal=None) -> models.Model:
    """Validate and save ``instance``, recording ``user`` and ``reason`` on its history row (and,
    for a section, the ``proposal`` the change comes from)."""
    if not (reason or "").strip():
        raise ValueError("A reason for the change is required.")
    instance.full_clean()
    instance._history_user = user if getattr(user, "is_authenticated", False) else None
    instance._change_reason = reason.strip()
    instance._proposal_id = proposal.pk if proposal is not None else None
    instance.save()
    return instance
