from django import forms

from ..models import Milestone, WorkingDocument


class WorkingDocumentForm(forms.ModelForm):
    class Meta:
        model = WorkingDocument
        fields = [
            "reference",
            "place_date",
            "title",
            "subtitle",
            "agenda_item",
            "purpose",
            "cover_note",
            "milestone",
            "redline_against",
            "include_disposition",
            "include_mappings",
            "line_numbers",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "cover_note": forms.Textarea(attrs={"rows": 18}),
        }

    def __init__(self, *args, document, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        milestones = Milestone.objects.filter(document=document)
        self.fields["milestone"].queryset = milestones
        self.fields["redline_against"].queryset = milestones
