"""Admin for the secretariat: users, delegations and the SAFE reference data.

Every change made here asks for a reason and is recorded in history like any other write.
Sections are edited in the application itself, not here.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Delegation, Document, Mapping, Pillar, Standard, User
from .selectors.versions import mapping_version
from .services.versions import MappingConflict, check_mapping


class ReasonForm(forms.ModelForm):
    reason_for_change = forms.CharField(
        label=_("Reason for change"), max_length=300, help_text=_("Recorded in the history.")
    )


class VersionedAdmin(SimpleHistoryAdmin):
    form = ReasonForm

    def save_model(self, request, obj, form, change) -> None:
        obj._change_reason = form.cleaned_data["reason_for_change"]
        obj._history_user = request.user
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj) -> None:
        obj._change_reason = _("Deleted in the admin by %(user)s") % {"user": request.user}
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


class StandardInline(admin.TabularInline):
    model = Standard
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["number", "title", "tier"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # standards carry their own reason for change on their own page


@admin.register(Pillar)
class PillarAdmin(VersionedAdmin):
    list_display = ["number", "title", "added_in", "verified"]
    inlines = [StandardInline]


@admin.register(Standard)
class StandardAdmin(VersionedAdmin):
    list_display = ["__str__", "pillar", "number", "tier"]
    list_filter = ["pillar"]
    list_select_related = ["pillar"]
    search_fields = ["title"]


class MappingForm(ReasonForm):
    """A change carries the mapping's version token: saving over a newer change is refused with
    who changed it, when and why, and the form keeps what was typed, on the new version."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = mapping_version(self.instance)

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk:
            try:  # the admin saves in the transaction this runs in: the row stays locked
                check_mapping(self.instance, cleaned.get("version"))
            except MappingConflict:
                current = Mapping.objects.get(pk=self.instance.pk)
                self.data = self.data.copy()
                self.data["version"] = mapping_version(current)
                latest = current.history.select_related("history_user").latest("history_id")
                who = latest.history_user.display_name() if latest.history_user else _("system")
                raise forms.ValidationError(
                    _(
                        "Not saved: %(who)s changed this mapping on %(when)s (%(reason)s) since "
                        "you opened it. Your entries are kept: check them against the change and "
                        "save again to replace it."
                    )
                    % {
                        "who": who,
                        "when": formats.date_format(
                            timezone.localtime(latest.history_date), "DATETIME_FORMAT"
                        ),
                        "reason": latest.history_change_reason,
                    },
                    code="conflict",
                ) from None
        return cleaned


@admin.register(Mapping)
class MappingAdmin(VersionedAdmin):
    form = MappingForm
    list_display = ["section", "standard", "relation", "is_deleted"]
    list_filter = ["relation", "is_deleted", "standard__pillar"]
    list_select_related = ["section", "standard__pillar"]
    autocomplete_fields = ["standard"]
    raw_id_fields = ["section"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # removal is soft: tick "removed"


@admin.register(Delegation)
class DelegationAdmin(VersionedAdmin):
    list_display = ["name", "code", "kind"]
    search_fields = ["name", "code"]


@admin.register(Document)
class DocumentAdmin(VersionedAdmin):
    list_display = ["title", "slug", "created_at"]
    prepopulated_fields = {"slug": ["title"]}

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "delegation", "is_active"]
    list_filter = ["groups", "delegation", "is_active"]
    list_select_related = ["delegation"]
    fieldsets = DjangoUserAdmin.fieldsets + ((_("Delegation"), {"fields": ["delegation"]}),)
    add_fieldsets = DjangoUserAdmin.add_fieldsets + ((_("Delegation"), {"fields": ["delegation"]}),)
