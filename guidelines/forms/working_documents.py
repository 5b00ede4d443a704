from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from ..models import ConsultationRound, Milestone, WorkingDocument
from ..selectors.versions import working_document_version
from ..services.working_documents import FRENCH_FIELDS
from .sections import MARKDOWN_EDITOR, ReasonField, VersionField


class WorkingDocumentForm(forms.ModelForm):
    version = VersionField()  # the ``updated_at`` the form was opened on (updates only)
    reason = ReasonField(required=False)

    class Meta:
        model = WorkingDocument
        fields = [
            "reference",
            "place_date",
            "date",
            "title",
            "subtitle",
            "agenda_item",
            "purpose",
            "cover_note",
            "milestone",
            "redline_against",
            "round",
            "include_disposition",
            "include_mappings",
            "include_integration",
            "line_numbers",
            *FRENCH_FIELDS,
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "purpose_fr": forms.Textarea(attrs={"rows": 3, "lang": "fr", **MARKDOWN_EDITOR}),
            "cover_note_fr": forms.Textarea(attrs={"rows": 18, "lang": "fr", **MARKDOWN_EDITOR}),
            "purpose": forms.Textarea(attrs={"rows": 3, **MARKDOWN_EDITOR}),
            "cover_note": forms.Textarea(attrs={"rows": 18, **MARKDOWN_EDITOR}),
        }

    def __init__(self, *args, document, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        milestones = Milestone.objects.filter(document=document)
        self.fields["milestone"].queryset = milestones
        self.fields["redline_against"].queryset = milestones
        self.fields["round"].queryset = ConsultationRound.objects.filter(document=document)
        # The empty choice says what it means, so no "---------" and no "Empty: ..." hint.
        for name, empty in (
            ("milestone", _("The current text")),
            ("redline_against", _("Nothing: a clean draft")),
            ("round", _("None: no such annex")),
        ):
            self.fields[name].empty_label = empty
            self.fields[name].help_text = ""
        for name in ("place_fr", "title_fr", "subtitle_fr", "agenda_item_fr"):
            self.fields[name].widget.attrs["lang"] = "fr"
        if self.instance.pk:
            self.initial.setdefault("version", working_document_version(self.instance))

    @property
    def english_fields(self) -> list:
        """The visible fields but the French edition's (those go in their own fieldset)."""
        return [f for f in self.visible_fields() if f.name not in (*FRENCH_FIELDS, "reason")]

    @property
    def french_fields(self) -> list:
        return [self[name] for name in FRENCH_FIELDS]

    def clean(self) -> dict:
        """A date typed that disagrees with the one the place and date gives is refused, never
        silently replaced (the model otherwise takes the date from the place and date)."""
        from ..rendering.editions import parse_place_date

        data = super().clean()
        typed = data.get("date")
        written = parse_place_date(data.get("place_date") or "")[1]
        if "date" in self.changed_data and typed and written and typed != written:
            self.add_error(
                "date",
                _(
                    "The place and date says %(written)s: correct one of the two so that both "
                    "editions print the same date."
                )
                % {"written": formats.date_format(written, "j F Y")},
            )
        return data
