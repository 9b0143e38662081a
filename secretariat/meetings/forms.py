from django import forms

from secretariat.common.dates import unusual_date_problem
from secretariat.organizations.models import Organization


class MeetingForm(forms.Form):
    organization = forms.ModelChoiceField(label="Organ", queryset=Organization.objects.filter(is_active=True),
                                          empty_label="Velg organ")
    title = forms.CharField(label="Tittel", max_length=200, required=False,
                            help_text="Tom = «Møte i <organ>».")
    start = forms.DateTimeField(label="Start", widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                          format="%Y-%m-%dT%H:%M"))
    end = forms.DateTimeField(label="Slutt", required=False,
                              widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    location = forms.CharField(label="Sted", max_length=200, required=False)
    is_remote = forms.BooleanField(label="Fjernmøte (koml. § 11-7)", required=False)
    remote_link = forms.URLField(label="Lenke til fjernmøtet", required=False, assume_scheme="https")
    video_url = forms.URLField(label="Video (strøm/opptak)", required=False, assume_scheme="https")
    confirm_unusual_date = forms.BooleanField(
        label="Datoen er riktig", required=False,
        help_text="Kreves når møtet er mer enn ett år tilbake eller mer enn fem år frem i tid.")

    def clean(self):
        cleaned = super().clean()
        confirmed = cleaned.pop("confirm_unusual_date", False)
        if self.initial.get("start") is not None and "start" not in self.changed_data:
            return cleaned  # editing other fields of a meeting whose date was accepted before
        problem = unusual_date_problem(cleaned.get("start"), confirmed=confirmed)
        if problem:
            self.add_error("start", problem)
        return cleaned


class MeetingEditForm(MeetingForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["organization"]


class AttendanceCorrectionForm(forms.Form):
    """Correct a registered attendance in møtemodus: remove it, or change the item someone arrived at or left
    before. The choices are this meeting's attendances and items only."""

    attendance = forms.ModelChoiceField(
        label="Oppmøte", queryset=None,
        error_messages={"required": "Velg hvem oppmøtet gjelder.",
                        "invalid_choice": "Oppmøtet finnes ikke i dette møtet."})
    before_item = forms.ModelChoiceField(
        label="Sak", queryset=None, required=False,
        error_messages={"invalid_choice": "Ukjent sak på sakslisten."})
    reason = forms.CharField(label="Merknad", max_length=300, required=False)

    def __init__(self, *args, meeting, **kwargs):
        from .models import AgendaItem, Attendance

        super().__init__(*args, **kwargs)
        self.fields["attendance"].queryset = Attendance.objects.filter(meeting=meeting).select_related(
            "membership__person", "substitute_for__person", "arrived_before", "left_before")
        self.fields["before_item"].queryset = AgendaItem.objects.filter(meeting=meeting)

    def errors_text(self) -> str:
        return " ".join(str(e) for errors in self.errors.values() for e in errors)
