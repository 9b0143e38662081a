from django import forms
from django.contrib.auth import get_user_model

from secretariat.accounts.roles import STAFF_ROLES
from secretariat.common.forms import InputRulesMixin
from secretariat.organizations.models import Organization, OrganizationType

from .models import ElectionProject, ElectionTask
from .plan_templates import ElectionType


def _staff_users():
    users = get_user_model().objects.filter(groups__name__in=[r.value for r in STAFF_ROLES], is_active=True)
    return users.distinct().order_by("first_name", "last_name")


class ProjectForm(InputRulesMixin, forms.Form):
    column_model = ElectionProject
    election_type = forms.ChoiceField(label="Valgtype", choices=[("", "Velg valgtype"), *ElectionType.choices],
                                      error_messages={"required": "Velg valgtype."})
    election_day = forms.DateField(label="Valgdag", widget=forms.DateInput(attrs={"type": "date"}),
                                   help_text="Fastsatt av Kongen i statsråd, f.eks. mandag 8. september 2025.",
                                   error_messages={"required": "Oppgi valgdagen.", "invalid": "Skriv en gyldig dato."})
    name = forms.CharField(label="Navn (valgfritt)", max_length=120, required=False)
    sunday_voting = forms.BooleanField(label="Valg også søndagen før", required=False)
    valgstyre = forms.ModelChoiceField(
        label="Valgstyret", required=False, empty_label="(første valgstyre)",
        queryset=Organization.objects.filter(organization_type=OrganizationType.VALGSTYRE))
    stemmestyre_round = forms.ModelChoiceField(
        label="Oppnevning av stemmestyrer (valgfritt)", required=False, queryset=None, empty_label="Ingen ennå",
        help_text="Stemmestyrene oppnevnes gjennom en oppnevningsrunde.")
    responsible = forms.ModelChoiceField(label="Ansvarlig for oppgavene", required=False, queryset=None,
                                         empty_label="Ingen ennå")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = _staff_users()
        self.fields["responsible"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        from secretariat.appointments.models import AppointmentRound

        self.fields["stemmestyre_round"].queryset = AppointmentRound.objects.all()


class TaskForm(InputRulesMixin, forms.Form):
    column_model = ElectionTask
    title = forms.CharField(label="Oppgave", max_length=200, error_messages={"required": "Skriv hva oppgaven er."})
    starts_on = forms.DateField(label="Fra (valgfritt)", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    due_on = forms.DateField(label="Frist", widget=forms.DateInput(attrs={"type": "date"}),
                             error_messages={"required": "Oppgi fristen."})
    responsible = forms.ModelChoiceField(label="Ansvarlig", required=False, queryset=None, empty_label="Ingen")
    responsible_role = forms.CharField(label="Ansvarlig rolle", max_length=80, required=False)
    description = forms.CharField(label="Beskrivelse", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(label="Merknad", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = _staff_users()
        self.fields["responsible"].label_from_instance = lambda u: u.get_full_name() or u.get_username()

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("due_on") and data["starts_on"] > data["due_on"]:
            self.add_error("starts_on", "Starten kan ikke være etter fristen.")
        return data


class TaskActionForm(InputRulesMixin, forms.Form):
    """«Utført» (on a day, default today) or «Åpne igjen», with an optional note."""

    action = forms.ChoiceField(choices=[("complete", "Utført"), ("reopen", "Åpne igjen")],
                               error_messages={"required": "Ukjent handling.", "invalid_choice": "Ukjent handling."})
    done_on = forms.DateField(label="Utført dato", required=False,
                              error_messages={"invalid": "Skriv utført-datoen som en gyldig dato."})
    note = forms.CharField(label="Merknad", required=False)


class EvaluationForm(InputRulesMixin, forms.Form):
    # The experience of a whole election: more room than an ordinary note.
    evaluation_notes = forms.CharField(label="Hva bør vi gjøre annerledes neste gang?", required=False,
                                       max_length=50_000, widget=forms.Textarea(attrs={"rows": 8}))
