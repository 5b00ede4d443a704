"""The search page's form (a GET form): the query, the filters and the page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import SearchKind
from ..selectors.search import FilterChoices, SearchFilters, status_choices

ANY = [("", _("Any"))]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    kind = forms.MultipleChoiceField(
        label=_("Kind"), choices=SearchKind.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    chapter = forms.TypedChoiceField(label=_("Chapter"), coerce=int, required=False)
    pillar = forms.TypedChoiceField(label=_("SAFE pillar"), coerce=int, required=False)
    standard = forms.TypedChoiceField(label=_("SAFE standard"), coerce=int, required=False)
    delegation = forms.TypedChoiceField(label=_("Delegation"), coerce=int, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    past = forms.BooleanField(label=_("Include past versions of sections"), required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, data, *, choices: FilterChoices):
        super().__init__(data)
        self.fields["chapter"].choices = ANY + list(choices.chapters)
        self.fields["pillar"].choices = ANY + list(choices.pillars)
        self.fields["standard"].choices = ANY + list(choices.standards)
        self.fields["delegation"].choices = ANY + list(choices.delegations)
        self.fields["status"].choices = ANY + status_choices()
        for name in ("chapter", "pillar", "standard", "delegation"):
            self.fields[name].empty_value = None

    def filter_fields(self) -> list:
        return [self[name] for name in ("chapter", "pillar", "standard", "delegation", "status")]

    def query(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("q") or ""

    def filters(self) -> SearchFilters:
        """The filters that are valid (an unknown value is dropped and reported by the form)."""
        self.is_valid()
        data = self.cleaned_data
        return SearchFilters(
            kinds=tuple(data.get("kind") or ()), chapter=data.get("chapter"),
            pillar=data.get("pillar"), standard=data.get("standard"),
            delegation=data.get("delegation"), status=data.get("status") or "",
            past_versions=bool(data.get("past")),
        )  # fmt: skip

    def page_number(self) -> int:
        self.is_valid()
        return self.cleaned_data.get("page") or 1

    def has_filters(self) -> bool:
        filters = self.filters()
        return filters != SearchFilters()
