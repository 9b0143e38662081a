from django import forms

from secretariat.cases.exemptions import ClosedBasis
from secretariat.common.dates import unusual_date_problem
from secretariat.common.forms import InputForm, InputRulesMixin
from secretariat.organizations.models import Membership, Organization, Person

from .models import Absence, AgendaItem, AgendaItemOutcome, Decision, Meeting, Minutes, Proposal, ProtocolRemark, Recusal
from .services.live import VIDEO_SECONDS_MAX


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


class VoteForm(InputRulesMixin, forms.Form):
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


class ChairForm(InputRulesMixin, forms.Form):
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


class AttendanceCorrectionForm(InputRulesMixin, forms.Form):
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
        from .models import Attendance

        super().__init__(*args, **kwargs)
        self.fields["attendance"].queryset = Attendance.objects.filter(meeting=meeting).select_related(
            "membership__person", "substitute_for__person", "arrived_before", "left_before")
        self.fields["before_item"].queryset = AgendaItem.objects.filter(meeting=meeting)


# --- the meeting page's and møtemodus' other actions (issue 12: no hand reads of the posted form) ---------------
# Each action of views.meeting_action reads its input through one of these. Ids of items, memberships,
# attendances and absences are choices among this meeting's own (an id from another meeting is a Norwegian
# message, never an action on someone else's data). The rules themselves stay in the services.

ITEM_REQUIRED = "Velg en sak på sakslisten."
ITEM_UNKNOWN = "Ukjent sak på sakslisten."
MEMBER_UNKNOWN = "Velg et medlem av organet."


def _item_field(required: bool = False, *, missing: str = ITEM_REQUIRED) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=None, required=required,
                                  error_messages={"required": missing, "invalid_choice": ITEM_UNKNOWN})


def _membership_field(required: bool = False, *, missing: str = "Velg hvem det gjelder."
                      ) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=None, required=required,
                                  error_messages={"required": missing, "invalid_choice": MEMBER_UNKNOWN})


class MeetingActionForm(InputRulesMixin, forms.Form):
    """A form of one meeting's page: its item fields choose among the meeting's agenda items, its membership
    fields among the memberships of the meeting's organ."""

    item_fields: tuple[str, ...] = ()
    membership_fields: tuple[str, ...] = ()

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        for name in self.item_fields:
            self.fields[name].queryset = meeting.agenda_items.all()
        for name in self.membership_fields:
            self.fields[name].queryset = Membership.objects.filter(organization_id=meeting.organization_id
                                                                   ).select_related("person")


class AgendaItemCloseForm(MeetingActionForm):
    """Close an agenda item on a ground of koml. § 11-5, or open it (empty ground). The rules are the service's
    (services.agenda_item_close): this only reads the input."""

    item_fields = ("item",)
    item = _item_field(required=True)
    closed_basis = forms.ChoiceField(
        label="Lukket møte (koml. § 11-5)", required=False, choices=[("", "Åpent"), *ClosedBasis.choices],
        error_messages={"invalid_choice": "Velg hjemmel for å lukke møtet (koml. § 11-5)."})


class ItemForm(MeetingActionForm):
    """An action on one agenda item of this meeting (take it off the agenda; the item of a vote)."""

    item_fields = ("item",)
    item = _item_field(required=True)


class AddCaseForm(InputForm):
    case = forms.ModelChoiceField(queryset=None, error_messages={"required": "Velg en sak.",
                                                                 "invalid_choice": "Velg en sak."})
    supplementary = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        from secretariat.cases.models import Case

        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = Case.objects.all()


class AddOtherForm(InputForm):
    """A referatsak or an orientering: which kind, and how long a title may be, are the service's rules (its
    message names the limit); the form bounds the text like any other."""

    kind = forms.CharField(required=False)
    title = forms.CharField(required=False)


class MoveForm(ItemForm):
    direction = forms.ChoiceField(required=False, choices=[("up", "Opp"), ("down", "Ned")],
                                  error_messages={"invalid_choice": "Flytt saken opp eller ned."})

    def clean_direction(self) -> str:
        return self.cleaned_data.get("direction") or "down"


class SupplementaryNoticeForm(InputForm):
    column_model = Meeting
    override_reason = forms.CharField(required=False)


class AbsenceForm(MeetingActionForm):
    """Forfall (koml. § 8-1): who, for which items (none = the whole meeting), why."""

    column_model = Absence
    membership_fields = ("membership",)
    membership = _membership_field(required=True, missing="Velg hvem som har forfall.")
    items = forms.ModelMultipleChoiceField(queryset=None, required=False, error_messages={
        "invalid_choice": ITEM_UNKNOWN, "invalid_pk_value": ITEM_UNKNOWN, "invalid_list": ITEM_UNKNOWN})
    reason = forms.CharField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = self.meeting.agenda_items.all()


