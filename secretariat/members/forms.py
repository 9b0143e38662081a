"""The politikerportal's forms: every POST is read here, with the common input rules; the services decide."""

from __future__ import annotations

from django import forms

from secretariat.access import PAPER_SECTIONS
from secretariat.common.forms import InputForm, InputRulesMixin
from secretariat.meetings.models import QuestionKind
from secretariat.organizations.models import Membership, Person

from .models import LeaveKind, PaperNote, RecusalDeclaration

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AbsenceForm(InputForm):
    reason = forms.CharField(label="Grunn (valgfritt)", max_length=300, required=False,
                             help_text="Vises for politisk sekretariat.")


class RecusalDeclarationForm(InputRulesMixin, forms.Form):
    column_model = RecusalDeclaration

    item = forms.TypedChoiceField(label="Sak", coerce=int, choices=[],
                                  error_messages={"invalid_choice": "Velg en sak fra sakslisten."})
    reason = forms.CharField(label="Hvorfor kan du være inhabil?", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Skriv hvorfor du kan være inhabil (fvl. § 6)."})

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "Velg sak")] + [(i["id"], f"{i['label']} {i['title']}") for i in items]


class QuestionForm(InputForm):
    kind = forms.ChoiceField(label="Type", choices=QuestionKind.choices)
    title = forms.CharField(label="Tittel", max_length=250)
    text = forms.CharField(label="Spørsmålet", widget=forms.Textarea(attrs={"rows": 5}), max_length=20_000)


class NoteForm(InputRulesMixin, forms.Form):
    column_model = PaperNote

    section = forms.ChoiceField(label="Del av saksframlegget", required=False,
                                choices=[("", "Hele saken")] + list(PAPER_SECTIONS))
    quote = forms.CharField(label="Markert tekst", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text="Marker tekst i saksframlegget, eller lim inn et avsnitt nøyaktig.")
    text = forms.CharField(label="Notat", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class LeaveForm(InputRulesMixin, forms.Form):
    """A member's own application (no `person`), or the secretariat's on a member's behalf (`person` chosen). A
    `person` posted to the member's form is passed on, and the service refuses anyone but the member."""

    person = forms.ModelChoiceField(label="Folkevalgt", queryset=Person.objects.none(), required=False,
                                    error_messages={"invalid_choice": "Velg en folkevalgt fra lista."})
    kind = forms.ChoiceField(label="Jeg søker", choices=LeaveKind.choices, widget=forms.RadioSelect,
                             initial=LeaveKind.PERMISJON)
    start_date = forms.DateField(label="Fra", widget=DATE)
    end_date = forms.DateField(label="Til og med (permisjon)", required=False, widget=DATE)
    membership = forms.ModelChoiceField(label="Vervet (fritak)", queryset=Membership.objects.none(), required=False,
                                        error_messages={"invalid_choice": "Velg et av dine verv."})
    ground = forms.CharField(label="Grunn", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
                             help_text="Grunnen blir unntatt offentlighet (offl. § 13 jf. fvl. § 13).")

    def __init__(self, *args, person: Person | None = None, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if staff:
            self.fields["person"].queryset = Person.objects.filter(memberships__isnull=False).distinct()
            self.fields["person"].required = True
            self.fields["membership"].queryset = Membership.objects.filter(end_date__isnull=True)
        else:
            self.fields["person"].queryset = Person.objects.all()
            self.fields["person"].widget = forms.HiddenInput()
            memberships = Membership.objects.filter(person=person, end_date__isnull=True) if person else \
                Membership.objects.none()
            self.fields["membership"].queryset = memberships.select_related("organization")
        self.fields["membership"].label_from_instance = lambda m: f"{m.get_role_display()} i {m.organization}"
