"""The input of the godtgjøring pages: every POST is read through one of these (secretariat.common.forms rules)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django import forms

from secretariat.common.forms import InputForm
from secretariat.meetings.models import Meeting
from secretariat.training.models import TrainingSession

from .models import LineKind

MONTH_RE = re.compile(r"^([0-9]{4})-([0-9]{2})$")  # ASCII digits only (\d would take «２０２６»)
MAX_AMOUNT = Decimal("1000000")


def parse_month(value: str) -> dt.date | None:
    """'2026-11' -> date(2026, 11, 1); None when it is not a month."""
    match = MONTH_RE.match((value or "").strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        return None
    return dt.date(year, month, 1)


class ClaimCreateForm(InputForm):
    meeting = forms.ModelChoiceField(label="Møte", queryset=Meeting.objects.all(), required=False,
                                     error_messages={"invalid_choice": "Fant ikke møtet."})
    session = forms.ModelChoiceField(label="Opplæring", queryset=TrainingSession.objects.all(), required=False,
                                     error_messages={"invalid_choice": "Fant ikke opplæringen."})

    def clean(self):
        cleaned = super().clean()
        if not self.errors and bool(cleaned.get("meeting")) == bool(cleaned.get("session")):
            raise forms.ValidationError("Velg ett møte eller én opplæring kravet gjelder.")
        return cleaned


MEMBER_KIND_CHOICES = [(k.value, k.label) for k in (LineKind.LOST_INCOME, LineKind.LOST_INCOME_FIXED,
                                                     LineKind.TRAVEL, LineKind.EXPENSE)]


class KronerField(forms.DecimalField):
    """An amount in kroner as a Norwegian types it: decimal comma or point, spaces between the thousands
    («1 250,50»). Both a comma and a point is ambiguous («1.250,50» or «1,250.50») and is refused, never guessed."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": "Skriv beløpet som et tall i kroner, f.eks. 1250,50.",
        "min_value": "Beløpet må være større enn 0.",
        "max_value": "Beløpet kan være høyst 1 000 000 kr.",
        "max_decimal_places": "Beløpet kan ha høyst to desimaler (øre).",
        "max_digits": "Beløpet er for stort.",
        "max_whole_digits": "Beløpet er for stort.",
    }

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split())  # spaces, also the no-break ones a copied amount has
            if "," in value and "." in value:
                raise forms.ValidationError("Skriv beløpet med desimalkomma og uten tusenskille, f.eks. 1250,50.",
                                            code="invalid")
            value = value.replace(",", ".")
        return super().to_python(value)


class ClaimLineForm(InputForm):
    kind = forms.ChoiceField(label="Type", choices=MEMBER_KIND_CHOICES,
                             error_messages={"invalid_choice": "Velg tapt arbeidsinntekt, skyss eller utlegg."})
    amount = KronerField(label="Beløp (kr)", required=False, min_value=Decimal("0.01"), max_value=MAX_AMOUNT,
                         decimal_places=2, max_digits=12,
                         help_text="Legitimert tapt arbeidsinntekt eller utlegg. Ulegitimert: fast beløp.")
    km = forms.IntegerField(label="Kilometer", required=False, min_value=1, max_value=100_000)
    description = forms.CharField(label="Beskrivelse", required=False, max_length=250,
                                  help_text="Skyss: fra og til. Utlegg: hva det gjaldt.")
    reason = forms.CharField(label="Begrunnelse (beløp eller km over forskriftens tak)", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    file = forms.FileField(label="Vedlegg (attest fra arbeidsgiver eller kvittering)", required=False)


class SignedKronerField(KronerField):
    """An amount that may be negative (a deduction): «-600», «−600» (the typographic minus) or «600»."""

    default_error_messages = {
        **KronerField.default_error_messages,
        "min_value": "Et trekk kan være høyst 1 000 000 kr.",
        "max_value": "Beløpet kan være høyst 1 000 000 kr.",
    }

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\u2212", "-").replace("\u2013", "-")
        return super().to_python(value)


CORRECTION_KIND_CHOICES = [("", "Velg type")] + [(k.value, k.label) for k in (
    LineKind.MEETING, LineKind.LOST_INCOME, LineKind.LOST_INCOME_FIXED, LineKind.TRAVEL, LineKind.EXPENSE)]


class CorrectionForm(InputForm):
    line = forms.TypedChoiceField(label="Linjen som rettes", coerce=int, required=False, empty_value=None,
                                  error_messages={"invalid_choice": "Velg en utbetalt linje i kravet."})
    kind = forms.ChoiceField(label="Type (for en linje kravet manglet)", choices=CORRECTION_KIND_CHOICES,
                             required=False, error_messages={"invalid_choice": "Velg en gyldig type."})
    amount = SignedKronerField(label="Beløp (kr)", min_value=-MAX_AMOUNT, max_value=MAX_AMOUNT, decimal_places=2,
                               max_digits=12, help_text="Negativt beløp for trekk, f.eks. -600.",
                               error_messages={"required": "Oppgi beløpet som skal rettes."})
    reason = forms.CharField(label="Grunn", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="Står i lønnsfilen og på årsoppgaven.",
                             error_messages={"required": "Skriv grunnen til rettelsen."})

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].choices = [("", "Ingen: en linje kravet manglet")] + [
            (line.pk, f"{line.get_kind_display()}: {line.description or line.claim.title} ({line.amount} kr, "
                      f"utbetalt {line.export.label})") for line in lines]


class FixedCorrectionForm(InputForm):
    amount = SignedKronerField(label="Beløp (kr)", min_value=-MAX_AMOUNT, max_value=MAX_AMOUNT, decimal_places=2,
                               max_digits=12, help_text="Negativt beløp for trekk, f.eks. -600.",
                               error_messages={"required": "Oppgi beløpet som skal rettes."})
    reason = forms.CharField(label="Grunn", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="Står i lønnsfilen og på årsoppgaven.",
                             error_messages={"required": "Skriv grunnen til rettelsen."})


class DiscardForm(InputForm):
    comment = forms.CharField(label="Kommentar", required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class LineRemoveForm(InputForm):
    line = forms.IntegerField(min_value=1, error_messages={"required": "Velg linjen som skal fjernes."})


class ExportForm(InputForm):
    month = forms.CharField(label="Måned (ÅÅÅÅ-MM)", max_length=7,
                            error_messages={"required": "Oppgi måneden som skal eksporteres, f.eks. 2026-11."})

    def clean_month(self) -> dt.date:
        month = parse_month(self.cleaned_data["month"])
        if month is None:
            raise forms.ValidationError("Skriv måneden som ÅÅÅÅ-MM, f.eks. 2026-11.")
        return month
