"""Meetings over the API: the meeting itself, its agenda, notice, minutes, questions, absence, attendance and
chair (the actions of MeetingViewSet)."""

from __future__ import annotations

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
from secretariat.organizations.models import Organization, Person
from workflows.engine import available_transitions
from workflows.meeting import MEETING_WORKFLOW

from .. import selectors, services
from ..models import Absence, Meeting
from ._common import agenda_item_from_input, membership_from_input
from .inputs import (
    AbsenceRequest,
    AgendaAddRequest,
    AttendanceRequest,
    ChairRequest,
    ConfirmSubstituteRequest,
    QuestionRequest,
)


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
            return Response(selectors.item_dict(item, public=False), status=status.HTTP_201_CREATED)
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
            membership = membership_from_input(meeting, data["membership"], "membership")
            items = [agenda_item_from_input(meeting, i, "items") for i in data["items"]]
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
        substitute = membership_from_input(meeting, data.get("substitute"), "substitute", required=False)
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
                actor=request.user, meeting=meeting,
                membership=membership_from_input(meeting, data["membership"], "membership"),
                substitute_for=membership_from_input(meeting, data.get("substitute_for"), "substitute_for", False),
                arrived_before=agenda_item_from_input(meeting, data.get("arrived_before"), "arrived_before"),
                only_items=[agenda_item_from_input(meeting, i, "only_items") for i in data["only_items"]])
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
        item = agenda_item_from_input(meeting, data.get("item"))
        acting = services.chair_record(actor=request.user, meeting=meeting, item=item,
                                       membership=membership_from_input(meeting, data["membership"], "membership"))
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
