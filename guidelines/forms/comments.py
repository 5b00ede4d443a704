from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..models import Language, NotifyMode
from ..models.translations import language_of
from .rounds import RoundChoiceMixin
from .sections import MARKDOWN_EDITOR, CleanTextField


def text_language_field() -> forms.ChoiceField:
    """ "Language of your text", prefilled with the interface language at the time of writing
    (a francophone writing in English says so). Not required: without it, the interface's."""
    return forms.ChoiceField(
        label=_("Language of your text"),
        choices=Language.choices,
        required=False,
        initial=lambda: language_of(get_language()),
    )


class CommentForm(RoundChoiceMixin, forms.Form):
    body = CleanTextField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4, **MARKDOWN_EDITOR})
    )
    quote = CleanTextField(required=False, widget=forms.HiddenInput)
    quote_start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    language = text_language_field()

    def __init__(self, *args, rounds=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.add_round_field(rounds)  # consultation rounds the delegation is invited to


class ReplyForm(forms.Form):
    body = CleanTextField(
        label=pgettext_lazy("noun", "Reply"),
        widget=forms.Textarea(attrs={"rows": 2, **MARKDOWN_EDITOR}),
    )
    language = text_language_field()


class HideForm(forms.Form):
    reason = CleanTextField(label=_("Why hide it"))


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("", _("Open and resolved")),
            ("open", pgettext_lazy("comment threads", "Open")),
            ("resolved", pgettext_lazy("comment threads", "Resolved")),
        ],
    )
    delegation = forms.CharField(label=_("Delegation"), required=False)
    section = forms.CharField(label=_("Section heading"), required=False)


class NotifyForm(forms.Form):
    notify = forms.ChoiceField(
        label=_("E-mail me"), choices=NotifyMode.choices, widget=forms.RadioSelect
    )
