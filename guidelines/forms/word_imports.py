"""Forms of the Word import: the upload, the submission of a preview (one checkbox, rationale
and, for a conflict, a choice per item), the discard."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..imports.types import ImportPreview
from ..models import Delegation
from .sections import CleanTextField

ACCEPT = ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class WordUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Word file (.docx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_(
            "A “Word for review” file of this document, edited with Track Changes and comments "
            "in Word or LibreOffice."
        ),
    )
    delegation = forms.ModelChoiceField(
        label=_("Import on behalf of"),
        queryset=Delegation.objects.none(),
        empty_label=_("Choose a delegation…"),
        help_text=_("For a file received by e-mail: its proposals are made for this delegation."),
    )

    def __init__(self, *args, on_behalf: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if on_behalf:
            self.fields["delegation"].queryset = Delegation.objects.order_by("name")
        else:
            del self.fields["delegation"]


class WordSubmitForm(forms.Form):
    """Built from the preview: ``select-<ref>`` (checked by default unless it cannot go as is),
    ``rationale-<ref>`` (prefilled), ``resolution-<ref>`` for a conflict."""

    fingerprint = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, preview: ImportPreview, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.preview = preview
        self.initial.setdefault("fingerprint", preview.fingerprint)
        for item in preview.proposals:
            conflict = item.conflict
            self.fields[f"select-{item.ref}"] = forms.BooleanField(
                label=_("Submit this proposal"), required=False,
                initial=not preview.blocking and (conflict is None or conflict.clean),
            )  # fmt: skip
            self.fields[f"rationale-{item.ref}"] = CleanTextField(
                label=_("Rationale"), required=False, initial=item.rationale,
                widget=forms.Textarea(attrs={"rows": 3}),
            )  # fmt: skip
            if conflict is not None:
                choices = [("base", _("Propose the file's text on the version it was made from"))]
                if conflict.clean:
                    choices.insert(0, ("merged", _("Propose the automatic merge")))
                self.fields[f"resolution-{item.ref}"] = forms.ChoiceField(
                    label=_("This section changed since the file was made"),
                    choices=choices, initial=choices[0][0], widget=forms.RadioSelect,
                )  # fmt: skip
        for item in preview.comments:
            self.fields[f"select-{item.ref}"] = forms.BooleanField(
                label=_("Submit this comment"), required=False, initial=not preview.blocking
            )

    def proposal_rows(self) -> list[tuple]:
        """(item, select, rationale, resolution or None) per proposal, for the template."""
        rows = []
        for item in self.preview.proposals:
            resolution = self[f"resolution-{item.ref}"] if item.conflict else None
            rows.append(
                (item, self[f"select-{item.ref}"], self[f"rationale-{item.ref}"], resolution)
            )
        return rows

    def comment_rows(self) -> list[tuple]:
        """(item, select) per comment."""
        return [(item, self[f"select-{item.ref}"]) for item in self.preview.comments]

    def submission(self) -> dict:
        """The keyword arguments of ``word_import_submit`` (after ``is_valid``)."""
        data = self.cleaned_data
        refs = [i.ref for i in self.preview.proposals] + [i.ref for i in self.preview.comments]
        return {
            "selected": {ref for ref in refs if data.get(f"select-{ref}")},
            "rationales": {
                i.ref: data.get(f"rationale-{i.ref}", "") for i in self.preview.proposals
            },
            "resolutions": {
                i.ref: data.get(f"resolution-{i.ref}", "")
                for i in self.preview.proposals
                if i.conflict
            },
            "fingerprint": data["fingerprint"],
        }


class WordDiscardForm(forms.Form):
    """Nothing to fill in: the button."""
