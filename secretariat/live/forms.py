"""The live pages' input: every POST is read through one of these forms (secretariat.common.forms)."""

from __future__ import annotations

from django import forms

from secretariat.common.forms import InputForm
from secretariat.meetings.models import Meeting, Proposal, VoteChoice, VoteKind
from secretariat.organizations.models import Membership

from .models import ElectronicVote, Speech, SpeechKind

CHOICE_ERRORS = {"required": "Velg for, mot eller blank.", "invalid_choice": "En stemme må være «for», «mot» eller "
                 "«blank»."}
TIE_CHOICES = [("", "–"), (VoteChoice.FOR, "For"), (VoteChoice.AGAINST, "Mot")]


class _MeetingForm(InputForm):
    """A form whose objects must belong to this meeting: an id from another meeting is a form error."""

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting


class NextForm(InputForm):
    next = forms.CharField(required=False, max_length=500)


class RequestFloorForm(_MeetingForm):
    kind = forms.ChoiceField(label="Type", choices=SpeechKind.choices,
                             error_messages={"required": "Velg innlegg eller replikk.",
                                             "invalid_choice": "Velg innlegg eller replikk."})


class SpeechForm(_MeetingForm):
    speech = forms.ModelChoiceField(queryset=Speech.objects.none(),
                                    error_messages={"required": "Velg et innlegg på talerlisten.",
                                                    "invalid_choice": "Innlegget finnes ikke i dette møtet."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speech"].queryset = Speech.objects.filter(agenda_item__meeting=self.meeting).select_related(
            "agenda_item__meeting", "membership__person")


class StartSpeechForm(SpeechForm):
    time_limit_minutes = forms.DecimalField(label="Taletid (minutter)", required=False, min_value=0.25,
                                            max_value=60, decimal_places=2,
                                            error_messages={"invalid": "Taletiden må være et tall (minutter)."})

    def time_limit_seconds(self) -> int | None:
        minutes = self.cleaned_data.get("time_limit_minutes")
        return None if minutes is None else int(minutes * 60)


class MoveSpeechForm(SpeechForm):
    direction = forms.ChoiceField(choices=[("opp", "Opp"), ("ned", "Ned")],
                                  error_messages={"required": "Velg opp eller ned.",
                                                  "invalid_choice": "Velg opp eller ned."})


class AddSpeakerForm(RequestFloorForm):
    membership = forms.ModelChoiceField(queryset=Membership.objects.none(),
                                        error_messages={"required": "Velg et medlem.",
                                                        "invalid_choice": "Medlemmet hører ikke til dette organet."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = Membership.objects.filter(organization_id=self.meeting.organization_id)


class CastForm(_MeetingForm):
    vote = forms.ModelChoiceField(queryset=ElectronicVote.objects.none(),
                                  error_messages={"required": "Ingen avstemning er valgt.",
                                                  "invalid_choice": "Avstemningen finnes ikke i dette møtet."})
    choice = forms.ChoiceField(choices=VoteChoice.choices, error_messages=CHOICE_ERRORS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vote"].queryset = ElectronicVote.objects.filter(agenda_item__meeting=self.meeting).select_related(
            "agenda_item__meeting", "proposal")


class HandCastForm(CastForm):
    membership = forms.ModelChoiceField(queryset=Membership.objects.none(),
                                        error_messages={"required": "Velg hvem stemmen er fra.",
                                                        "invalid_choice": "Medlemmet hører ikke til dette organet."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = Membership.objects.filter(organization_id=self.meeting.organization_id)


class OpenVoteForm(_MeetingForm):
    proposal = forms.ModelChoiceField(queryset=Proposal.objects.none(),
                                      error_messages={"required": "Velg forslaget det skal stemmes over.",
                                                      "invalid_choice": "Forslaget hører ikke til dette møtet."})
    kind = forms.ChoiceField(choices=VoteKind.choices, required=False,
                             error_messages={"invalid_choice": "Velg sak, valg eller ansettelse."})
    secret = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = Proposal.objects.filter(agenda_item__meeting=self.meeting)


class VoteActionForm(_MeetingForm):
    vote = forms.ModelChoiceField(queryset=ElectronicVote.objects.none(),
                                  error_messages={"required": "Ingen avstemning er valgt.",
                                                  "invalid_choice": "Avstemningen finnes ikke i dette møtet."})
    casting_vote = forms.ChoiceField(choices=TIE_CHOICES, required=False,
                                     error_messages={"invalid_choice": "Oppgi «for» eller «mot»."})
    lots_winner = forms.ChoiceField(choices=TIE_CHOICES, required=False,
                                    error_messages={"invalid_choice": "Oppgi «for» eller «mot»."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vote"].queryset = ElectronicVote.objects.filter(agenda_item__meeting=self.meeting).select_related(
            "agenda_item__meeting", "proposal")
