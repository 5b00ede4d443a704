"""The users' admin: the secretariat manages accounts without being able to escalate.

The secretariat sees and changes names, e-mail, active flag, delegation and role (exactly one of
the four roles; staff status follows the secretariat role) and sets passwords. It never sees nor
sets superuser status, individual permissions or other groups (fields it is not offered are
ignored when posted), cannot change a superuser's account and cannot delete accounts (deactivate
them instead: their history stays attributed). Superusers keep superuser status and permissions.
Every change asks for a reason and is recorded in ``AccountChange`` (who, when, why, before →
after) by ``services.accounts.account_save``.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm, UserChangeForm
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .admin import ReasonForm
from .models import AccountChange, User
from .permissions import ROLE_LABELS, ROLES, user_role
from .selectors.audit_sources import account_changes_text
from .services.accounts import account_save

ROLE_CHOICES = [(role, ROLE_LABELS[role]) for role in ROLES]


class _AccountReason(ReasonForm):
    """Reason and version check for a user: the version is the latest recorded change."""

    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and "role" in self.fields:
            self.fields["role"].initial = user_role(self.instance)

    def current_version(self, instance) -> str:
        latest = AccountChange.objects.filter(user_id=instance.pk).order_by("-id")
        return str(latest.values_list("id", flat=True).first() or 0)

    def latest_change(self, current) -> tuple:
        change = (
            AccountChange.objects.filter(user_id=current.pk)
            .select_related("changed_by")
            .latest("id")
        )
        return change.changed_by, change.changed_at, change.reason


class AccountChangeForm(_AccountReason, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class AccountCreationForm(_AccountReason, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ["username"]


class PasswordForm(AdminPasswordChangeForm):
    """Setting a password also asks for a reason (recorded with the change)."""

    reason_for_change = forms.CharField(
        label=_("Reason for change"), max_length=300, help_text=_("Recorded in the history.")
    )

    def save(self, commit=True):
        self.user._change_reason = self.cleaned_data["reason_for_change"]
        return super().save(commit=commit)


_NAMES = ["username", "password"]
_PERSON = ["first_name", "last_name", "email"]
_ROLE = ["role", "delegation", "is_active"]
_REASON = ["reason_for_change", "version"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = AccountChangeForm
    add_form = AccountCreationForm
    change_password_form = PasswordForm
    change_user_password_template = "admin/guidelines/user/change_password.html"
    list_display = ["username", "first_name", "last_name", "delegation", "is_active"]
    list_filter = ["groups", "delegation", "is_active"]
    list_select_related = ["delegation"]
    readonly_fields = ["account_history"]
    filter_horizontal = []

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            sets = [
                (None, {"fields": ["username", "usable_password", "password1", "password2"]}),
                (_("Personal info"), {"fields": _PERSON}),
                (_("Role and delegation"), {"fields": _ROLE}),
                (_("Change"), {"fields": _REASON}),
            ]
        else:
            sets = [
                (None, {"fields": _NAMES}),
                (_("Personal info"), {"fields": _PERSON}),
                (_("Role and delegation"), {"fields": _ROLE}),
                (_("Change"), {"fields": _REASON}),
                (_("History"), {"fields": ["account_history"]}),
            ]
        if request.user.is_superuser:
            sets.insert(-1 if obj else len(sets) - 1, (
                _("Superuser only"), {"fields": ["is_superuser", "user_permissions"]}
            ))  # fmt: skip
        return sets

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False  # a superuser's account is changed by superusers only
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        account_save(
            user=obj,
            role=form.cleaned_data.get("role"),
            by=request.user,
            reason=form.cleaned_data["reason_for_change"],
        )

    def save_related(self, request, form, formsets, change) -> None:
        if "user_permissions" in form.cleaned_data and request.user.is_superuser:
            form.instance.user_permissions.set(form.cleaned_data["user_permissions"])
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    @admin.display(description=_("Recorded changes"))
    def account_history(self, obj) -> str:
        changes = AccountChange.objects.filter(user=obj).select_related("changed_by")[:20]
        if not obj or not changes:
            return "–"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    c.changed_at.strftime("%Y-%m-%d %H:%M"),
                    c.changed_by.display_name() if c.changed_by else _("system"),
                    c.reason or "–",
                    account_changes_text(c.changes),
                )
                for c in changes
            ),
        )
        return format_html("<table>{}</table>", rows)
