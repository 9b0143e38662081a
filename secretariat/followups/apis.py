"""Follow-ups, lovlighetskontroll demands and status reports over the API.

/api/followups/                      list (filters organization, unit, term, status, person) and create
/api/followups/{id}/transitions/     GET: the steps you may take; POST {"transition": name, ...}: take one
/api/followups/{id}/notes/           GET/POST progress notes
/api/followups/{id}/history/         the audit trail
/api/legality-demands/               register a krav om lovlighetskontroll (signers: kommunestyret memberships)
/api/legality-demands/{id}/postpone/ record utsatt iverksetting (who decided, when): pauses the follow-ups
/api/followup-reports/               list/create; {id}/ the content (public version for non-staff); {id}/docx/
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from document_templates.http import docx_response
from secretariat import access
from secretariat.accounts.roles import is_staff_member
from secretariat.api.input import validated
from secretariat.api.schema import transitions_schema
from secretariat.api.transitions import transitions_endpoint
from secretariat.meetings.models import Decision
from secretariat.organizations.models import AdministrativeUnit, Membership, Organization
from workflows.engine import available_transitions
from workflows.followup import FOLLOWUP_WORKFLOW
from workflows.models import AuditEntry

from . import selectors, services
from .legality import legality_review_deadline
from .models import FollowUp, FollowUpNote, FollowUpReport, LegalityReviewDemand


class StaffOnly:
    def check_staff(self, request):
        if not is_staff_member(request.user):
            raise PermissionDenied("Vedtaksoppfølgingen er for ansatte i kommunen.")


class NoteSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = FollowUpNote
        fields = ["id", "text", "author", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class FollowUpSerializer(serializers.ModelSerializer):
    decision = serializers.PrimaryKeyRelatedField(queryset=Decision.objects.all())
    responsible_unit = serializers.PrimaryKeyRelatedField(queryset=AdministrativeUnit.objects.all())
    responsible_person = serializers.SlugRelatedField(slug_field="username", queryset=get_user_model().objects.all())
    confirm_past_deadline = serializers.BooleanField(write_only=True, required=False, default=False,
                                                     help_text="Bekreft at fristen allerede er passert.")
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)
    paused = serializers.BooleanField(source="is_paused", read_only=True)
    case = serializers.SerializerMethodField()
    organization = serializers.CharField(source="decision.consultation.organization.slug", read_only=True)
    legality_review_deadline = serializers.SerializerMethodField()
    latest_note = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()

    class Meta:
        model = FollowUp
        fields = ["id", "decision", "case", "organization", "description", "responsible_unit", "responsible_person",
                  "deadline", "confirm_past_deadline", "state", "state_label", "overdue", "paused", "reason",
                  "legality_review_deadline", "latest_note", "allowed_transitions", "created_at", "closed_at"]
        read_only_fields = ["state", "reason", "created_at", "closed_at"]

    def get_case(self, obj) -> dict:
        case = obj.decision.consultation.case
        return {"id": case.pk, "arkivsaksnummer": case.arkivsaksnummer,
                "title": selectors.decision_title(obj.decision, self.context["request"].user)}

    def get_legality_review_deadline(self, obj) -> str | None:
        deadline = legality_review_deadline(obj.decision)
        return deadline.isoformat() if deadline else None

    def get_latest_note(self, obj) -> dict | None:
        note = obj.latest_note
        return NoteSerializer(note).data if note else None

    def get_allowed_transitions(self, obj) -> list[dict]:
        return [t.as_dict() for t in available_transitions(obj, self.context["request"].user)]


class FollowUpViewSet(StaffOnly, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      viewsets.GenericViewSet):
    serializer_class = FollowUpSerializer
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI schema generator
            return FollowUp.objects.none()
        self.check_staff(self.request)
        if self.action != "list":
            return selectors.followups_base()
        params = self.request.query_params
        return selectors.followups_list(
            organization=params.get("organization", ""), unit=params.get("unit", ""), term=params.get("term", ""),
            status=params.get("status", "alle"), person=params.get("person", ""),
        )

    @extend_schema(parameters=[
        OpenApiParameter("organization", str, description="organets slug"),
        OpenApiParameter("unit", int, description="enhetens id"),
        OpenApiParameter("term", int, description="valgperiodens id"),
        OpenApiParameter("status", str, description="apne, forsinket, alle eller en status", enum=[
            v for v, _ in selectors.STATUS_FILTERS]),
        OpenApiParameter("person", str, description="brukernavnet til den ansvarlige"),
    ])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        self.check_staff(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        followup = services.followup_create(actor=request.user, **serializer.validated_data)
        followup = selectors.followups_base().get(pk=followup.pk)
        return Response(self.get_serializer(followup).data, status=status.HTTP_201_CREATED)

    @transitions_schema(FOLLOWUP_WORKFLOW, FollowUpSerializer)
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def transitions(self, request, pk=None):
        followup = self.get_object()
        return transitions_endpoint(request, followup, lambda: Response(
            self.get_serializer(selectors.followups_base().get(pk=followup.pk)).data))

    @extend_schema(request=NoteSerializer, responses={200: NoteSerializer(many=True), 201: NoteSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def notes(self, request, pk=None):
        followup = self.get_object()
        if request.method == "GET":
            return Response(NoteSerializer(followup.notes.select_related("author"), many=True).data)
        data = NoteSerializer(data=request.data)  # typed: a text, not {"a": 1} stored as "{'a': 1}"
        data.is_valid(raise_exception=True)
        note = services.followup_note_add(followup=followup, actor=request.user, text=data.validated_data["text"])
        return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: inline_serializer("FollowUpAuditEntry", {
        "at": serializers.DateTimeField(), "actor_name": serializers.CharField(), "action": serializers.CharField(),
        "action_label": serializers.CharField(), "from_state": serializers.CharField(),
        "to_state": serializers.CharField(), "comment": serializers.CharField()}, many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request, pk=None):
        followup = self.get_object()
        return Response(list(AuditEntry.for_object(followup).values(
            "at", "actor_name", "action", "action_label", "from_state", "to_state", "comment")))


class LegalityDemandSerializer(serializers.ModelSerializer):
    decision = serializers.PrimaryKeyRelatedField(queryset=Decision.objects.all())
    signers = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Membership.objects.all(),
        help_text="Medlemskapene (id) til minst tre medlemmer av kommunestyret den dagen kravet kom (koml. § 27-1); "
                  "varamedlemmer teller ikke.")
    received_on = serializers.DateField(required=False, allow_null=True, write_only=True,
                                        help_text="Datoen kravet kom inn (tom: i dag). Innen tre uker etter vedtaket.")
    demanders = serializers.ListField(child=serializers.CharField(), read_only=True)
    postponed = serializers.BooleanField(source="is_postponed", read_only=True)

    class Meta:
        model = LegalityReviewDemand
        fields = ["id", "decision", "signers", "received_on", "demanders", "note", "registered_at", "postponed",
                  "postponed_on", "postponed_by", "resolved_at", "outcome"]
        read_only_fields = ["id", "registered_at", "postponed_on", "postponed_by", "resolved_at", "outcome"]


class PostponeRequest(serializers.Serializer):
    decided_by = serializers.CharField(max_length=200, help_text="Organet eller den som har myndigheten.")
    decided_on = serializers.DateField(help_text="Datoen utsettelsen ble besluttet.")
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class LegalityDemandViewSet(StaffOnly, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                            viewsets.GenericViewSet):
    """Krav om lovlighetskontroll (koml. § 27-1). A demand does not stop implementation by itself; POST
    {id}/postpone/ records the decision to postpone it (utsatt iverksetting, fvl. § 42)."""

    serializer_class = LegalityDemandSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LegalityReviewDemand.objects.none()
        self.check_staff(self.request)
        return (LegalityReviewDemand.objects.select_related("decision")
                .prefetch_related("signers__person").order_by("-registered_at"))

    def create(self, request, *args, **kwargs):
        self.check_staff(request)
        services.require_legality_role(request.user, "registrere krav om lovlighetskontroll")
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        demand = services.legality_demand_register(actor=request.user, decision=data["decision"],
                                                   signers=list(data["signers"]), note=data.get("note", ""),
                                                   registered_at=data.get("received_on"))
        return Response(self.get_serializer(demand).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PostponeRequest, responses={200: LegalityDemandSerializer})
    @action(detail=True, methods=["post"])
    def postpone(self, request, pk=None):
        demand = self.get_object()
        services.require_legality_role(request.user, "registrere utsatt iverksetting")
        data = validated(PostponeRequest, request)
        demand = services.legality_implementation_postpone(actor=request.user, demand=demand, **data)
        return Response(self.get_serializer(demand).data)


class ReportSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", queryset=Organization.objects.all())

    class Meta:
        model = FollowUpReport
        fields = ["id", "organization", "period_start", "period_end", "created_at"]
        read_only_fields = ["id", "created_at"]


class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    viewsets.GenericViewSet):
    """Reports are public documents: anyone may read the public version; staff also see the internal one."""

    serializer_class = ReportSerializer
    queryset = FollowUpReport.objects.select_related("organization").order_by("-period_end", "-pk")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.report_create(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(report).data, status=status.HTTP_201_CREATED)

    def _public(self, request) -> bool:
        return request.query_params.get("offentlig") == "1" or not is_staff_member(request.user)

    def retrieve(self, request, *args, **kwargs):
        report = self.get_object()
        public = self._public(request)
        entries = selectors.report_entries(report, public=public, user=request.user)
        data = self.get_serializer(report).data
        data["public"] = public
        data["entries"] = [
            {**{k: v for k, v in e.__dict__.items() if k != "lines"},
             "followups": [line.__dict__ for line in e.lines]}
            for e in entries
        ]
        return Response(data)

    @extend_schema(responses={(200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): bytes})
    @action(detail=True, methods=["get"])
    def docx(self, request, pk=None):
        from .documents import render_report

        report = get_object_or_404(FollowUpReport, pk=pk)
        maalform = request.query_params.get("maalform") or None
        if maalform not in (None, "nb", "nn"):
            raise serializers.ValidationError({"maalform": ["Bruk nb (bokmål) eller nn (nynorsk)."]})
        # The internal .docx holds every case complete: only for those who may read all protected content.
        public = self._public(request) or not access.sees_everything(request.user)
        content = render_report(report, public=public, maalform=maalform,
                                actor=request.user if request.user.is_authenticated else None)
        return docx_response(content, f"oppfolgingsrapport-{report.pk}.docx")


def register(router):
    router.register("followups", FollowUpViewSet, basename="followup")
    router.register("legality-demands", LegalityDemandViewSet, basename="legality-demand")
    router.register("followup-reports", ReportViewSet, basename="followup-report")
