"""Forms for proposals. Which fields matter depends on the kind; the service checks the rest."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import MappingRelation, Placement, ProposalStatus, Standard
from .comments import text_language_field
from .rounds import RoundChoiceMixin
from .sections import (
    MARKDOWN_EDITOR,
    CleanTextField,
    SectionTextMixin,
    VersionField,
    version_number,
)


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, section) -> str:
        number = self.numbers.get(section.pk, "")
        return f"{number} {section.heading}".strip()


class ProposalForm(RoundChoiceMixin, forms.Form):
    heading = CleanTextField(label=_("Heading"), max_length=300, required=False)
    body = CleanTextField(
        label=_("Text"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 16})
    )
    placement = forms.ChoiceField(label=_("Where"), choices=Placement.choices, required=False)
    target = SectionChoiceField(
        label=_("Next to"), queryset=None, required=False, empty_label=_("Choose a section…")
    )
    standard = forms.ModelChoiceField(
        label=_("SAFE standard"),
        queryset=Standard.objects.select_related("pillar"),
        required=False,
        empty_label=_("Choose a SAFE standard…"),
    )
    relation = forms.ChoiceField(
        label=_("Relation"),
        choices=[("", _("Choose a relation…")), *MappingRelation.choices],
        required=False,
    )
    rationale = CleanTextField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the change: it becomes the reason for change if accepted."),
    )
    language = text_language_field()

    def __init__(self, *args, sections, numbers: dict[int, str], rounds=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = sections
        self.fields["target"].numbers = numbers
        self.add_round_field(rounds)  # consultation rounds the delegation is invited to
        self.fields["language"].help_text = _(
            "The language of your rationale, shown as written (never translated)."
        )


class AcceptForm(forms.Form):
    """Accept as proposed. Only the versions the page was rendered from."""

    section_version = VersionField()
    structure_version = VersionField()  # insertions, moves, deletions
    mappings_version = VersionField()  # mappings
    disposition_version = VersionField()  # phase-two dispositions

    def section_version_number(self) -> int | None:
        return version_number(self.cleaned_data.get("section_version"))


class AcceptWithChangesForm(SectionTextMixin, forms.Form):
    """Accept an amendment with the facilitator's text; also the automatic merge, prefilled."""

    heading = CleanTextField(label=_("Heading"), max_length=300)
    body = CleanTextField(
        label=_("Text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, **MARKDOWN_EDITOR}),
    )
    note = CleanTextField(label=_("Note on the decision"), required=False)
    section_version = VersionField()  # the version the text was prepared on

    def section_version_number(self) -> int | None:
        return version_number(self.cleaned_data.get("section_version"))


class RejectForm(forms.Form):
    reason = CleanTextField(
        label=_("Reason for rejecting"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ProposalFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *ProposalStatus.choices], required=False
    )
    delegation = forms.CharField(label=_("Delegation"), required=False)
    section = forms.CharField(label=_("Section"), required=False)
    standard = forms.CharField(
        label=_("SAFE pillar or standard"), required=False, help_text=_("e.g. P1 or P1.S6")
    )

    def pillar_and_standard(self) -> tuple[int | None, int | None]:
        value = (self.cleaned_data.get("standard") or "").upper().replace(" ", "")
        match = re.fullmatch(r"P(\d+)(?:\.S(\d+))?", value)
        if not match:
            return None, None
        return int(match[1]), int(match[2]) if match[2] else None
