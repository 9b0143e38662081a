"""Meetings over the API: meetings, agenda items, absence, attendance, votes and decisions.

Reads show what `secretariat.access` lets the user see (per user, through the selectors); writes go through the
same services as the staff UI, so the same
rules and the same Norwegian messages apply (errors as JSON via secretariat.api.errors).
"""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from secretariat import access
from secretariat.api.caching import public_list_cache
from secretariat.api.input import validated
from secretariat.api.schema import transitions_schema
from secretariat.api.transitions import transitions_endpoint
from secretariat.cases.models import Case
from secretariat.common.dates import unusual_date_problem
from secretariat.common.parsing import int_or
from secretariat.followups.legality import legality_review_deadline
from secretariat.organizations.models import Membership, Organization, Person
from workflows.engine import available_transitions
from workflows.meeting import MEETING_WORKFLOW

from . import selectors, services
from .models import Absence, AgendaItem, Decision, Meeting, Proposal, QuestionKind, Recusal, Vote, VoteKind
from .services.live import VIDEO_SECONDS_MAX


class MeetingSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", queryset=Organization.objects.all())
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    quorum = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "organization", "title", "start", "end", "location", "is_remote", "remote_link", "video_url",
                  "state", "state_label", "uid", "sequence", "notice_sent_at", "notice_override_reason",
                  "cancelled_reason", "quorum"]
        read_only_fields = ["state", "uid", "sequence", "notice_sent_at", "notice_override_reason",
                            "cancelled_reason"]

    def get_quorum(self, obj) -> dict:
        # A list passes every meeting's quorum in the context (selectors.quorums_at_start: one query per page).
        q = self.context.get("quorums", {}).get(obj.pk) or selectors.quorum(obj)
        return {"present": q.present, "seats": q.seats, "required": q.required, "ok": q.ok}


class MeetingWriteSerializer(MeetingSerializer):
    confirm_unusual_date = serializers.BooleanField(
        write_only=True, required=False, default=False,
        help_text="Kreves når møtet er mer enn ett år tilbake eller mer enn fem år frem i tid.")

    class Meta(MeetingSerializer.Meta):
        fields = ["organization", "title", "start", "end", "location", "is_remote", "remote_link", "video_url",
                  "confirm_unusual_date"]

    def validate(self, attrs):
        # The rule is common.dates.unusual_date_problem, the same as the staff form's; the flag is not stored.
        confirmed = attrs.pop("confirm_unusual_date", False)
        problem = unusual_date_problem(attrs.get("start"), confirmed=confirmed)
        if problem:
            raise serializers.ValidationError({"start": [problem]})
        return attrs


class AbsenceSerializer(serializers.ModelSerializer):
    member = serializers.CharField(source="membership.person.name", read_only=True)
    proposed_substitute_name = serializers.CharField(source="proposed_substitute.person.name", read_only=True,
                                                     default="")
    substitute_name = serializers.CharField(source="substitute.person.name", read_only=True, default="")
    items = serializers.SlugRelatedField(slug_field="label", many=True, read_only=True)

    class Meta:
        model = Absence
        fields = ["id", "membership", "member", "items", "reason", "proposed_substitute", "proposed_substitute_name",
                  "substitute", "substitute_name", "substitute_confirmed_at", "substitute_notified_at"]


# --- Typed input of the actions (issue 12: no hand parsing of request.data; a wrong type is a 400) ----------


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


def _membership(meeting: Meeting, value, field: str, required: bool = True) -> Membership | None:
    if value in (None, ""):
        if required:
            raise serializers.ValidationError({field: ["Oppgi et medlemskap (id)."]})
        return None
    membership = Membership.objects.filter(pk=int_or(value), organization=meeting.organization).first()
    if membership is None:
        raise serializers.ValidationError({field: ["Ukjent medlem av organet."]})
    return membership


def _item(meeting: Meeting, value, field: str = "item") -> AgendaItem | None:
    if value in (None, ""):
        return None
    item = meeting.agenda_items.filter(pk=int_or(value)).first()
    if item is None:
        raise serializers.ValidationError({field: ["Ukjent sak på sakslisten."]})
    return item


