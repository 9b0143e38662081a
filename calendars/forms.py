import datetime as dt

from django import forms
from django.utils import timezone

from secretariat.common.forms import InputRulesMixin
from secretariat.organizations.models import Organization

from .models import SchoolHoliday, Weekday
from .planner import parse_skip_dates


class PlanForm(InputRulesMixin, forms.Form):
    organization = forms.ModelChoiceField(label="Organ", queryset=Organization.objects.filter(is_active=True),
                                          empty_label="Velg organ")
    year = forms.IntegerField(label="År", min_value=2000, max_value=2100)
    weekday = forms.TypedChoiceField(label="Ukedag", choices=Weekday.choices, coerce=int)
    interval_weeks = forms.IntegerField(label="Hver N. uke", min_value=0, max_value=52, initial=4,
                                        help_text="1 = hver uke, 2 = annenhver uke …")
    start_time = forms.TimeField(label="Klokkeslett", initial=dt.time(18, 0),
                                 widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    duration_minutes = forms.IntegerField(label="Varighet (minutter)", min_value=15, max_value=720, initial=180)
    first_date = forms.DateField(label="Første dato", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text="Tom = 1. januar.")
    last_date = forms.DateField(label="Siste dato", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                help_text="Tom = 31. desember.")
    skip_dates = forms.CharField(label="Hopp over datoer", required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}),
                                 help_text="Kommaseparert, f.eks. 02.06.2027, 15.09.2027.")
    location = forms.CharField(label="Sted", max_length=200, required=False, initial="Kommunestyresalen")
    skip_public_holidays = forms.BooleanField(label="Hopp over helligdager", required=False, initial=True)
    skip_school_holidays = forms.BooleanField(label="Hopp over skoleferier", required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year + 1

    def clean_skip_dates(self):
        return parse_skip_dates(self.cleaned_data.get("skip_dates") or "")


class DateForm(InputRulesMixin, forms.Form):
    date = forms.DateField(label="Ny dato", widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label="Klokkeslett", required=False,
                                 widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))


class SchoolHolidayForm(InputRulesMixin, forms.Form):
    column_model = SchoolHoliday
    name = forms.CharField(label="Navn", max_length=100, help_text="F.eks. Høstferie")
    start_date = forms.DateField(label="Fra", widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label="Til og med", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", "Ferien kan ikke slutte før den starter.")
        return data


class SchoolHolidayDeleteForm(InputRulesMixin, forms.Form):
    """The «Slett» button of one school holiday of the kommune (`name="delete"`); empty: not a deletion."""

    delete = forms.ModelChoiceField(queryset=SchoolHoliday.objects.none(), required=False, error_messages={
        "invalid_choice": "Fant ikke skoleferien. Den kan allerede være slettet."})

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delete"].queryset = SchoolHoliday.objects.filter(body=body)

    @property
    def wants_delete(self) -> bool:
        return bool(self.data.get("delete"))
