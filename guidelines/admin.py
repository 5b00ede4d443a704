"""Admin for the secretariat: users, delegations and the SAFE reference data.

Every change made here asks for a reason and is recorded in history like any other write.
Sections are edited in the application itself, not here.
"""

from django import forms
from django.contrib import admin
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ApiToken,
    Delegation,
    Document,
    FrameworkText,
    Mapping,
    Pillar,
    Section,
    Standard,
)
from .selectors.versions import mapping_version


def _conflict(who, when, reason) -> forms.ValidationError:
    """Someone saved the record since the form was opened: who, when, why."""
    return forms.ValidationError(
        _(
            "Not saved: %(who)s changed this record on %(when)s (%(reason)s) since you opened "
            "it. Your entries are kept: check them against the change and save again to replace "
            "it."
        )
        % {
            "who": who.display_name() if who else _("system"),
            "when": formats.date_format(timezone.localtime(when), "DATETIME_FORMAT"),
            "reason": reason or "–",
        },
        code="conflict",
    )


class ReasonForm(forms.ModelForm):
    """Every change carries a reason, and the version (latest history row) the form was opened
    on: saving over a newer change is refused, with the typed entries kept. The admin runs the
    form in the transaction that saves, so the row locked here stays locked until the save."""

    reason_for_change = forms.CharField(
        label=_("Reason for change"), max_length=300, help_text=_("Recorded in the history.")
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.current_version(self.instance)

    def current_version(self, instance) -> str:
        latest = instance.history.order_by("-history_id").values_list("history_id", flat=True)
        return str(latest.first() or 0)

    def lock_and_reload(self):
        """Lock the row and return it as it is now."""
        return type(self.instance).objects.select_for_update().get(pk=self.instance.pk)

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk:
            current = self.lock_and_reload()
            version = self.current_version(current)
            if cleaned.get("version") != version:
                self.data = self.data.copy()
                self.data["version"] = version  # saving again replaces the newer change
                raise _conflict(*self.latest_change(current))
        return cleaned

    def latest_change(self, current) -> tuple:
        """Who made the latest change, when and why."""
        latest = current.history.select_related("history_user").latest("history_id")
        return latest.history_user, latest.history_date, latest.history_change_reason


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
    list_display = ["__str__", "pillar", "number", "tier", "is_deleted"]
    list_filter = ["pillar", "is_deleted"]
    list_select_related = ["pillar"]
    search_fields = ["title"]


class FrameworkTextForm(ReasonForm):
    """The rules of ``framework_text_save`` (a text, within the size limit, of a standard in
    the Framework, a specification number such as 6.1) and one live text per standard,
    specification and language, each said in a translated message."""

    def clean(self) -> dict:
        from .imports.framework_types import SPEC_NUMBER
        from .services.sections import clean_text, validate_body

        cleaned = super().clean()
        text = self.instance
        removing = cleaned.get("is_deleted")
        if "body" in cleaned:
            body = clean_text(cleaned["body"]).strip()
            if not body:
                self.add_error("body", forms.ValidationError(_("The text is empty."), "required"))
            else:
                try:
                    validate_body(body)
                except forms.ValidationError as error:
                    self.add_error("body", error)
        standard = cleaned.get("standard") if not text.pk else text.standard
        if standard is not None and standard.is_deleted and not removing:
            self.add_error(
                "standard" if not text.pk else None,
                forms.ValidationError(
                    _("%(code)s is removed from the Framework: restore it before writing its "
                      "text.") % {"code": standard.code},
                    code="removed",
                ),
            )  # fmt: skip
        spec = clean_text(cleaned.get("spec") or "").strip() if not text.pk else text.spec
        if not text.pk and spec and not SPEC_NUMBER.match(spec):
            self.add_error(
                "spec",
                forms.ValidationError(
                    _("“%(number)s” is not a specification number such as 6.1.") % {"number": spec},
                    code="invalid",
                ),
            )
        if not text.pk and standard is not None and not removing and "language" in cleaned:
            if FrameworkText.objects.filter(
                standard=standard, spec=spec, language=cleaned["language"], is_deleted=False
            ).exists():
                # on a field: the database's "Constraint … is violated" is then not repeated
                self.add_error(
                    "standard",
                    forms.ValidationError(
                        _("A text of the same standard, specification and language is in use: "
                          "edit that one instead."),
                        code="duplicate",
                    ),
                )  # fmt: skip
        if text.pk and text.is_deleted and not removing:  # put back
            others = FrameworkText.objects.filter(
                standard_id=text.standard_id, spec=text.spec, language=text.language,
                is_deleted=False,
            ).exclude(pk=text.pk)  # fmt: skip
            if others.exists():
                raise forms.ValidationError(
                    _("Another text of the same standard, specification and language is in "
                      "use: remove that one first."),
                    code="duplicate",
                )  # fmt: skip
        return cleaned


@admin.register(FrameworkText)
class FrameworkTextAdmin(VersionedAdmin):
    """The Framework's text, one row per standard (or specification) and language. A change of
    the title or text is a new version, with who and why; removal is soft (tick "removed").
    The changelist links to the file import (templates/admin/guidelines/frameworktext/)."""

    form = FrameworkTextForm
    list_display = ["__str__", "title", "language", "version", "is_deleted", "updated_at"]
    list_filter = ["language", "is_deleted", "standard__pillar"]
    list_select_related = ["standard__pillar"]
    search_fields = ["title", "body"]
    autocomplete_fields = ["standard"]
    # The model's "version" is not a form field: the form's hidden "version" is the history
    # token of ReasonForm; the text's version is shown read-only and bumped on save.
    exclude = ["version"]
    readonly_fields = ["text_version"]

    @admin.display(description=_("version"))
    def text_version(self, obj) -> int | str:
        return obj.version if obj.pk else "–"

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        if obj is not None:  # what the text is of is fixed: add a new one instead
            return ["standard", "spec", "language", "text_version"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change) -> None:
        from .services.sections import clean_text

        obj.title, obj.body = clean_text(obj.title).strip(), clean_text(obj.body).strip()
        obj.spec = clean_text(obj.spec).strip()
        if change and {"title", "body"} & set(form.changed_data):
            obj.version += 1
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # removal is soft: tick "removed"


class MappingForm(ReasonForm):
    """A mapping's version is its digest (``selectors/versions.py``), as in the application.
    Locks in the application's order: the section(s), then the mapping."""

    def current_version(self, instance) -> str:
        return mapping_version(instance)

    def lock_and_reload(self):
        section_ids = {self.instance.section_id}
        if self.cleaned_data.get("section") is not None:
            section_ids.add(self.cleaned_data["section"].pk)
        list(Section.objects.select_for_update().filter(pk__in=section_ids).order_by("pk"))
        return Mapping.objects.select_for_update().get(pk=self.instance.pk)


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
    list_display = ["title", "title_fr", "slug", "created_at"]
    fields = ["title", "title_fr", "slug", "description", "description_fr"]
    prepopulated_fields = {"slug": ["title"]}

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


from . import admin_users  # noqa: E402, F401  (the users' admin, registered there)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Anyone's personal API tokens, for the secretariat: read-only, revoked by the action."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__username")
    readonly_fields = ("user", "name", "prefix", "token_hash", "created_at", "last_used_at",
                       "revoked_at", "revoked_by")  # fmt: skip
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False  # a token is made by its user, on the API tokens page

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoked, never deleted (the audit trail names it)

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset) -> None:
        from .services.api_tokens import api_token_revoke

        for token in queryset:
            api_token_revoke(token=token, by=request.user, reason="Revoked in the admin.")