class QuestionRequest(serializers.Serializer):
    """A spørsmål or an interpellasjon: a folkevalgt for themself; the secretariat names `asked_by` and may give
    `late_reason` after the reglement's deadline."""

    kind = serializers.ChoiceField(choices=QuestionKind.choices)
    title = serializers.CharField(max_length=250)
    text = serializers.CharField(max_length=20_000)
    asked_by = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**31 - 1)
    late_reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                     mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Møter. GET detail includes the agenda (public-safe for the public)."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    serializer_class = MeetingSerializer
    filterset_fields = {"state": ["exact"], "start": ["gte", "lte"]}

    def get_queryset(self):
        qs = Meeting.objects.select_related("organization").order_by("start")
        org = self.request.query_params.get("organization")
        return qs.filter(organization__slug=org) if org else qs

    @public_list_cache
    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        meetings = list(queryset) if page is None else page
        context = {**self.get_serializer_context(), "quorums": selectors.quorums_at_start(meetings)}
        data = MeetingSerializer(meetings, many=True, context=context).data
        return Response(data) if page is None else self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        meeting = self.get_object()
        data = MeetingSerializer(meeting, context=self.get_serializer_context()).data
        data["agenda"] = selectors.notice_data(meeting, public=False, user=request.user)["items"]
        data["allowed_transitions"] = [t.as_dict() for t in available_transitions(meeting, request.user)]
        return Response(data)

    @extend_schema(request=MeetingWriteSerializer, responses={201: MeetingSerializer})
    def create(self, request, *args, **kwargs):
        serializer = MeetingWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = services.meeting_create(actor=request.user, **serializer.validated_data)
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MeetingWriteSerializer, responses={200: MeetingSerializer})
    def partial_update(self, request, *args, **kwargs):
        meeting = self.get_object()
        serializer = MeetingWriteSerializer(meeting, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if k != "organization"}
        services.meeting_update(actor=request.user, meeting=meeting, data=data)
        return Response(MeetingSerializer(Meeting.objects.get(pk=meeting.pk)).data)

    @transitions_schema(MEETING_WORKFLOW, MeetingSerializer)
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def transitions(self, request, pk=None):
        """GET: the steps you may take now. POST {"transition": ...}: send_notice, cancel, hold, draft_minutes,
        approve_minutes, archive."""
        meeting = self.get_object()
        return transitions_endpoint(request, meeting,
                                    lambda: Response(MeetingSerializer(Meeting.objects.get(pk=meeting.pk)).data))

    @extend_schema(request=AgendaAddRequest,
                   responses={200: {"type": "array", "items": {"type": "object"}}, 201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def agenda(self, request, pk=None):
        """GET: the agenda. POST {"case": id} puts a `klar` case on it; {"kind": "RS"|"OS", "title"} adds an item."""
        meeting = self.get_object()
        if request.method == "POST":
            data = validated(AgendaAddRequest, request)
            if data.get("case") is not None:
                case = Case.objects.filter(pk=data["case"]).first()
                if case is None:
                    raise serializers.ValidationError({"case": ["Ukjent sak."]})
                item = services.agenda_item_add(actor=request.user, meeting=meeting, case=case,
                                                supplementary=data["supplementary"])
            else:
                item = services.agenda_item_add_other(actor=request.user, meeting=meeting, kind=data["kind"],
                                                      title=data["title"])
            return Response(selectors._item_dict(item, public=False), status=status.HTTP_201_CREATED)
        refused = _agenda_refused(request.user, meeting)
        if refused is not None:
            return refused
        return Response(selectors.notice_data(meeting, public=False, user=request.user)["items"])

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def notice(self, request, pk=None):
        """The notice data (innkalling): meeting, items, members, called-in substitutes, questions. Before the
        notice is sent it is for staff only."""
        meeting = self.get_object()
        refused = _agenda_refused(request.user, meeting)
        if refused is not None:
            return refused
        return Response(selectors.notice_data(meeting, public=False, user=request.user))

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def minutes(self, request, pk=None):
        """The minutes data (protokoll, koml. § 11-4). The public sees approved minutes only; the draft is for
        staff and the members of the body."""
        meeting = self.get_object()
        data = selectors.minutes_data(meeting, public=False, user=request.user)
        if not access.can_view_minutes(request.user, meeting):
            return Response({"detail": "Protokollen er ikke godkjent ennå.", "code": "not_approved"},
                            status=status.HTTP_404_NOT_FOUND)
        return Response(data)

    @extend_schema(request=QuestionRequest,
                   responses={200: {"type": "array", "items": {"type": "object"}}, 201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def questions(self, request, pk=None):
        """GET: spørsmål og interpellasjoner as the access policy lets you see them. POST: hand one in (a member of the
        body or a called-in substitute, before the deadline in the reglement, koml. § 5-13; the secretariat on a
        member's behalf, late with a reason)."""
        meeting = self.get_object()
        if request.method == "POST":
            services.question_require_asker(request.user, meeting)  # who may not is refused before input is read
            data = validated(QuestionRequest, request)
            asked_by = None
            if data.get("asked_by") is not None:
                asked_by = Person.objects.filter(pk=data["asked_by"]).first()
                if asked_by is None:
                    raise serializers.ValidationError({"asked_by": ["Ukjent person."]})
            question = services.question_submit(actor=request.user, meeting=meeting, kind=data["kind"],
                                                title=data["title"], text=data["text"], asked_by=asked_by,
                                                late_reason=data["late_reason"])
            rows = selectors.questions_data(meeting, public=False, user=request.user)
            return Response(next(r for r in rows if r["id"] == question.pk), status=status.HTTP_201_CREATED)
        return Response(selectors.questions_data(meeting, public=False, user=request.user))

    @extend_schema(request=AbsenceRequest, responses={200: AbsenceSerializer(many=True), 201: AbsenceSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def absences(self, request, pk=None):
        """Forfall. POST by the member themself (folkevalgt) or the secretariat; the next substitute on the
        member's electoral list is proposed."""
        meeting = self.get_object()
        if request.method == "POST":
            services.absence_require_reporter(request.user, meeting)  # who may not is refused before input is read
            data = validated(AbsenceRequest, request)
            membership = _membership(meeting, data["membership"], "membership")
            items = [_item(meeting, i, "items") for i in data["items"]]
            absence = services.absence_register(actor=request.user, meeting=meeting, membership=membership,
                                                items=items, reason=data["reason"])
            return Response(AbsenceSerializer(absence).data, status=status.HTTP_201_CREATED)
        if not access.sees_everything(request.user):
            return Response({"detail": "Forfall er for politisk sekretariat.", "code": "permission_denied"},
                            status=status.HTTP_403_FORBIDDEN)
        return Response(AbsenceSerializer(meeting.absences.all(), many=True).data)

    @extend_schema(request=ConfirmSubstituteRequest, responses={200: AbsenceSerializer})
    @action(detail=True, methods=["post"], url_path="confirm-substitute")
    def confirm_substitute(self, request, pk=None):
        meeting = self.get_object()
        services.require_fagleder(request.user)
        data = validated(ConfirmSubstituteRequest, request)
        absence = get_object_or_404(Absence, pk=data["absence"], meeting=meeting)
        substitute = _membership(meeting, data.get("substitute"), "substitute", required=False)
        absence = services.absence_confirm_substitute(actor=request.user, absence=absence, substitute=substitute)
        return Response(AbsenceSerializer(absence).data)

    @extend_schema(request=AttendanceRequest, responses={200: OpenApiTypes.OBJECT, 201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get", "post"])
    def attendance(self, request, pk=None):
        """GET: who is present (per item) and the live quorum. POST registers a member or substitute."""
        meeting = self.get_object()
        if request.method == "POST":
            services.require_fagleder(request.user)
            data = validated(AttendanceRequest, request)
            services.attendance_register(
                actor=request.user, meeting=meeting, membership=_membership(meeting, data["membership"], "membership"),
                substitute_for=_membership(meeting, data.get("substitute_for"), "substitute_for", False),
                arrived_before=_item(meeting, data.get("arrived_before"), "arrived_before"),
                only_items=[_item(meeting, i, "only_items") for i in data["only_items"]])
        data = selectors.minutes_data(meeting, public=False, user=request.user)
        per_item = []
        for item in meeting.agenda_items.order_by("position"):
            q = selectors.quorum(meeting, item)
            per_item.append({"item": item.label, "present": q.present, "seats": q.seats, "ok": q.ok})
        return Response({"present": data["attendance"]["present"], "absent": data["attendance"]["absent"],
                         "quorum": data["quorum"], "per_item": per_item},
                        status=status.HTTP_201_CREATED if request.method == "POST" else status.HTTP_200_OK)

    @extend_schema(request=ChairRequest, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def chair(self, request, pk=None):
        """Who leads an item (or the meeting, without `item`) when the leader is inhabil or has forfall: the
        nestleder, or a setteleder the body elected when both are (koml. § 11-2)."""
        meeting = self.get_object()
        services.require_fagleder(request.user)
        data = validated(ChairRequest, request)
        item = _item(meeting, data.get("item"))
        acting = services.chair_record(actor=request.user, meeting=meeting,
                                       membership=_membership(meeting, data["membership"], "membership"), item=item)
        chair = selectors.chair_for(meeting, item)
        return Response({"item": item.label if item else "", "chair": acting.membership.person.name,
                         "chair_role": chair.role, "how": acting.how}, status=status.HTTP_201_CREATED)


def _agenda_refused(user, meeting) -> Response | None:
    """The agenda and the notice of a meeting whose notice is not sent are for staff only (the access policy):
    404 to everyone else, on both GET actions alike. The meeting itself stays readable."""
    if access.can_view_meeting_agenda(user, meeting):
        return None
    return Response({"detail": "Innkallingen er ikke sendt ennå.", "code": "not_sent"},
                    status=status.HTTP_404_NOT_FOUND)


class AgendaItemDataSerializer(serializers.Serializer):
    """An agenda item as the selectors give it (see selectors.notice_data for the keys)."""

    id = serializers.IntegerField()
    label = serializers.CharField()
    title = serializers.CharField()


class AgendaItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Saker på sakslisten, with the live-meeting actions: close, recusal, proposal, vote, decide, outcome."""

    serializer_class = AgendaItemDataSerializer  # responses are the selectors' plain data
    queryset = AgendaItem.objects.select_related("meeting__organization", "consultation__case").order_by(
        "meeting__start", "position")

    def get_queryset(self):
        # An item before its own notice is for staff only (a tilleggssak waits for its own notice).
        qs = access.agenda_items_visible_to(self.request.user, super().get_queryset())
        meeting = self.request.query_params.get("meeting")
        return qs.filter(meeting_id=int_or(meeting)) if meeting else qs

    def _data(self, item):
        item = AgendaItem.objects.get(pk=item.pk)
        return selectors._item_dict(item, public=False, user=self.request.user)

    @public_list_cache
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        # One set of queries for the page (selectors.items_data), not one per item.
        return self.get_paginated_response(selectors.items_data(page, public=False, user=request.user))

    def retrieve(self, request, *args, **kwargs):
        return Response(self._data(self.get_object()))

    @extend_schema(request=CloseRequest)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        item = self.get_object()
        services.require_fagleder(request.user)
        data = validated(CloseRequest, request)  # "closed": "false" is False (bool("false") was True)
        services.agenda_item_close(actor=request.user, item=item, closed=data["closed"], basis=data["closed_basis"])
        return Response(self._data(item))

    @extend_schema(request=RecusalRequest)
    @action(detail=True, methods=["post"])
    def recusals(self, request, pk=None):
        item = self.get_object()
        services.require_fagleder(request.user)
        meeting = item.meeting
        data = validated(RecusalRequest, request)
        services.recusal_register(
            actor=request.user, item=item, membership=_membership(meeting, data["membership"], "membership"),
            grounds=data["grounds"], decided=data["decided"],
            substitute=_membership(meeting, data.get("substitute"), "substitute", required=False))
        return Response(self._data(item), status=status.HTTP_201_CREATED)

    @extend_schema(request=ProposalRequest)
    @action(detail=True, methods=["post"])
    def proposals(self, request, pk=None):
        item = self.get_object()
        services.require_fagleder(request.user)
        data = validated(ProposalRequest, request)
        if data["recommendation"]:
            proposal = services.proposal_recommendation(actor=request.user, item=item)
        else:
            proposal = services.proposal_add(actor=request.user, item=item, by=data["by"], text=data["text"])
        return Response({"id": proposal.pk, "position": proposal.position, "by": proposal.by, "text": proposal.text},
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=VoteRequest)
    @action(detail=True, methods=["post"])
    def votes(self, request, pk=None):
        item = self.get_object()
        services.require_fagleder(request.user)
        data = validated(VoteRequest, request)
        proposal = Proposal.objects.filter(pk=data["proposal"], agenda_item=item).first()
        if proposal is None:
            raise serializers.ValidationError({"proposal": ["Ukjent forslag i denne saken."]})
        vote = services.vote_record(
            actor=request.user, item=item, proposal=proposal, ballots=data["ballots"], for_count=data.get("for_count"),
            against_count=data.get("against_count"), blank_count=data.get("blank_count") or 0, secret=data["secret"],
            kind=data["kind"], is_election=data["is_election"], unanimous=data["unanimous"],
            casting_vote=data["casting_vote"], lots_winner=data["lots_winner"])
        return Response(selectors._vote_dict(vote, public=False, hide_details=False), status=status.HTTP_201_CREATED)

    @extend_schema(request=DecideRequest)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        item = self.get_object()
        services.require_fagleder(request.user)
        data = validated(DecideRequest, request)
        forward_to = None
        if data["forward_to"]:
            forward_to = Organization.objects.filter(slug=data["forward_to"]).first()
            if forward_to is None:
                raise serializers.ValidationError({"forward_to": ["Ukjent organ."]})
        services.item_decide(actor=request.user, item=item, text=data["text"], next_step=data["next_step"],
                             forward_to=forward_to)
        return Response(self._data(item), status=status.HTTP_201_CREATED)

    @extend_schema(request=OutcomeRequest)
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        item = self.get_object()
        services.require_fagleder(request.user)
        data = validated(OutcomeRequest, request)
        services.item_set_outcome(actor=request.user, item=item, outcome=data["outcome"], comment=data["comment"])
        return Response(self._data(item), status=status.HTTP_201_CREATED)

    @extend_schema(request=VideoRequest)
    @action(detail=True, methods=["post"])
    def video(self, request, pk=None):
        """Record where in the meeting video this item starts (now, or `seconds` from the video's start)."""
        item = self.get_object()
        services.require_fagleder(request.user)
        data = validated(VideoRequest, request)
        services.agenda_item_mark_video(actor=request.user, item=item, seconds=data.get("seconds"))
        return Response(self._data(item))


class VoteSerializer(serializers.ModelSerializer):
    item = serializers.CharField(source="agenda_item.label", read_only=True)
    result_label = serializers.CharField(read_only=True)

    class Meta:
        model = Vote
        fields = ["id", "agenda_item", "item", "proposal", "for_count", "against_count", "blank_count", "secret",
                  "is_election", "kind", "adopted", "decided_by", "result_label"]


class VoteViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = VoteSerializer
    queryset = Vote.objects.select_related("agenda_item", "proposal").order_by("pk")
    filterset_fields = ["agenda_item"]


class DecisionSerializer(serializers.ModelSerializer):
    item = serializers.CharField(source="agenda_item.label", read_only=True, default="")
    meeting = serializers.IntegerField(source="agenda_item.meeting_id", read_only=True, default=None)
    text = serializers.SerializerMethodField()
    legality_review_deadline = serializers.SerializerMethodField()
    decision_kind = serializers.ChoiceField(source="kind", choices=Decision.Kind.choices, read_only=True,
                                            help_text="«vedtak» (endelig) eller «innstilling» til neste organ.")

    class Meta:
        model = Decision
        fields = ["id", "consultation", "meeting", "item", "decision_kind", "text", "vote_summary", "unanimous",
                  "decided_at", "legality_review_deadline"]

    def get_text(self, obj) -> str:
        user = self.context["request"].user
        item = obj.agenda_item
        if item is not None:
            return obj.text if access.can_view_agenda_item_content(user, item) else ""
        return obj.text if access.can_view_case_content(user, obj.consultation.case) else ""

    def get_legality_review_deadline(self, obj) -> dt.date | None:
        """koml. § 27-1: only a final decision has the clock; an innstilling has none (null)."""
        return legality_review_deadline(obj)


class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    """Vedtak with the lovlighetskontroll deadline (koml. § 27-1)."""

    serializer_class = DecisionSerializer
    queryset = Decision.objects.select_related("agenda_item__meeting", "agenda_item__consultation__case",
                                               "consultation__case").order_by("-decided_at", "-pk")
    filterset_fields = ["consultation", "agenda_item"]
    list = public_list_cache(viewsets.ReadOnlyModelViewSet.list)


def register(router):
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")
    router.register("votes", VoteViewSet, basename="vote")
    router.register("decisions", DecisionViewSet, basename="decision")
