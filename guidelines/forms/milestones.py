from django import forms
from django.utils.translation import gettext_lazy as _

from .sections import CleanTextField


class MilestoneForm(forms.Form):
    name = CleanTextField(
        label=_("Name"),
        max_length=200,
        help_text=_("e.g. “Draft 1 for the SAFE Review Sub-Group, December 2017”"),
    )
    description = CleanTextField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
