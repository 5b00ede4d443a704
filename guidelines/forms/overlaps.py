"""The redundant pairs list's threshold (a GET form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..selectors.overlaps import DEFAULT_THRESHOLD


class ThresholdForm(forms.Form):
    threshold = forms.IntegerField(
        label=_("Similarity at least (%)"), min_value=0, max_value=100, required=False,
        error_messages={"invalid": _("Type a whole number from 0 to 100.")},
    )  # fmt: skip

    def value(self) -> int:
        """The threshold in %: the typed one when valid, else the default."""
        if self.is_valid() and self.cleaned_data["threshold"] is not None:
            return self.cleaned_data["threshold"]
        return DEFAULT_THRESHOLD
