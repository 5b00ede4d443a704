"""Forms for consultation rounds: open one, change its deadline, declare "no comments", and the
"In response to" choice of the proposal and comment forms."""

from datetime import datetime, time

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from ..models import ConsultationRound, Delegation, Milestone
from ..models.accounts import DelegationKind
from .sections import MARKDOWN_EDITOR, CleanTextField

END_OF_DAY = time(23, 59)


class DeadlineMixin(forms.Form):
    deadline_date = forms.DateField(
        label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline_time = forms.TimeField(
        label=_("Time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("Local time of the secretariat; empty: the end of the day (23:59)."),
    )

    def clean_deadline_date(self):
        value = self.cleaned_data["deadline_date"]
        if not 2000 <= value.year <= 2999:  # a typo, and beyond what a datetime can shift
            raise forms.ValidationError(_("Give a date between the years 2000 and 2999."))
        return value

    def deadline(self) -> datetime:
        moment = datetime.combine(
            self.cleaned_data["deadline_date"], self.cleaned_data.get("deadline_time") or END_OF_DAY
        )
        return timezone.make_aware(moment, timezone.get_default_timezone())


class RoundForm(DeadlineMixin):
    title = CleanTextField(
        label=_("Title"),
        max_length=200,
        help_text=_("e.g. “Written procedure on Draft 1: comments by 1 March 2018”"),
    )
    milestone = forms.ModelChoiceField(
        label=_("Draft under consultation"), queryset=None, empty_label=None
    )
    delegations = forms.ModelMultipleChoiceField(
        label=_("Invited delegations"),
        queryset=Delegation.objects.exclude(kind=DelegationKind.SECRETARIAT),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choice-list"}),
    )
    instructions = CleanTextField(
        label=_("Instructions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, **MARKDOWN_EDITOR}),
        help_text=_("Markdown; sent with the invitation."),
    )
    late_comments_allowed = forms.BooleanField(
        label=_("Allow comments after the deadline"), required=False
    )
    field_order = [
        "title",
        "milestone",
        "deadline_date",
        "deadline_time",
        "delegations",
        "instructions",
        "late_comments_allowed",
    ]

    def __init__(self, *args, document, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        milestones = Milestone.objects.filter(document=document)
        self.fields["milestone"].queryset = milestones
        if not self.is_bound:  # the latest draft; every delegation but the facilitator's own
            self.initial.setdefault("milestone", milestones.values_list("pk", flat=True).first())
            invited = self.fields["delegations"].queryset.exclude(
                pk=getattr(user, "delegation_id", None) or 0
            )
            self.initial.setdefault("delegations", list(invited.values_list("pk", flat=True)))


class RoundUpdateForm(DeadlineMixin):
    late_comments_allowed = forms.BooleanField(
        label=_("Allow comments after the deadline"), required=False
    )
    reason = CleanTextField(label=_("Why"), max_length=500)


class DeclareForm(forms.Form):
    note = CleanTextField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RoundChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, consultation) -> str:
        when = formats.date_format(timezone.localtime(consultation.deadline), "j F Y, H:i T")
        if consultation.is_open:
            return _("%(t)s (by %(d)s)") % {"t": consultation.title, "d": when}
        return _("%(t)s (closed %(d)s)") % {"t": consultation.title, "d": when}


class RoundChoiceMixin:
    """Adds ``round`` ("In response to") when the user's delegation is invited to a round of
    the document; the default is the open round opened last, else none."""

    def add_round_field(self, rounds) -> None:
        rounds = list(rounds)
        if not rounds:
            return
        field = RoundChoiceField(
            label=_("In response to"),
            queryset=ConsultationRound.objects.filter(pk__in=[r.pk for r in rounds]),
            required=False,
            empty_label=_("Not part of a consultation round"),
        )
        field.choices = [("", field.empty_label)] + [
            (r.pk, field.label_from_instance(r)) for r in rounds
        ]
        self.fields["round"] = field
        open_rounds = [r for r in rounds if r.is_open]
        if open_rounds and "round" not in self.initial:
            self.initial["round"] = max(open_rounds, key=lambda r: r.opened_at).pk
