"""The four roles as Django groups, each with the model permissions it needs in the admin.

No role holds a permission on ``auth`` (groups, permissions) nor on the history and audit
records: the secretariat manages users, delegations and roles without being able to grant
itself more. Accounts are deactivated, not deleted (only superusers delete them).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from ..permissions import FACILITATOR, MEMBER, OBSERVER, ROLES, SECRETARIAT

_VIEW_ALL = [
    f"view_{m}"
    for m in ("document", "section", "pillar", "standard", "mapping", "delegation", "frameworktext")
]
ROLE_PERMISSIONS: dict[str, list[str]] = {
    OBSERVER: _VIEW_ALL,
    MEMBER: _VIEW_ALL,
    FACILITATOR: _VIEW_ALL + ["add_section", "change_section"],
    SECRETARIAT: _VIEW_ALL
    + [
        f"{action}_{model}"
        for model in ("pillar", "standard", "mapping", "delegation", "document")
        for action in ("add", "change", "delete")
    ]
    + ["add_section", "change_section", "add_user", "change_user", "view_user"]
    # The SAFE Framework's text (removal is soft: "removed" ticked, never a delete).
    + ["add_frameworktext", "change_frameworktext"]
    # Personal API tokens: see anyone's, and revoke them (the hash is read-only).
    + ["view_apitoken", "change_apitoken"]
    # Sign-in lockouts (django-axes): see them and lift one by deleting the access attempt.
    + ["axes.view_accessattempt", "axes.delete_accessattempt"],
}


def _split(code: str) -> tuple[str, str]:
    """``"axes.view_accessattempt"`` -> ("axes", "view_accessattempt"); no app: guidelines."""
    app, _, codename = code.rpartition(".")
    return app or "guidelines", codename


def roles_sync() -> dict[str, Group]:
    """Create the role groups if missing and give each exactly its permissions (idempotent)."""
    with transaction.atomic():
        wanted = {_split(code) for codes in ROLE_PERMISSIONS.values() for code in codes}
        perms = {
            (p.content_type.app_label, p.codename): p
            for p in Permission.objects.filter(
                content_type__app_label__in={app for app, _ in wanted},
                codename__in={codename for _, codename in wanted},
            ).select_related("content_type")
        }
        groups = {}
        for role in ROLES:
            group, _ = Group.objects.get_or_create(name=role)
            group.permissions.set(
                [perms[_split(c)] for c in ROLE_PERMISSIONS[role] if _split(c) in perms]
            )
            groups[role] = group
        return groups
