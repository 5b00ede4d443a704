"""Forms of the translator's pages: the translation editor and the parity page's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Parity
from .sections import (
    MARKDOWN_EDITOR,
    CleanTextField,
    ReasonField,
    SectionTextMixin,
    VersionField,
    version_number,
)


class TranslationForm(SectionTextMixin, forms.Form):
    heading = CleanTextField(label=_("Heading (translation)"), max_length=300)
    body = CleanTextField(
        label=_("Text (translation)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 22, "spellcheck": "true", **MARKDOWN_EDITOR}),
        help_text=_("Markdown: **bold**, *italic*, lists with -, tables with |."),
    )
    reason = ReasonField()
    expected_version = VersionField()  # the translation's version the page showed (0: none)
    source_version = VersionField()  # the English version the page showed

    def tokens(self) -> tuple[int | None, int | None]:
        data = self.cleaned_data
        return version_number(data.get("expected_version")), version_number(
            data.get("source_version")
        )


class ParityFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states")), *Parity.choices]
    )
    chapter = forms.ChoiceField(label=_("Chapter"), required=False)

    def __init__(self, *args, chapters=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chapter"].choices = [("", _("All chapters")), *chapters]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"state": "", "chapter": ""}
        return {"state": self.cleaned_data["state"], "chapter": self.cleaned_data["chapter"]}
