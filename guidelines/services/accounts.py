"""Writes of user accounts, each recorded in ``AccountChange`` (who, when, why, before → after).

``account_save`` is the way the admin and the seed change a user: it sets the role (exactly one
of the four role groups; staff status follows the secretariat role) and records one row with
every field that changed. Writes made any other way (``createsuperuser``, a shell, Django's own
forms) are still recorded by the receivers at the end of this module, one row per save or group
change, with the reason given on the instance (``_change_reason``) or none.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from ..models import AccountChange, User
from ..permissions import ROLES, SECRETARIAT

TRACKED = (
    "username", "first_name", "last_name", "email", "is_active", "delegation_id", "is_staff",
    "is_superuser", "password",
)  # fmt: skip
_FIELD_NAMES = {"delegation_id": "delegation"}
_IN_SERVICE = "_account_change_in_service"


def _role(user_id: int | None) -> str:
    if user_id is None:
        return ""
    names = set(Group.objects.filter(user__id=user_id).values_list("name", flat=True))
    return next((r for r in ROLES if r in names), "")


def _state(user: User | None) -> dict[str, object]:
    """The tracked values of a stored user (the database's, not the instance's), plus role."""
    if user is None or user.pk is None:
        return {}
    values = User.objects.filter(pk=user.pk).values(*TRACKED).first() or {}
    return {**values, "role": _role(user.pk)}


def _text(field: str, value, delegations: dict[int, str]) -> str:
    if field == "delegation_id":
        return delegations.get(value, "") if value else ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _diff(before: dict, after: dict) -> dict[str, list[str]]:
    from ..models import Delegation

    ids = {v for k, v in (*before.items(), *after.items()) if k == "delegation_id" and v}
    names = dict(Delegation.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    changes = {}
    for field in (*TRACKED, "role"):
        old, new = before.get(field), after.get(field)
        if field not in after or old == new:
            continue
        if field == "password":
            changes["password"] = ["", "changed" if before else "set"]
            continue
        changes[_FIELD_NAMES.get(field, field)] = [
            _text(field, old, names) if before else "",
            _text(field, new, names),
        ]
    return changes


def _record(*, user: User, by, reason: str, before: dict, after: dict) -> AccountChange | None:
    changes = _diff(before, after)
    if not changes:
        return None
    return AccountChange.objects.create(
        user=user,
        username=user.username,
        changed_by=by if getattr(by, "is_authenticated", False) else None,
        created=not before,
        reason=(reason or "").strip(),
        changes=changes,
    )


def account_save(*, user: User, role: str | None, by, reason: str) -> AccountChange | None:
    """Save ``user`` (new or changed) with exactly the role ``role`` (None: leave the role as it
    is). Records who (``by``), when and why (``reason``, required), and every field before → after;
    nothing is recorded when nothing changed. Staff status follows the secretariat role (a
    superuser stays staff)."""
    if not (reason or "").strip():
        raise ValueError("A reason for the change is required.")
    if role is not None and role not in ROLES:
        raise ValueError(f"Unknown role {role!r}.")
    with transaction.atomic():
        if user.pk is not None:
            # FOR NO KEY UPDATE: the key is never changed here, and a plain FOR UPDATE would
            # conflict with the key-share locks that every row referring to the user takes
            # (a notification being written for them), which deadlocked on PostgreSQL.
            User.objects.select_for_update(no_key=True).filter(pk=user.pk).first()
        before = _state(user)
        if role is not None:
            user.is_staff = user.is_superuser or role == SECRETARIAT
        setattr(user, _IN_SERVICE, True)
        try:
            user.save()
            if role is not None:
                role_groups = list(Group.objects.filter(name__in=ROLES))
                user.groups.remove(*[g for g in role_groups if g.name != role])
                user.groups.add(*[g for g in role_groups if g.name == role] or [_group(role)])
        finally:
            delattr(user, _IN_SERVICE)
        user._iscm_role = False  # forget the cached role
        return _record(user=user, by=by, reason=reason, before=before, after=_state(user))


def _group(role: str) -> Group:
    return Group.objects.get_or_create(name=role)[0]


# --- Writes made outside account_save: recorded all the same -------------------------------


def _actor():
    request = getattr(HistoricalRecords.context, "request", None)
    return getattr(request, "user", None)


@receiver(pre_save, sender=User)
def _before_user_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw or getattr(instance, _IN_SERVICE, False):
        return
    if update_fields is not None and not set(update_fields) & {*TRACKED, "delegation"}:
        return  # e.g. last_login at each sign-in
    instance._account_before = _state(instance)


@receiver(post_save, sender=User)
def _after_user_save(sender, instance, raw=False, **kwargs) -> None:
    if raw or getattr(instance, _IN_SERVICE, False) or not hasattr(instance, "_account_before"):
        return
    before = instance.__dict__.pop("_account_before")
    after = {k: v for k, v in _state(instance).items() if k != "role" or before}
    _record(
        user=instance,
        by=getattr(instance, "_history_user", None) or _actor(),
        reason=getattr(instance, "_change_reason", "") or "",
        before=before,
        after=after,
    )


@receiver(m2m_changed, sender=User.groups.through)
def _user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if getattr(instance, _IN_SERVICE, False):
        return
    user_ids = list(pk_set or []) if reverse else [instance.pk]
    if reverse and action.endswith("clear"):
        user_ids = list(instance.user_set.values_list("pk", flat=True))
    if action.startswith("pre_"):
        instance._roles_before = {pk: _role(pk) for pk in user_ids}
        return
    before = instance.__dict__.pop("_roles_before", {})
    users = {u.pk: u for u in User.objects.filter(pk__in=before)} if reverse else {}
    for pk, old in before.items():
        user = instance if not reverse else users.get(pk)
        if user is None:
            continue
        _record(
            user=user,
            by=_actor(),
            reason=getattr(instance, "_change_reason", "") or "",
            before={"role": old},
            after={"role": _role(pk)},
        )
