"""Forms for phase-two dispositions: a member's proposal, the facilitator's direct setting. The
service (``services.phase_two.validate_disposition``) checks which fields each disposition needs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import DispositionChoice, IntegrateAs, Standard
from .comments import text_language_field
from .proposals import SectionChoiceField
from .sections import CleanTextField, VersionField


class StandardChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, standard) -> str:
        return f"{standard.code} {standard.title}"


class DispositionFields(forms.Form):
    disposition = forms.ChoiceField(
        label=_("Disposition"), choices=DispositionChoice.choices, widget=forms.RadioSelect
    )
    standard = StandardChoiceField(
        label=_("SAFE standard"),
        queryset=Standard.objects.filter(is_deleted=False).select_related("pillar"),
        required=False,
        empty_label=_("Choose a SAFE standard…"),
        help_text=_(
            "To integrate into: the target standard. To delete: the standard it duplicates."
        ),
    )
    integrate_as = forms.ChoiceField(
        label=_("Integrate as"),
        choices=[("", _("Choose how…")), *IntegrateAs.choices],
        required=False,
    )
    duplicate_of = SectionChoiceField(
        label=_("Duplicates the section"),
        queryset=None,
        required=False,
        empty_label=_("Choose a section…"),
        help_text=_("To delete as a duplicate: the section it duplicates, or else a standard."),
    )

    def __init__(self, *args, sections, numbers: dict[int, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["duplicate_of"].queryset = sections
        self.fields["duplicate_of"].numbers = numbers


class DispositionProposalForm(DispositionFields):
    rationale = CleanTextField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why this disposition: it becomes the reason if accepted."),
    )
    language = text_language_field()


class DispositionSetForm(DispositionFields):
    note = CleanTextField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = CleanTextField(
        label=_("Reason for the decision"), widget=forms.Textarea(attrs={"rows": 3})
    )
    version = VersionField()  # the disposition's token the page was rendered from
