"""Cases over the API: list/read (visibility applied), create, edit while drafting, and transitions."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from secretariat import access
from secretariat.accounts.roles import is_staff_member
from secretariat.api.caching import public_list_cache
from secretariat.api.schema import transitions_schema
from secretariat.api.transitions import transitions_endpoint
from secretariat.organizations.models import AdministrativeUnit, Organization
from workflows.case import CASE_WORKFLOW
from workflows.engine import available_transitions
from workflows.models import AuditEntry

from . import selectors, services
from .exemptions import ExemptionBasis
from .models import TITLE_MAX, Case, Consultation


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = ["at", "actor_name", "action", "action_label", "from_state", "to_state", "comment", "changes"]


class ConsultationSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    decisions = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = ["id", "sequence", "organization", "recommendation", "recommendation_source",
                  "recommendation_approved_at", "authoritative", "decisions"]

    def get_decisions(self, obj) -> list[dict]:
        return [{"text": d.text, "vote": d.vote_summary, "decided_at": d.decided_at, "decision_kind": d.kind}
                for d in obj.decisions.all()]


class CaseSerializer(serializers.ModelSerializer):
    """The full case, for users who may see its content."""

    title = serializers.CharField(max_length=TITLE_MAX)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    exempt_marking = serializers.CharField(read_only=True)
    case_officer = serializers.SlugRelatedField(slug_field="username", queryset=get_user_model().objects.all(),
                                                required=False)
    responsible_unit = serializers.PrimaryKeyRelatedField(queryset=AdministrativeUnit.objects.all(), required=False,
                                                          allow_null=True)
    organization = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organization.objects.all(), write_only=True, required=False,
        help_text="Organet som behandler saken først.",
    )
    exempt_basis = serializers.ChoiceField(choices=[("", "")] + list(ExemptionBasis.choices), required=False,
                                           allow_blank=True)
    summary = serializers.CharField(source="paper.summary", required=False, allow_blank=True)
    background = serializers.CharField(source="paper.background", required=False, allow_blank=True)
    assessment = serializers.CharField(source="paper.assessment", required=False, allow_blank=True)
    economic_consequences = serializers.CharField(source="paper.economic_consequences", required=False,
                                                  allow_blank=True)
    recommendation = serializers.CharField(source="paper.recommendation", required=False, allow_blank=True)
    consultations = ConsultationSerializer(many=True, read_only=True)
    allowed_transitions = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = ["id", "arkivsaksnummer", "title", "public_title", "exempt", "exempt_basis", "exempt_marking",
                  "state", "state_label", "case_officer", "responsible_unit", "organization", "summary",
                  "background", "assessment", "economic_consequences", "recommendation", "consultations",
                  "allowed_transitions", "created_at", "updated_at"]
        read_only_fields = ["state", "created_at", "updated_at"]
        extra_kwargs = {"arkivsaksnummer": {"validators": []}}  # uniqueness checked by the service

    def get_allowed_transitions(self, obj) -> list[dict]:
        user = self.context["request"].user
        return [t.as_dict() for t in available_transitions(obj, user)]


class PublicCaseSerializer(serializers.ModelSerializer):
    """What anyone may see: an exempt case only by its public title and the exemption marking."""

    title = serializers.SerializerMethodField()
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    exempt_marking = serializers.CharField(read_only=True)
    summary = serializers.SerializerMethodField()
    consultations = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = ["id", "arkivsaksnummer", "title", "exempt", "exempt_marking", "state", "state_label", "summary",
                  "consultations"]

    def _user(self):
        return self.context["request"].user

    def _visible(self, obj) -> bool:
        # Exempt cases and cases treated behind closed doors show no content to those who may not see it.
        user = self._user()
        return access.can_view_case_content(user if user.is_authenticated else None, obj)

    def get_title(self, obj) -> str:
        return access.case_title_for(self._user(), obj)

    def get_summary(self, obj) -> str:
        user = self._user()
        return access.summary_for(user if user.is_authenticated else None, obj)

    def get_consultations(self, obj) -> list[dict]:
        visible = self._visible(obj)
        return [
            {
                "organization": c.organization.slug,
                "sequence": c.sequence,
                "decisions": [
                    {"text": d.text if visible else "", "decided_at": d.decided_at, "decision_kind": d.kind}
                    for d in c.decisions.all()
                ],
            }
            for c in obj.consultations.all()
        ]


class CaseViewSet(viewsets.ModelViewSet):
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = {"state": ["exact"], "exempt": ["exact"]}

    def get_queryset(self):
        # `has_closed_item` lets the access policy see, without a query per case, which cases were treated behind
        # closed doors (koml. § 11-5): their content is protected.
        # `access_is_public` likewise answers "is this case public yet?" for the whole page in the same query.
        qs = access.annotate_is_public(access.annotate_has_closed_item(
            selectors.cases_visible_to(self.request.user).prefetch_related("consultations__decisions")))
        org = self.request.query_params.get("organization")
        if org:
            qs = qs.filter(Exists(Consultation.objects.filter(case=OuterRef("pk"), organization__slug=org)))
        return qs.order_by("-created_at", "-pk")

    list = public_list_cache(viewsets.ModelViewSet.list)

    def get_serializer_class(self):
        if self.action in ("create", "partial_update", "update"):
            return CaseSerializer
        if self.action == "retrieve":
            return CaseSerializer  # the schema's shape; retrieve() picks the public one when needed
        if is_staff_member(self.request.user):
            return StaffListCaseSerializer
        return PublicCaseSerializer

    # The full case or its public view, whichever the caller may read.
    @extend_schema(responses={200: {"anyOf": [{"$ref": "#/components/schemas/Case"},
                                              {"$ref": "#/components/schemas/PublicCase"}]}})
    def retrieve(self, request, *args, **kwargs):
        case = self.get_object()
        # The full case (real title, every section, the innstilling) only for those who may read all of it.
        full = is_staff_member(request.user) and access.can_view_case_content(request.user, case) and (
            not access.withheld_sections(request.user, case))
        serializer_class = CaseSerializer if full else PublicCaseSerializer
        return Response(serializer_class(case, context=self.get_serializer_context()).data)

    def _paper_data(self, validated: dict) -> dict:
        paper = validated.pop("paper", {})
        return {**validated, **paper}

    def create(self, request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise PermissionDenied("Bare ansatte kan opprette saker.")
        serializer = CaseSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = self._paper_data(dict(serializer.validated_data))
        if not data.get("organization"):
            raise serializers.ValidationError({"organization": ["Velg hvilket organ som behandler saken først."]})
        case = services.case_create(actor=request.user, **data)
        return Response(CaseSerializer(case, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        if not str(kwargs["pk"]).isdigit():
            raise Http404  # `/api/cases/abc/` is an unknown id (404), not a ValueError (500)
        case = get_object_or_404(Case, pk=kwargs["pk"])
        serializer = CaseSerializer(case, data=request.data, partial=True, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        services.case_update(case=case, actor=request.user, data=self._paper_data(dict(serializer.validated_data)))
        case = Case.objects.get(pk=case.pk)
        return Response(CaseSerializer(case, context=self.get_serializer_context()).data)

    @transitions_schema(CASE_WORKFLOW, CaseSerializer)
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def transitions(self, request, pk=None):
        """GET: the steps you may take now. POST {"transition": name, "comment": ..., inputs}: take one."""
        case = self.get_object()
        return transitions_endpoint(request, case, lambda: Response(
            CaseSerializer(Case.objects.get(pk=case.pk), context=self.get_serializer_context()).data))

    @extend_schema(responses={200: AuditEntrySerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request, pk=None):
        """The audit trail: who did what, when, from which state to which, and why. The history of an exempt
        case is protected content (secretariat.access.history_for)."""
        case = self.get_object()
        if not is_staff_member(request.user):
            raise PermissionDenied("Historikken er for ansatte.")
        return Response(AuditEntrySerializer(selectors.case_history(case, request.user), many=True).data)


class StaffListCaseSerializer(PublicCaseSerializer):
    case_officer = serializers.CharField(source="case_officer.username", read_only=True)

    class Meta(PublicCaseSerializer.Meta):
        fields = [*PublicCaseSerializer.Meta.fields, "case_officer", "created_at"]


def register(router):
    router.register("cases", CaseViewSet, basename="case")
