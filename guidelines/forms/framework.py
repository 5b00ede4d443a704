"""The upload of a SAFE Framework text file (YAML or Markdown)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .sections import CleanTextField

ACCEPT = ".yaml,.yml,.md,.markdown,.txt,text/yaml,text/markdown,text/plain"


class FrameworkUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Framework text file (YAML or Markdown)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    reason = CleanTextField(
        label=_("Reason for change"),
        max_length=300,
        initial=_("Imported from a file"),
        help_text=_("Recorded in the history of every text the file changes."),
    )
