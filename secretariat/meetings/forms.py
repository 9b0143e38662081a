from django import forms

from secretariat.cases.exemptions import ClosedBasis
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


class AgendaItemCloseForm(forms.Form):
    """Close an agenda item on a ground of koml. § 11-5, or open it (empty ground). The rules are the service's
    (services.agenda_item_close): this only reads the input."""

    item = forms.IntegerField(min_value=1, max_value=2**31 - 1,
                              error_messages={"required": "Velg en sak på sakslisten.",
                                              "invalid": "Velg en sak på sakslisten."})
    closed_basis = forms.ChoiceField(
        label="Lukket møte (koml. § 11-5)", required=False, choices=[("", "Åpent"), *ClosedBasis.choices],
        error_messages={"invalid_choice": "Velg hjemmel for å lukke møtet (koml. § 11-5)."})


def form_errors(form: forms.Form) -> str:
    """A bound form's errors as one Norwegian sentence list, for the one-line message of a staff action."""
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


# --- spørsmål og interpellasjoner (session 19, questions) ------------------------------------------------------

class QuestionForm(forms.Form):
    """A member hands in a question; the secretariat also picks who it is from and may give a late reason."""

    kind = forms.ChoiceField(label="Type", choices=[])
    title = forms.CharField(label="Tittel", max_length=250)
    text = forms.CharField(label="Spørsmålet", widget=forms.Textarea(attrs={"rows": 5}), max_length=20_000)
    asked_by = forms.TypedChoiceField(label="Fra", coerce=int, choices=[])
    late_reason = forms.CharField(label="Begrunnelse for å ta imot etter fristen", required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text="Bare når fristen i reglementet er ute.")

    def __init__(self, *args, askers=(), secretariat: bool = False, **kwargs):
        from .models import QuestionKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = QuestionKind.choices
        if secretariat:
            self.fields["asked_by"].choices = [("", "Velg medlem")] + [(p.pk, p.name) for p in askers]
        else:
            del self.fields["asked_by"], self.fields["late_reason"]


class QuestionAnswerForm(forms.Form):
    answer = forms.CharField(label="Svar", widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=20_000)


class QuestionExemptForm(forms.Form):
    exempt_basis = forms.ChoiceField(label="Unntatt offentlighet", required=False, choices=[],
                                     help_text="Tom = offentlig.")

    def __init__(self, *args, **kwargs):
        from secretariat.cases.exemptions import ExemptionBasis

        super().__init__(*args, **kwargs)
        self.fields["exempt_basis"].choices = [("", "Offentlig")] + list(ExemptionBasis.choices)


# --- møtemodus: votes and the setteleder (koml. §§ 8-1, 11-2, 11-9) ----------------------------------------------

COUNT_ERRORS = {"invalid": "Antall stemmer må være et helt tall som ikke er negativt.",
                "min_value": "Antall stemmer må være et helt tall som ikke er negativt.",
                "max_value": "Antall stemmer er for stort."}
TIE_CHOICES = [("", "–"), ("for", "For"), ("mot", "Mot")]


def _count_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=100_000, error_messages=COUNT_ERRORS)


class VoteForm(forms.Form):
    """One vote in møtemodus. Ballots come as `ballot_<membership id>` = for/mot/blank (one radio group per member
    present); the rules about them (everyone votes, blank only in valg and ansettelser, ties) are the service's."""

    proposal = forms.ModelChoiceField(queryset=None, error_messages={
        "required": "Velg hvilket forslag det stemmes over.", "invalid_choice": "Velg hvilket forslag det stemmes over."})
    kind = forms.ChoiceField(label="Avstemningen gjelder", required=False, choices=[], error_messages={
        "invalid_choice": "Velg om avstemningen gjelder en sak, et valg eller en ansettelse."})
    is_election = forms.BooleanField(required=False)  # the older checkbox: the same as kind=valg
    secret = forms.BooleanField(required=False)
    unanimous = forms.BooleanField(required=False)
    for_count = _count_field("Antall for")
    against_count = _count_field("Antall mot")
    blank_count = _count_field("Antall blanke")
    casting_vote = forms.ChoiceField(label="Møteleder stemte", required=False, choices=TIE_CHOICES,
                                     error_messages={"invalid_choice": "Møteleder stemte «for» eller «mot»."})
    lots_winner = forms.ChoiceField(label="Loddtrekningen ga", required=False, choices=TIE_CHOICES,
                                    error_messages={"invalid_choice": "Loddtrekningen gir «for» eller «mot»."})

    def __init__(self, *args, item, **kwargs):
        from .models import VoteKind

        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = item.proposals.all()
        self.fields["kind"].choices = [("", "Sak"), *VoteKind.choices]

    def clean(self):
        cleaned = super().clean()
        ballots = {}
        for key, value in self.data.items():
            if not key.startswith("ballot_") or not value:
                continue
            member = key.removeprefix("ballot_")
            if not (member.isascii() and member.isdigit() and len(member) < 19):
                raise forms.ValidationError("Ugyldig stemme: velg for, mot eller blank for medlemmene som er til stede.")
            if value not in ("for", "mot", "blank"):
                raise forms.ValidationError("En stemme må være «for», «mot» eller «blank».")
            ballots[int(member)] = value
        cleaned["ballots"] = ballots
        return cleaned

    def vote_arguments(self) -> dict:
        """Keyword arguments for services.vote_record."""
        data = self.cleaned_data
        return {"proposal": data["proposal"], "ballots": None if data["secret"] else data["ballots"],
                "for_count": data["for_count"], "against_count": data["against_count"],
                "blank_count": data["blank_count"] or 0, "secret": data["secret"], "kind": data["kind"] or "sak",
                "is_election": data["is_election"], "unanimous": data["unanimous"],
                "casting_vote": data["casting_vote"], "lots_winner": data["lots_winner"]}


class ChairForm(forms.Form):
    """The setteleder (or the nestleder) of one item, or of the whole meeting when `item` is empty (koml. § 11-2)."""

    membership = forms.ModelChoiceField(queryset=None, error_messages={
        "required": "Velg hvem som leder.", "invalid_choice": "Velg et medlem av organet."})
    item = forms.ModelChoiceField(queryset=None, required=False,
                                  error_messages={"invalid_choice": "Ukjent sak på sakslisten."})

    def __init__(self, *args, meeting, **kwargs):
        from secretariat.organizations.models import Membership

        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = Membership.objects.filter(organization_id=meeting.organization_id)
        self.fields["item"].queryset = meeting.agenda_items.all()


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