class ConfirmSubstituteForm(MeetingActionForm):
    """Call in the substitute for one of this meeting's absences (default: the proposed one)."""

    membership_fields = ("substitute",)
    absence = forms.ModelChoiceField(queryset=None, error_messages={
        "required": "Velg hvilket forfall det gjelder.", "invalid_choice": "Forfallet finnes ikke i dette møtet."})
    substitute = _membership_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["absence"].queryset = self.meeting.absences.all()


class AttendForm(MeetingActionForm):
    item_fields = ("arrived_before",)
    membership_fields = ("membership", "substitute_for")
    membership = _membership_field(required=True, missing="Velg hvem som møter.")
    substitute_for = _membership_field()
    arrived_before = _item_field()


class RecusalForm(MeetingActionForm):
    """Habilitet for one item (koml. § 11-10, fvl. § 6): decided «1» = inhabil (the default), «0» = habil."""

    column_model = Recusal
    item_fields = ("item",)
    membership_fields = ("membership", "substitute")
    item = _item_field(required=True, missing="Velg sak og medlem.")
    membership = _membership_field(required=True, missing="Velg sak og medlem.")
    grounds = forms.CharField(required=False)
    decided = forms.ChoiceField(required=False, choices=[("1", "Inhabil"), ("0", "Habil")],
                                error_messages={"invalid_choice": "Velg om medlemmet er inhabil eller habil."})
    substitute = _membership_field()

    def clean_decided(self) -> bool:
        return self.cleaned_data.get("decided", "") != "0"

    def clean(self):
        cleaned = super().clean()
        if "item" in self.errors and "membership" in self.errors and all(
                e.code == "required" for name in ("item", "membership") for e in self.errors.as_data()[name]):
            del self.errors["membership"]  # one «Velg sak og medlem.», not two
        return cleaned


class CurrentItemForm(MeetingActionForm):
    item_fields = ("item",)
    item = _item_field()
    record_video = forms.BooleanField(required=False)


class VideoMarkForm(ItemForm):
    """Where in the video an item starts: empty = now (the service bounds it by the meeting)."""

    seconds = forms.IntegerField(required=False, min_value=0, max_value=VIDEO_SECONDS_MAX, error_messages={
        "invalid": "Sekunder må være et helt tall som ikke er negativt.",
        "min_value": "Sekunder må være et helt tall som ikke er negativt.",
        "max_value": "Sekunder må være et helt tall som ikke er negativt."})


class ProposalForm(ItemForm):
    column_model = Proposal
    recommendation = forms.BooleanField(required=False)
    by = forms.CharField(required=False)
    text = forms.CharField(required=False)


class DecideForm(ItemForm):
    """The decision of one item; whether it is final or goes to the next organ is the service's rule."""

    column_model = Decision
    text = forms.CharField(required=False)
    next_step = forms.CharField(required=False, max_length=20)
    forward_to = forms.ModelChoiceField(queryset=None, required=False,
                                        error_messages={"invalid_choice": "Velg neste organ."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forward_to"].queryset = Organization.objects.all()

    def clean_next_step(self) -> str:
        return self.cleaned_data.get("next_step") or "final"


class OutcomeForm(ItemForm):
    column_model = AgendaItemOutcome
    outcome = forms.CharField(required=False, max_length=20)
    comment = forms.CharField(required=False)


class RemarkForm(MeetingActionForm):
    """Protokolltilførsel, to one item or to the meeting."""

    column_model = ProtocolRemark
    item_fields = ("item",)
    item = _item_field()
    by = forms.CharField(required=False)
    text = forms.CharField(required=False)


class DecisionTextForm(MeetingActionForm):
    column_model = Decision
    item_fields = ("item",)
    item = _item_field(required=True, missing="Saken har ikke noe vedtak.")
    text = forms.CharField(required=False)


class MinutesForm(InputForm):
    """Who approves or signs the protokoll; whether a signer was present is the service's rule (koml. § 11-4)."""

    column_model = Minutes
    approval_label = forms.CharField(required=False)
    signers = forms.ModelMultipleChoiceField(queryset=None, required=False, error_messages={
        "invalid_choice": "Velg medlemmer som møtte.", "invalid_pk_value": "Velg medlemmer som møtte.",
        "invalid_list": "Velg medlemmer som møtte."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signers"].queryset = Person.objects.all()


class NextForm(InputForm):
    """Where to go after an action: only a path on this site is followed (the view checks the host)."""

    next = forms.CharField(required=False, max_length=2000)
