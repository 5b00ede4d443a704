"""The work queue's "Mark as seen" forms: each carries the moment its page was shown, so
activity that arrived after it is not marked as seen unread."""

from django import forms
from django.utils import timezone


class SeenForm(forms.Form):
    shown_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def until(self):
        """The moment the page was shown (never later than now); now if the form did not say
        (an old page, a hand-made request) or said something unreadable."""
        now = timezone.now()
        if not self.is_valid() or self.cleaned_data["shown_at"] is None:
            return now
        return min(self.cleaned_data["shown_at"], now)
