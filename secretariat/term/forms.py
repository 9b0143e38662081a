"""The term pages' forms: each parses input with the project's input rules; the services decide."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from secretariat.common.forms import InputForm
from secretariat.organizations.models import LegislativeTerm, Organization, OrganizationType, Party, Person

from .leaders import Office
from .lots import SYSTEM_CHOICE, LotsQuestion, names_text, system_may_draw
from .models import BodyElection, ElectionMethod

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def _terms():
    return LegislativeTerm.objects.order_by("-start_date")


class TermForm(InputForm):
    term = forms.ModelChoiceField(label="Valgperiode", queryset=LegislativeTerm.objects.none(),
                                  empty_label="Velg valgperiode")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = _terms()


class ValgoppgjorForm(InputForm):
    term = forms.ModelChoiceField(label="Valgperiode", queryset=LegislativeTerm.objects.none(),
                                  empty_label="Velg valgperiode",
                                  help_text="Den nye valgperioden (opprettes i admin under Valgperioder).")
    file = forms.FileField(
        label="Valgoppgjøret (CSV)",
        help_text="Første linje: liste;nr;fornavn;etternavn;fodselsdato;kjonn;status;epost. Status er «valgt» eller "
                  "«vara»; nr er rekkefølgen på lista. Semikolon eller komma, UTF-8. Er én linje feil, lagres "
                  "ingenting.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = _terms()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.file_name = upload.name
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Filen er for stor (høyst 2 MB).")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("Filen er ikke lagret som UTF-8. Lagre den som «CSV UTF-8» og prøv igjen.") \
                from None


class LotsForm(InputForm):
    """The outcome of a loddtrekning held in the meeting (secretariat/term/lots.py): hidden until the service finds a
    tie that only lots can decide; then `ask_lots` turns it into a choice among exactly the tied (and «let the
    system draw», where the kommune allows it). `lots_drawn` carries the outcomes already given for the ties before
    it (a forholdsvalg can have more than one)."""

    lots_winner = forms.CharField(label="Loddtrekning", required=False, max_length=200, widget=forms.HiddenInput)
    lots_drawn = forms.CharField(required=False, max_length=2_000, widget=forms.HiddenInput)

    def lots(self) -> list[str]:
        """The outcomes in the order the ties arise."""
        drawn = (self.cleaned_data.get("lots_drawn") or "").splitlines()
        return [*drawn, self.cleaned_data.get("lots_winner") or ""]

    def ask_lots(self, question: LotsQuestion) -> None:
        field = self.fields["lots_winner"]
        choices = [(name, name) for name in question.between]
        if system_may_draw():
            choices.append((SYSTEM_CHOICE, "Det ble ikke trukket lodd i møtet: la systemet trekke"))
        field.widget = forms.RadioSelect(choices=choices)
        help_text = "Velg den som vant loddtrekningen møtelederen holdt i møtet."
        if question.answered:
            given = [a for a in question.answered if a != SYSTEM_CHOICE]
            help_text += (f" Oppgitt for de første loddtrekningene: {names_text(given)}." if given else
                          " Systemet trakk lodd i de første loddtrekningene.")
        field.help_text = self["lots_winner"].help_text = help_text  # the bound field was made when the form was read
        self.data = self.data.copy()
        self.data["lots_drawn"] = "\n".join(question.answered)
        self.data["lots_winner"] = ""
        self.order_fields(["lots_winner"])


class BodyElectionForm(LotsForm):
    column_model = BodyElection

    term = forms.ModelChoiceField(label="Valgperiode", queryset=LegislativeTerm.objects.none(),
                                  empty_label="Velg valgperiode")
    organization = forms.ModelChoiceField(label="Organ", queryset=Organization.objects.none(),
                                          empty_label="Velg organ")
    method = forms.ChoiceField(label="Valgmåte", choices=ElectionMethod.choices, widget=forms.RadioSelect)
    candidates_text = forms.CharField(
        label="Lister og kandidater", widget=forms.Textarea(attrs={"rows": 12}), max_length=20_000,
        help_text="Én kandidat per linje i listas rekkefølge: «liste;navn», f.eks. «Ap;Kari Nordmann»; høyst dobbelt "
                  "så mange navn som plasser, minst 40 % av hvert kjønn (koml. § 7-5). Ved avtalevalg: "
                  "«liste;navn;medlem» eller «liste;navn;vara» (varamedlemmene i rekkefølge, høyst to flere enn "
                  "partiets medlemmer, § 7-7). Heter flere det samme, skriv fødselsdatoen etter navnet: «Ap;Kari Nordmann "
                  "(12.03.1980)». Semikolon, tabulator eller komma.")
    signatures_text = forms.CharField(
        label="Underskrevet av (forholdsvalg)", required=False, max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Én linje per liste: «liste;navn», den fra partiet eller gruppa i kommunestyret som underskrev "
                  "listeforslaget (koml. § 7-5 tredje ledd).")
    votes_text = forms.CharField(
        label="Stemmesedler per liste (forholdsvalg)", required=False, max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 5}), help_text="Én linje per liste: «liste;antall», f.eks. «Ap;9».")
    unanimous = forms.BooleanField(label="Avtalevalg: kommunestyret vedtok innstillingen enstemmig (koml. § 7-7)",
                                   required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = _terms()
        self.fields["organization"].queryset = (Organization.objects.filter(is_active=True)
                                                .exclude(organization_type=OrganizationType.KOMMUNESTYRE))


class LeaderForm(LotsForm):
    """Flertallsvalg of a body's leder or nestleder (ordfører and varaordfører for kommunestyret and formannskapet),
    koml. § 7-8: the first vote, and a new vote when no one had more than half."""

    term = forms.ModelChoiceField(label="Valgperiode", queryset=LegislativeTerm.objects.none(),
                                  empty_label="Velg valgperiode")
    organization = forms.ModelChoiceField(label="Organ", queryset=Organization.objects.none(), empty_label="Velg organ",
                                          help_text="Kommunestyret eller formannskapet: ordfører og varaordfører.")
    office = forms.ChoiceField(label="Verv", choices=Office.choices, widget=forms.RadioSelect)
    first_vote = forms.CharField(
        label="Avstemningen", widget=forms.Textarea(attrs={"rows": 4}), max_length=2_000,
        help_text="Én linje per kandidat: «navn;stemmer», f.eks. «Kari Nordmann;15» (heter flere det samme: «Kari "
                  "Nordmann (12.03.1980);15»). Valgt er den som får mer enn halvparten av de avgitte stemmene.")
    blank = forms.IntegerField(label="Blanke stemmer", min_value=0, max_value=10_000, initial=0, required=False,
                               help_text="Regnes ikke med blant de avgitte stemmene.")
    new_vote = forms.CharField(
        label="Ny avstemning (hvis ingen fikk mer enn halvparten)", required=False, max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Den som får flest stemmer, er valgt; står det likt, avgjøres valget ved loddtrekning (koml. § 7-8).")
    consented = forms.BooleanField(label="Kandidatene har samtykket til å stille til valg (koml. § 6-2 andre ledd)",
                                   required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = _terms()
        self.fields["organization"].queryset = Organization.objects.filter(is_active=True).order_by("sort_order",
                                                                                                     "name")

    def clean_blank(self):
        return self.cleaned_data.get("blank") or 0


class YearForm(InputForm):
    year = forms.IntegerField(label="År", min_value=2000, max_value=2100)


class GroupSupportCaseForm(YearForm):
    arkivsaksnummer = forms.CharField(label="Arkivsaksnummer", max_length=20, help_text="F.eks. 27/123.")


class GroupChangeForm(InputForm):
    term = forms.ModelChoiceField(label="Valgperiode", queryset=LegislativeTerm.objects.none(),
                                  empty_label="Velg valgperiode")
    person = forms.ModelChoiceField(label="Representant", queryset=Person.objects.none(), empty_label="Velg person")
    from_date = forms.DateField(label="Fra dato", widget=forms.DateInput(attrs={"type": "date"}))
    new_group = forms.ModelChoiceField(label="Ny gruppe", queryset=Party.objects.all(), required=False,
                                       empty_label="Uavhengig (ingen gruppe)")
    note = forms.CharField(label="Merknad", max_length=300, required=False)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = _terms()
        self.fields["person"].queryset = people if people is not None else Person.objects.none()


class InvitationPasswordForm(SetPasswordForm):
    """The invited folkevalgt chooses a password (Django's validators; the input rules on both fields)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from secretariat.common.forms import apply_input_rules

        for field in self.fields.values():
            apply_input_rules(field)
