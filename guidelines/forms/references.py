"""The references page's one form: converting one typed reference into a ``[[key]]`` link."""

from django import forms

from ..models import Language
from .sections import VersionField, version_number


class TypedReferenceConvertForm(forms.Form):
    """One finding of the typed-reference checker, as the page showed it (all hidden)."""

    section = forms.SlugField(max_length=80, widget=forms.HiddenInput)
    language = forms.ChoiceField(choices=Language.choices, widget=forms.HiddenInput)
    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    text = forms.CharField(max_length=80, strip=False, widget=forms.HiddenInput)
    target = forms.SlugField(max_length=80, widget=forms.HiddenInput)
    version = VersionField()  # of the text (the section's, or its translation's) the page showed

    def version_number(self) -> int | None:
        return version_number(self.cleaned_data.get("version"))
