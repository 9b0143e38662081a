"""Typed input of the meetings API's actions (issue 12: no hand parsing of request.data; a wrong type is a 400)."""

from __future__ import annotations

from rest_framework import serializers

from ..models import Absence, AgendaItem, Proposal, QuestionKind, Recusal, VoteKind
from ..services.live import VIDEO_SECONDS_MAX


class AgendaAddRequest(serializers.Serializer):
    case = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**31 - 1)
    supplementary = serializers.BooleanField(required=False, default=False)
    kind = serializers.ChoiceField(choices=["RS", "OS"], required=False, default="",
                                   error_messages={"invalid_choice": "Velg referatsak (RS) eller orientering (OS)."})
    title = serializers.CharField(required=False, default="", allow_blank=True,
                                  max_length=AgendaItem._meta.get_field("title").max_length)


class ProposalRequest(serializers.Serializer):
    by = serializers.CharField(required=False, default="", allow_blank=True,
                               max_length=Proposal._meta.get_field("by").max_length)
    text = serializers.CharField(required=False, default="", allow_blank=True)
    recommendation = serializers.BooleanField(required=False, default=False)


class VideoRequest(serializers.Serializer):
    seconds = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=VIDEO_SECONDS_MAX,
                                       error_messages={"invalid": "Sekunder må være et helt tall."})


class CloseRequest(serializers.Serializer):
    closed = serializers.BooleanField(required=False, default=True)
    closed_basis = serializers.CharField(required=False, default="", allow_blank=True,
                                         max_length=AgendaItem._meta.get_field("closed_basis").max_length)


class RecusalRequest(serializers.Serializer):
    membership = serializers.IntegerField(min_value=1)
    grounds = serializers.CharField(required=False, default="", allow_blank=True,
                                    max_length=Recusal._meta.get_field("grounds").max_length)
    decided = serializers.BooleanField(required=False, default=True)
    substitute = serializers.IntegerField(required=False, allow_null=True, min_value=1)


def _count(**kwargs):
    return serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=100_000, **kwargs)


class VoteRequest(serializers.Serializer):
    proposal = serializers.IntegerField(min_value=1, max_value=2**63 - 1,
                                        error_messages={"invalid": "Oppgi forslaget (id)."})
    ballots = serializers.DictField(child=serializers.ChoiceField(choices=["for", "mot", "blank"]), required=False,
                                   default=dict, help_text="membership id → for/mot/blank (open vote)")
    for_count = _count()
    against_count = _count()
    blank_count = _count()
    secret = serializers.BooleanField(required=False, default=False)
    kind = serializers.ChoiceField(choices=VoteKind.choices, required=False, default=VoteKind.CASE,
                                   help_text="sak (default), valg or ansettelse: blank votes only in valg and "
                                             "ansettelser (koml. § 8-1); a tie in a valg is drawn by lots")
    is_election = serializers.BooleanField(required=False, default=False, help_text="the same as kind=valg")
    unanimous = serializers.BooleanField(required=False, default=False)
    casting_vote = serializers.ChoiceField(choices=["for", "mot"], required=False, default="", allow_blank=True,
                                           help_text="on a tie in a vote by totals: how the møteleder voted")
    lots_winner = serializers.ChoiceField(choices=["for", "mot"], required=False, default="", allow_blank=True,
                                          help_text="on a tie in a valg: the outcome of the lots")

    def validate_ballots(self, ballots):
        if any(not (key.isascii() and key.isdigit() and len(key) < 19) for key in ballots):
            raise serializers.ValidationError("Oppgi stemmene som {medlemskap-id: for/mot/blank}.")
        return {int(key): value for key, value in ballots.items()}


class ChairRequest(serializers.Serializer):
    membership = serializers.IntegerField(min_value=1, max_value=2**63 - 1,
                                          error_messages={"required": "Oppgi et medlemskap (id)."})
    item = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**63 - 1,
                                    help_text="agenda item id; empty = the whole meeting")


class DecideRequest(serializers.Serializer):
    text = serializers.CharField(required=False, default="", allow_blank=True)
    next_step = serializers.ChoiceField(choices=["final", "forward"], required=False, default="final")
    forward_to = serializers.SlugField(required=False, default="", allow_blank=True, max_length=100,
                                       help_text="organization slug")


class OutcomeRequest(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["utsatt", "sendt_tilbake", "trukket", "tatt_til_orientering"])
    comment = serializers.CharField(required=False, default="", allow_blank=True)


def _id(**kwargs):
    return serializers.IntegerField(min_value=1, max_value=2**63 - 1, **kwargs)


class AbsenceRequest(serializers.Serializer):
    membership = _id(error_messages={"required": "Oppgi et medlemskap (id)."})
    items = serializers.ListField(child=_id(), required=False, default=list, max_length=500)
    reason = serializers.CharField(required=False, default="", allow_blank=True,
                                   max_length=Absence._meta.get_field("reason").max_length)


class ConfirmSubstituteRequest(serializers.Serializer):
    absence = _id()
    substitute = _id(required=False, allow_null=True)


class AttendanceRequest(serializers.Serializer):
    membership = _id(error_messages={"required": "Oppgi et medlemskap (id)."})
    substitute_for = _id(required=False, allow_null=True)
    arrived_before = _id(required=False, allow_null=True)
    only_items = serializers.ListField(child=_id(), required=False, default=list, max_length=500)


class QuestionRequest(serializers.Serializer):
    """A spørsmål or an interpellasjon: a folkevalgt for themself; the secretariat names `asked_by` and may give
    `late_reason` after the reglement's deadline."""

    kind = serializers.ChoiceField(choices=QuestionKind.choices)
    title = serializers.CharField(max_length=250)
    text = serializers.CharField(max_length=20_000)
    asked_by = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**31 - 1)
    late_reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
