from __future__ import annotations

from django import forms

from secretariat.common.forms import InputRulesMixin, column_length
from secretariat.common.ratelimit import HONEYPOT_FIELD, HoneypotField
from secretariat.organizations.models import Gender, Membership, MembershipRole, Organization, Party, Person

from .models import AppointmentRound, Candidate, ChangeKind, CriminalRecord, Occupation, Pool, PoolKind, RoundKind
from .services import MAX_POOL_SIZE

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]
DATE_HELP = "Skriv datoen som dd.mm.åååå, f.eks. 24.12.1980."


def _date(label: str, required: bool = True, help_text: str = DATE_HELP) -> forms.DateField:
    return forms.DateField(label=label, required=required, input_formats=DATE_FORMATS, help_text=help_text,
                           error_messages={"required": f"Fyll inn {label.lower()}.",
                                           "invalid": f"{label} er ikke en gyldig dato. {DATE_HELP}"})


YES_NO_UNKNOWN = [("", "Ikke kontrollert"), ("ja", "Ja"), ("nei", "Nei")]


class TriStateField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=YES_NO_UNKNOWN, required=False, empty_value=None,
                         coerce=lambda v: {"ja": True, "nei": False}.get(v), **kwargs)

    def prepare_value(self, value):
        return {True: "ja", False: "nei"}.get(value, "")


