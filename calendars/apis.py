"""Calendars over the API: meeting plans (read; draft and publish for fagleder), personal feed links, sync status."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from secretariat import access
from secretariat.organizations.models import Organization, Person

from . import caldav_sync, selectors, services
from .models import MeetingPlan, PlannedMeeting, SyncStatus


class PlannedMeetingSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = PlannedMeeting
        fields = ["id", "date", "start_time", "duration_minutes", "location", "skipped_reason", "meeting"]


class MeetingPlanSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    dates = PlannedMeetingSerializer(many=True, read_only=True)
    warnings = serializers.SerializerMethodField(
        help_text="Advarsler (ikke stopp): f.eks. kommunestyret uten møte i desember (koml. §§ 14-3, 14-4), "
                  "eller frister for oppnevninger (dl. §§ 57, 66).")

    class Meta:
        model = MeetingPlan
        fields = ["id", "organization", "year", "state", "published_at", "dates", "warnings"]

    def get_warnings(self, obj) -> list[str]:
        return selectors.plan_warnings(obj)


class PlanRuleSerializer(serializers.Serializer):
    organization = serializers.SlugRelatedField(slug_field="slug", queryset=Organization.objects.filter(is_active=True))
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    weekday = serializers.IntegerField(help_text="0 = mandag … 6 = søndag")
    interval_weeks = serializers.IntegerField()
    start_time = serializers.TimeField()
    duration_minutes = serializers.IntegerField(default=180)
    first_date = serializers.DateField(required=False, allow_null=True)
    last_date = serializers.DateField(required=False, allow_null=True)
    skip_dates = serializers.ListField(child=serializers.DateField(), required=False, default=list)
    location = serializers.CharField(required=False, allow_blank=True, default="")
    skip_public_holidays = serializers.BooleanField(default=True)
    skip_school_holidays = serializers.BooleanField(default=True)


class IsAuthenticated(permissions.IsAuthenticated):
    pass


class MeetingPlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Møteplaner. `POST /api/meeting-plans/` drafts one from a rule; `…/publish/` creates the meetings."""

    serializer_class = MeetingPlanSerializer
    queryset = MeetingPlan.objects.select_related("organization").prefetch_related("dates")

    @extend_schema(request=PlanRuleSerializer, responses=MeetingPlanSerializer)
    def create(self, request):
        if not request.user.is_authenticated:
            return Response({"detail": "Logg inn først.", "code": "not_authenticated"}, status=401)
        data = PlanRuleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = services.plan_generate(actor=request.user, **data.validated_data)
        return Response(MeetingPlanSerializer(plan).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=MeetingPlanSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def publish(self, request, pk=None):
        plan = self.get_object()
        services.plan_publish(actor=request.user, plan=plan)
        plan.refresh_from_db()
        return Response(MeetingPlanSerializer(plan).data)


def _links(request, token) -> dict:
    https = request.build_absolute_uri(reverse("calendars:personal", args=[token.token]))
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1], "created_at": token.created_at}


class PersonalFeedView(APIView):
    """A person's personal feed link: GET shows it (made if missing), POST makes a new one (the old one stops)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=inline_serializer("PersonalFeed", {"https": serializers.URLField(),
                                                                "webcal": serializers.CharField(),
                                                                "created_at": serializers.DateTimeField()}))
    def get(self, request, person_id: int):
        person = get_object_or_404(Person, pk=person_id)
        if not services.can_manage_token(request.user, person):
            return Response({"detail": "Du kan bare se din egen kalenderlenke.", "code": "permission_denied"},
                            status=403)
        return Response(_links(request, services.token_ensure(person=person, actor=request.user)))

    @extend_schema(request=None, responses={201: inline_serializer("PersonalFeedRotated", {
        "https": serializers.URLField(), "webcal": serializers.CharField(), "created_at": serializers.DateTimeField()})})
    def post(self, request, person_id: int):
        person = get_object_or_404(Person, pk=person_id)
        token = services.token_rotate(person=person, actor=request.user)
        return Response(_links(request, token), status=status.HTTP_201_CREATED)


class SyncStatusView(APIView):
    """The CalDAV sync's health, for the administration that runs it (folkevalgte and the public get 401/403)."""

    permission_classes = [access.IsStaff]

    @extend_schema(responses=inline_serializer("CalDAVStatus", {
        "configured": serializers.BooleanField(), "ok": serializers.BooleanField(),
        "error_kind": serializers.CharField(), "message": serializers.CharField(),
        "last_success_at": serializers.DateTimeField(allow_null=True), "pending": serializers.IntegerField()}))
    def get(self, request):
        s = SyncStatus.objects.filter(key="caldav").first()
        return Response({"configured": caldav_sync.is_configured(), "ok": bool(s and not s.error_kind),
                         "error_kind": s.error_kind if s else "", "message": s.message if s else "",
                         "last_success_at": s.last_success_at if s else None,
                         "pending": caldav_sync.pending_count()})


def register(router):
    router.register("meeting-plans", MeetingPlanViewSet, basename="meeting-plan")


urlpatterns = [
    path("calendars/personal-feed/<int:person_id>/", PersonalFeedView.as_view(), name="api-personal-feed"),
    path("calendars/caldav-status/", SyncStatusView.as_view(), name="api-caldav-status"),
]

