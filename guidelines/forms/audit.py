"""The audit trail's filters: person, delegation, kind and dates (GET)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..selectors.audit import AuditChoices, AuditFilters


class AuditFilterForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Person"), required=False, coerce=int, empty_value=None)
    delegation = forms.TypedChoiceField(
        label=_("Delegation"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    date_from = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("date range", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, data, *, choices: AuditChoices) -> None:
        super().__init__(data)
        self.fields["person"].choices = [("", _("Everyone")), *choices.people]
        self.fields["delegation"].choices = [("", _("All delegations")), *choices.delegations]
        self.fields["kind"].choices = [("", _("Everything")), *choices.kinds]

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def filters(self) -> AuditFilters:
        """The filters as typed; an invalid one is left out (the page says which)."""
        data = self.cleaned_data if self.is_valid() else {
            k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors
        }  # fmt: skip
        return AuditFilters(
            person=data.get("person"),
            delegation=data.get("delegation"),
            kind=data.get("kind") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