class PublicCandidateForm(InputRulesMixin, forms.Form):
    """The public call for candidates (dl. § 67). Labels and errors in plain Norwegian."""

    column_model = Candidate

    given_name = forms.CharField(label="Fornavn", max_length=100,
                                 error_messages={"required": "Skriv fornavnet til kandidaten."})
    family_name = forms.CharField(label="Etternavn", max_length=100,
                                  error_messages={"required": "Skriv etternavnet til kandidaten."})
    birth_date = _date("Fødselsdato")
    gender = forms.ChoiceField(label="Kjønn", choices=[("", "Velg")] + [c for c in Gender.choices if c[0]],
                               help_text="Domstolene har egne utvalg for kvinner og menn.",
                               error_messages={"required": "Velg kjønn.", "invalid_choice": "Velg kjønn fra lista."})
    address = forms.CharField(label="Adresse", max_length=200, error_messages={"required": "Skriv adressen."})
    postal_code = forms.RegexField(label="Postnummer", regex=r"^\d{4}$", max_length=4,
                                   error_messages={"required": "Skriv postnummeret.",
                                                   "invalid": "Postnummeret har fire siffer."})
    postal_place = forms.CharField(label="Poststed", max_length=100, error_messages={"required": "Skriv poststedet."})
    email = forms.EmailField(label="E-post", required=False,
                             error_messages={"invalid": "Skriv en gyldig e-postadresse, f.eks. navn@eksempel.no."})
    phone = forms.CharField(label="Telefon", max_length=30, required=False)
    occupation_text = forms.CharField(label="Stilling og arbeidssted", max_length=200, required=False)
    occupation = forms.ChoiceField(
        label="Har kandidaten en av disse stillingene?", choices=Occupation.choices, required=False,
        help_text="Noen stillinger gjør at man ikke kan være meddommer (domstolloven § 71).",
        error_messages={"invalid_choice": "Velg fra lista."})
    wished_pool = forms.ChoiceField(label="Ønsket domstol", required=False, choices=[],
                                    error_messages={"invalid_choice": "Velg fra lista."})
    resident_in_kommune = forms.BooleanField(
        label="Kandidaten er registrert bosatt i kommunen", required=True,
        error_messages={"required": "Kandidaten må være registrert bosatt i kommunen."})
    adequate_norwegian = forms.BooleanField(
        label="Kandidaten snakker og forstår norsk godt", required=True,
        error_messages={"required": "Meddommere må ha tilfredsstillende norskkunnskaper."})
    proposed_by = forms.CharField(label="Ditt navn, hvis du foreslår en annen enn deg selv", max_length=200,
                                  required=False)
    motivation = forms.CharField(label="Hvorfor passer kandidaten? (valgfritt)", required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    consent = forms.BooleanField(
        label="Kandidaten vet om forslaget og samtykker til at kommunen behandler opplysningene",
        error_messages={"required": "Kandidaten må samtykke før forslaget kan sendes."})

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = HoneypotField()  # people leave it empty (issue 12)
        if round is not None and round.kind == RoundKind.MEDDOMMERE:
            self.fields["wished_pool"].choices = [("", "Ingen ønsker"), (PoolKind.TINGRETT, "Tingretten"),
                                                  (PoolKind.LAGMANNSRETT, "Lagmannsretten")]
        else:
            del self.fields["wished_pool"]
        if round is not None and round.kind == RoundKind.ANNET:
            del self.fields["occupation"]
            del self.fields["adequate_norwegian"]
        elif round is not None and round.kind != RoundKind.MEDDOMMERE:
            self.fields["occupation"].help_text = "Noen stillinger gjør at man ikke kan velges (domstolloven § 71)."
            self.fields["adequate_norwegian"].error_messages["required"] = "Kandidaten må ha gode norskkunnskaper."


class StaffCandidateForm(InputRulesMixin, forms.Form):
    column_model = Candidate
    given_name = forms.CharField(label="Fornavn", max_length=100)
    family_name = forms.CharField(label="Etternavn", max_length=100)
    birth_date = _date("Fødselsdato", required=False)
    gender = forms.ChoiceField(label="Kjønn", choices=Gender.choices, required=False)
    address = forms.CharField(label="Adresse", max_length=200, required=False)
    postal_code = forms.CharField(label="Postnummer", max_length=4, required=False)
    postal_place = forms.CharField(label="Poststed", max_length=100, required=False)
    email = forms.EmailField(label="E-post", required=False)
    phone = forms.CharField(label="Telefon", max_length=30, required=False)
    occupation_text = forms.CharField(label="Stilling og arbeidssted", max_length=200, required=False)
    occupation = forms.ChoiceField(label="Stilling som kan utelukke (dl. § 71)", choices=Occupation.choices,
                                   required=False)
    wished_pool = forms.ChoiceField(label="Ønsket utvalg", choices=[("", "–")] + list(PoolKind.choices),
                                    required=False)
    resident_in_kommune = TriStateField(label="Registrert bosatt i kommunen (folkeregisteret)")
    adequate_norwegian = TriStateField(label="Tilfredsstillende norskkunnskaper")
    voting_rights = TriStateField(label="Stemmerett ved kommunestyrevalg (manntallet)")
    bankrupt = TriStateField(label="Under konkursbehandling")
    criminal_record = forms.ChoiceField(label="Politiattest (dl. § 72)", choices=CriminalRecord.choices)
    earlier_periods = forms.IntegerField(label="Tidligere perioder på rad", min_value=0, max_value=20, initial=0,
                                         error_messages={"min_value": "Kan ikke være negativt."})
    party = forms.ModelChoiceField(label="Foreslått av parti/gruppe", queryset=Party.objects.all(), required=False)
    proposed_by = forms.CharField(label="Foreslått av", max_length=200, required=False)
    motivation = forms.CharField(label="Merknad", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RoundForm(InputRulesMixin, forms.Form):
    column_model = AppointmentRound
    kind = forms.ChoiceField(label="Type", choices=RoundKind.choices)
    title = forms.CharField(label="Tittel", max_length=200, help_text="F.eks. «Meddommere 2029–2032».")
    period_start = _date("Periode fra")
    period_end = _date("Periode til")
    call_deadline = _date("Frist for forslag fra innbyggerne", required=False)
    call_text = forms.CharField(label="Kunngjøringstekst", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    pool_name = forms.CharField(label="Navn på vervet (andre oppnevninger)", max_length=120, required=False,
                                help_text="F.eks. «Stemmestyre Sentrum».")
    pool_size = forms.IntegerField(label="Antall (andre oppnevninger)", min_value=1, max_value=MAX_POOL_SIZE,
                                   required=False)


class CaseForRoundForm(InputRulesMixin, forms.Form):
    arkivsaksnummer = forms.CharField(label="Arkivsaksnummer", max_length=12, help_text="F.eks. 26/1234")
    organization = forms.ModelChoiceField(label="Innstillende organ", queryset=Organization.objects.filter(is_active=True))


class MembershipChangeForm(InputRulesMixin, forms.Form):
    kind = forms.ChoiceField(label="Type", choices=ChangeKind.choices)
    arkivsaksnummer = forms.CharField(label="Arkivsaksnummer", max_length=12, help_text="F.eks. 26/1234")
    membership = forms.ModelChoiceField(label="Vervet det søkes fritak fra", required=False, queryset=None)
    organization = forms.ModelChoiceField(label="Organ (supplering)", required=False,
                                          queryset=Organization.objects.filter(is_active=True))
    reason = forms.CharField(label="Begrunnelse", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reason_exempt = forms.BooleanField(
        label="Begrunnelsen er personlig (f.eks. helse): unntatt offentlighet etter offl. § 13", required=False)
    move_up_substitute = forms.BooleanField(label="Første varamedlem fra samme liste rykker opp", required=False,
                                            initial=True)
    new_person = forms.ModelChoiceField(label="Ny person (supplering)", queryset=Person.objects.all(), required=False)
    new_role = forms.ChoiceField(label="Ny rolle", required=False,
                                 choices=[("", "–"), (MembershipRole.MEMBER, "Medlem"),
                                          (MembershipRole.SUBSTITUTE, "Varamedlem")])
    electoral_list = forms.ModelChoiceField(label="Liste (supplering)", queryset=Party.objects.all(), required=False)
    new_substitute_order = forms.IntegerField(label="Nytt varamedlem nr. (tom = sist)", min_value=1, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils import timezone

        self.fields["membership"].queryset = (
            Membership.objects.active_on(timezone.localdate()).select_related("person", "organization")
            .order_by("organization__sort_order", "person__family_name"))
        self.fields["membership"].label_from_instance = lambda m: (
            f"{m.person.name} – {m.get_role_display()}"
            + (f" nr. {m.substitute_order}" if m.substitute_order else "") + f" i {m.organization}"
            + (f" ({m.electoral_list.abbreviation})" if m.electoral_list_id else ""))


class ApplyChangeForm(InputRulesMixin, forms.Form):
    """The secretariat's registration of the decision on a fritak/supplering: applied from a date, or refused."""

    action = forms.ChoiceField(choices=[("apply", "Oppdater medlemskapene"), ("refuse", "Søknaden er avslått")],
                               required=False, error_messages={"invalid_choice": "Ukjent handling."})
    effective_date = _date("Gjelder fra", required=False)
    comment = forms.CharField(label="Merknad (valgfritt)", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("action") != "refuse" and not data.get("effective_date") and "effective_date" not in self.errors:
            self.add_error("effective_date", "Fyll inn gjelder fra.")
        return data


_SIZE_ERRORS = {"invalid": "Antallet må være et helt tall.", "min_value": "Antallet kan ikke være negativt.",
                "max_value": f"Antallet kan være høyst {MAX_POOL_SIZE}."}


class PoolSizesForm(InputRulesMixin, forms.Form):
    """The number per pool the courts give (dl. § 64): one field `size-<pool id>` per pool of the round."""

    def __init__(self, *args, pools=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pools = list(pools)
        for pool in self.pools:
            self.fields[f"size-{pool.pk}"] = forms.IntegerField(
                label=f"Antall {pool.label}", required=False, min_value=0, max_value=MAX_POOL_SIZE,
                error_messages={k: f"{pool.label}: {v}" for k, v in _SIZE_ERRORS.items()})

    def sizes(self) -> dict[int, int]:
        """The sizes given, by pool id (a pool left empty is left as it is)."""
        return {pool.pk: self.cleaned_data[f"size-{pool.pk}"] for pool in self.pools
                if self.cleaned_data.get(f"size-{pool.pk}") is not None}


class PoolAddForm(InputRulesMixin, forms.Form):
    name = forms.CharField(label="Nytt verv/utvalg", max_length=column_length(Pool, "name"),
                           error_messages={"required": "Skriv navnet på vervet eller utvalget."})
    size = forms.IntegerField(label="Antall", min_value=1, max_value=MAX_POOL_SIZE,
                              error_messages={**_SIZE_ERRORS, "required": "Antallet må være minst 1.",
                                              "min_value": "Antallet må være minst 1."})


class CandidatePoolForm(InputRulesMixin, forms.Form):
    """Put a candidate into one of the round's pools, or (empty) take them out of the proposal."""

    pool = forms.ModelChoiceField(queryset=Pool.objects.none(), required=False,
                                  error_messages={"invalid_choice": "Ukjent utvalg."})

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pool"].queryset = round.pools.all()
