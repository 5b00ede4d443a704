"""Forms for editing sections and the structure of a document."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import SectionKind
from ..services.sections import clean_text, validate_body
from ..services.structure import AFTER, BEFORE, CHILD

# A Markdown field: static/js/editor.js gives it a toolbar and a preview toggle
# (templates/guidelines/_markdown_editor.html must be on the page).
MARKDOWN_EDITOR = {"data-markdown-editor": "preview"}


class CleanTextField(forms.CharField):
    """Control characters are dropped before validation (so a stray NUL is not an error)."""

    def to_python(self, value):
        return clean_text(super().to_python(value))


class VersionField(forms.CharField):
    """The version token the page was rendered from, hidden. Kept as text: a missing or tampered
    value must lead to the conflict page, not to a form error."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


def version_number(value: str | None) -> int | None:
    """A section version posted as text; None (never a valid version) if it is not a number."""
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


class ReasonField(CleanTextField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Reason for change"))
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault(
            "help_text", _("Recorded in the history, e.g. “Aligned with SAFE FoS 2021 wording”.")
        )
        super().__init__(**kwargs)


class SectionTextMixin:
    def clean_heading(self) -> str:
        heading = clean_text(self.cleaned_data["heading"]).strip()
        if not heading:
            raise ValidationError(_("A heading is required."))
        return heading

    def clean_body(self) -> str:
        body = clean_text(self.cleaned_data.get("body", ""))
        validate_body(body)
        return body


class SectionEditForm(SectionTextMixin, forms.Form):
    heading = CleanTextField(label=_("Heading"), max_length=300)
    body = CleanTextField(
        label=_("Text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 22, "spellcheck": "true", **MARKDOWN_EDITOR}),
        help_text=_("Markdown: **bold**, *italic*, lists with -, tables with |."),
    )
    reason = ReasonField()
    base_version = VersionField()

    def base_version_number(self) -> int | None:
        return version_number(self.cleaned_data.get("base_version"))


class SectionAddForm(SectionTextMixin, forms.Form):
    where = forms.ChoiceField(
        label=_("Where"),
        choices=[
            (AFTER, _("After this section")),
            (BEFORE, _("Before this section")),
            (CHILD, _("Inside this section, at the end")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=SectionKind.choices, initial=SectionKind.SECTION
    )
    heading = CleanTextField(label=_("Heading"), max_length=300)
    body = CleanTextField(
        label=_("Text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, **MARKDOWN_EDITOR}),
    )
    reason = ReasonField()
    version = VersionField()  # the structure token of the section it is added next to


class DeleteForm(forms.Form):
    reason = ReasonField(help_text=_("Why the section goes. It can be restored at any time."))
    version = VersionField()  # the structure token of the section


class StructureForm(forms.Form):
    """Move up/down, indent/outdent, restore: one button per action, the page's token."""

    action = forms.ChoiceField(choices=[(a, a) for a in ("up", "down", "indent", "outdent",
                                                          "restore")])  # fmt: skip
    version = VersionField()


class RestoreVersionForm(forms.Form):
    version = VersionField()  # the section's version the history page showed as current

    def version_number(self) -> int | None:
        return version_number(self.cleaned_data.get("version"))
