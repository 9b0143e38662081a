from django import forms
from django.utils import timezone

from secretariat.common.forms import InputRulesMixin
from secretariat.common.ratelimit import HONEYPOT_FIELD, HoneypotField

from .models import Officiant, Residence, Wedding, WeddingLanguage, WeddingPlace
from .selectors import officiants_authorised_on

REQUIRED = "Fyll ut {}."


def _required(label: str) -> dict:
    return {"required": REQUIRED.format(label)}


class BookingForm(InputRulesMixin, forms.Form):
    column_model = Wedding
    """The public booking form: a couple asks for one of the free slots."""

    slot = forms.ChoiceField(label="Ønsket tidspunkt og sted", error_messages={
        "required": "Velg et ledig tidspunkt.", "invalid_choice": "Tidspunktet er ikke ledig lenger. Velg et annet."})
    partner1_name = forms.CharField(label="Fullt navn, brudepar 1", max_length=120,
                                    error_messages=_required("fullt navn på brudepar 1"))
    partner2_name = forms.CharField(label="Fullt navn, brudepar 2", max_length=120,
                                    error_messages=_required("fullt navn på brudepar 2"))
    email = forms.EmailField(label="E-post", help_text="Vi sender bekreftelsen hit.", error_messages={
        "required": "Fyll ut e-postadressen.", "invalid": "Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no."})
    phone = forms.CharField(label="Telefon (valgfritt)", max_length=30, required=False)
    residence = forms.ChoiceField(
        label="Hvor bor dere?", choices=Residence.choices, widget=forms.RadioSelect,
        help_text="Kommunen vier alltid innbyggere og personer som ikke bor i Norge gratis (ekteskapsloven § 12 a).",
        error_messages={"required": "Velg hvor dere bor."})
    language = forms.ChoiceField(label="Språk for vielsen", choices=WeddingLanguage.choices,
                                 initial=WeddingLanguage.BOKMAL)
    guests = forms.IntegerField(label="Antall gjester (valgfritt)", required=False, min_value=0, max_value=500,
                                error_messages={"invalid": "Skriv antall gjester som et tall.",
                                                "min_value": "Antall gjester kan ikke være negativt.",
                                                "max_value": "Så mange gjester er det ikke plass til."})
    message = forms.CharField(label="Melding til kommunen (valgfritt)", required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}))
    consent = forms.BooleanField(
        label="Jeg godtar at kommunen lagrer opplysningene for å planlegge vielsen.",
        error_messages={"required": "Du må godta at vi lagrer opplysningene for å kunne bestille."})

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = HoneypotField()  # people leave it empty (issue 12)
        self.fields["slot"].choices = [("", "Velg tidspunkt")] + [(s.key, s.label) for s in slots]
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["partner1_name"].widget.attrs["autocomplete"] = "name"


class ConfirmForm(InputRulesMixin, forms.Form):
    officiant = forms.ModelChoiceField(label="Vigsler", queryset=Officiant.objects.none(), empty_label="Velg vigsler",
                                       error_messages={"required": "Velg en vigsler."})
    date = forms.DateField(label="Dato", widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label="Klokkeslett", widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.ModelChoiceField(label="Sted", queryset=WeddingPlace.objects.filter(is_active=True))

    def __init__(self, *args, wedding=None, **kwargs):
        super().__init__(*args, **kwargs)
        day = wedding.date if wedding else timezone.localdate()
        self.fields["officiant"].queryset = officiants_authorised_on(day)
        self.fields["officiant"].help_text = f"Bare vigslere med vigselsrett {day:%d.%m.%Y} vises (el. § 12 b)."


class DetailsForm(InputRulesMixin, forms.Form):
    column_model = Wedding
    attest_issued_on = forms.DateField(label="Prøvingsattest utstedt", required=False,
                                       widget=forms.DateInput(attrs={"type": "date"}),
                                       help_text="Datoen på attesten fra Skatteetaten. Den er gyldig i 4 måneder.")
    attest_reference = forms.CharField(label="Referanse på attesten", max_length=60, required=False)
    witness1_name = forms.CharField(label="Vitne 1", max_length=120, required=False)
    witness2_name = forms.CharField(label="Vitne 2", max_length=120, required=False)
    witnesses_of_age = forms.BooleanField(label="Begge vitnene er over 18 år", required=False)


class ReportForm(InputRulesMixin, forms.Form):
    period_start = forms.DateField(label="Fra", widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label="Til", widget=forms.DateInput(attrs={"type": "date"}))
    officiant = forms.ModelChoiceField(label="Vigsler", queryset=Officiant.objects.select_related("person"),
                                       required=False, empty_label="Alle vigslere")

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", "Slutten av perioden kan ikke være før starten.")
        return data
