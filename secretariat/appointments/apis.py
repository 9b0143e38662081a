"""Appointment rounds, candidates and fritak/supplering over the API. Candidates and applications are personal data
(GDPR art. 5 (1) c): only those `secretariat.access` lets handle appointments (`access.HandlesAppointments`).

/api/appointment-rounds/                      list, create
/api/appointment-rounds/{id}/                 the round with pools, balance, problems, deadlines, allowed steps
/api/appointment-rounds/{id}/transitions/     GET the steps you may take; POST {"transition": ..., "comment": ...}
/api/appointment-rounds/{id}/pool-sizes/      POST {"sizes": {pool_id: size}}
/api/appointment-rounds/{id}/case/            POST {"arkivsaksnummer": ..., "organization": slug}: the proposal case
/api/appointment-rounds/{id}/candidates/      GET, POST (register a candidate; eligibility in the answer)
/api/appointment-candidates/{id}/             GET, PATCH; POST .../pool/ {"pool": id|null}
/api/membership-changes/                      list, create; POST .../apply/ {"effective_date"}; POST .../refuse/
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from secretariat import access
from secretariat.api.input import validated
from secretariat.api.schema import transitions_schema
from secretariat.api.transitions import transitions_endpoint
from secretariat.organizations.models import Membership, Organization, Party, Person
from workflows.appointment import ROUND_WORKFLOW
from workflows.engine import available_transitions

from . import changes as change_services
from . import selectors, services
from .models import AppointmentRound, Candidate, MembershipChange, Pool, RoundKind


class PoolSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Pool
        fields = ["id", "kind", "gender", "size", "label"]


class CandidateSerializer(serializers.ModelSerializer):
    birth_date = serializers.DateField(required=False, allow_null=True,
                                       input_formats=["%Y-%m-%d", "%d.%m.%Y"],
                                       error_messages={"invalid": "Ugyldig dato. Bruk ÅÅÅÅ-MM-DD."})
    party = serializers.SlugRelatedField(slug_field="abbreviation", queryset=Party.objects.all(), required=False,
                                         allow_null=True)
    pool = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Candidate
        fields = ["id", "round", "name", *services.CANDIDATE_FIELDS, "source", "eligible", "eligibility",
                  "checked_at", "pool", "elected", "created_at"]
        read_only_fields = ["round", "source", "eligible", "eligibility", "checked_at", "elected", "created_at"]
        extra_kwargs = {"given_name": {"error_messages": {"required": "Skriv fornavnet.", "blank": "Skriv fornavnet."}},
                        "family_name": {"error_messages": {"required": "Skriv etternavnet.",
                                                           "blank": "Skriv etternavnet."}}}


class RoundSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    pools = PoolSerializer(many=True, read_only=True)
    case = serializers.SlugRelatedField(slug_field="arkivsaksnummer", read_only=True, allow_null=True)
    balance = serializers.SerializerMethodField()
    problems = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()
    public_form = serializers.SerializerMethodField()
    pool_name = serializers.CharField(write_only=True, required=False, allow_blank=True)
    pool_size = serializers.IntegerField(write_only=True, required=False, min_value=1,
                                         max_value=services.MAX_POOL_SIZE)

    class Meta:
        model = AppointmentRound
        fields = ["id", "title", "kind", "state", "state_label", "period_start", "period_end", "call_text",
                  "call_deadline", "pool_sizes_deadline", "election_deadline", "display_start", "display_end",
                  "case", "reported_to", "reported_at", "pools", "balance", "problems", "deadlines",
                  "allowed_transitions", "public_form", "pool_name", "pool_size", "created_at"]
        read_only_fields = ["state", "pool_sizes_deadline", "election_deadline", "display_start", "display_end",
                            "case", "reported_at", "created_at"]

    def get_balance(self, obj) -> dict:
        b = services.round_balance(round=obj)
        b["pools"] = [{k: v for k, v in p.items() if k != "pool"} | {"id": p["pool"].pk} for p in b["pools"]]
        return b

    def get_problems(self, obj) -> list[str]:
        return services.round_proposal_problems(round=obj)

    def get_deadlines(self, obj) -> list[dict]:
        return services.round_deadline_warnings(round=obj)

    def get_allowed_transitions(self, obj) -> list[dict]:
        return [t.as_dict() for t in available_transitions(obj, self.context["request"].user)]

    def get_public_form(self, obj) -> str:
        from django.urls import reverse

        return self.context["request"].build_absolute_uri(reverse("appointments:public_candidate", args=[obj.pk]))



# --- request bodies of the actions (every write reads its input through a serializer) ---------------------------
class PoolSizesRequest(serializers.Serializer):
    sizes = serializers.DictField(child=serializers.IntegerField(min_value=0, max_value=services.MAX_POOL_SIZE))


class AppointmentCaseRequest(serializers.Serializer):
    arkivsaksnummer = serializers.CharField(max_length=12, error_messages={
        "required": "Oppgi arkivsaksnummer.", "blank": "Oppgi arkivsaksnummer."})
    organization = serializers.SlugRelatedField(slug_field="slug", queryset=Organization.objects.all(), required=False,
                                                allow_null=True, error_messages={"does_not_exist": "Ukjent organ."})


class CandidatePoolRequest(serializers.Serializer):
    pool = serializers.IntegerField(allow_null=True, required=False, min_value=1, max_value=2**31 - 1)


_NO_DATE = "Oppgi datoen endringen gjelder fra."


class ApplyChangeRequest(serializers.Serializer):
    effective_date = serializers.DateField(error_messages={
        "invalid": "Ugyldig dato. Bruk ÅÅÅÅ-MM-DD.", "required": _NO_DATE, "null": _NO_DATE})


class RefuseChangeRequest(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class RoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                   viewsets.GenericViewSet):
    serializer_class = RoundSerializer
    permission_classes = [access.HandlesAppointments]
    filterset_fields = {"state": ["exact"], "kind": ["exact"]}

    def get_queryset(self):
        return AppointmentRound.objects.prefetch_related("pools").select_related("case").order_by("-period_start")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        pool_name, pool_size = data.pop("pool_name", ""), data.pop("pool_size", None)
        pools = [("annet", "", pool_size or 1)] if data["kind"] == RoundKind.ANNET else None
        round_ = services.round_create(actor=request.user, pools=pools, pool_name=pool_name, **data)
        return Response(self.get_serializer(round_).data, status=status.HTTP_201_CREATED)

    @transitions_schema(ROUND_WORKFLOW, RoundSerializer)
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def transitions(self, request, pk=None):
        round_ = self.get_object()
        return transitions_endpoint(request, round_, lambda: Response(
            self.get_serializer(AppointmentRound.objects.get(pk=round_.pk)).data))

    @extend_schema(request=PoolSizesRequest, responses={200: RoundSerializer})
    @action(detail=True, methods=["post"], url_path="pool-sizes")
    def pool_sizes(self, request, pk=None):
        round_ = self.get_object()
        sizes = validated(PoolSizesRequest, request)["sizes"]
        known = set(round_.pools.values_list("pk", flat=True))
        parsed = {}
        for key, value in sizes.items():
            if not str(key).isdigit() or int(key) not in known:
                raise serializers.ValidationError({"sizes": [f"Ukjent utvalg {key}."]})
            parsed[int(key)] = value
        services.round_set_pool_sizes(actor=request.user, round=round_, sizes=parsed)
        return Response(self.get_serializer(AppointmentRound.objects.get(pk=round_.pk)).data)

    @extend_schema(request=AppointmentCaseRequest, responses={201: RoundSerializer})
    @action(detail=True, methods=["post"])
    def case(self, request, pk=None):
        round_ = self.get_object()
        data = validated(AppointmentCaseRequest, request)
        arkiv, org = data["arkivsaksnummer"], data.get("organization")
        services.round_case_create(actor=request.user, round=round_, arkivsaksnummer=arkiv, organization=org)
        return Response(self.get_serializer(AppointmentRound.objects.get(pk=round_.pk)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=CandidateSerializer, responses={200: CandidateSerializer(many=True), 201: CandidateSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def candidates(self, request, pk=None):
        round_ = self.get_object()
        if request.method == "GET":
            return Response(CandidateSerializer(selectors.round_candidates(round_), many=True).data)
        serializer = CandidateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        candidate = services.candidate_register(actor=request.user, round=round_, data=dict(serializer.validated_data))
        return Response(CandidateSerializer(candidate).data, status=status.HTTP_201_CREATED)


class CandidateViewSet(mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    serializer_class = CandidateSerializer
    permission_classes = [access.HandlesAppointments]
    http_method_names = ["get", "patch", "post", "head", "options"]
    queryset = Candidate.objects.select_related("round", "pool")

    def partial_update(self, request, *args, **kwargs):
        candidate = self.get_object()
        serializer = self.get_serializer(candidate, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        candidate = services.candidate_update(actor=request.user, candidate=candidate,
                                              data=dict(serializer.validated_data))
        return Response(self.get_serializer(candidate).data)

    @extend_schema(request=CandidatePoolRequest, responses={200: CandidateSerializer})
    @action(detail=True, methods=["post"])
    def pool(self, request, pk=None):
        candidate = self.get_object()
        pool_id = validated(CandidatePoolRequest, request).get("pool")
        pool = None
        if pool_id is not None:
            pool = candidate.round.pools.filter(pk=pool_id).first()
            if pool is None:
                raise serializers.ValidationError({"pool": ["Ukjent utvalg for denne runden."]})
        candidate = services.candidate_assign_pool(actor=request.user, candidate=candidate, pool=pool)
        return Response(self.get_serializer(candidate).data)


class MembershipChangeSerializer(serializers.ModelSerializer):
    arkivsaksnummer = serializers.CharField(write_only=True)
    case = serializers.SlugRelatedField(slug_field="arkivsaksnummer", read_only=True, allow_null=True)
    membership = serializers.PrimaryKeyRelatedField(queryset=Membership.objects.all(), required=False, allow_null=True)
    organization = serializers.SlugRelatedField(slug_field="slug", queryset=Organization.objects.all(), required=False,
                                                allow_null=True)
    new_person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), required=False, allow_null=True)
    electoral_list = serializers.SlugRelatedField(slug_field="abbreviation", queryset=Party.objects.all(),
                                                  required=False, allow_null=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    reason_exempt = serializers.BooleanField(write_only=True, required=False, default=False)

    class Meta:
        model = MembershipChange
        fields = ["id", "arkivsaksnummer", "case", "kind", "organization", "membership", "reason", "reason_exempt",
                  "move_up_substitute", "new_person", "new_role", "electoral_list", "new_substitute_order",
                  "effective_date", "status", "status_label", "decided_at", "created_at"]
        read_only_fields = ["effective_date", "status", "decided_at", "created_at"]

    def to_representation(self, instance):
        # A fritak for personal reasons is exempt (offl. § 13 jf. fvl. § 13): its reason is protected content.
        data = super().to_representation(instance)
        user = self.context["request"].user if "request" in self.context else None
        if instance.case_id and not (access.can_view_section(user, instance.case, "background")
                                     and access.can_view_case_content(user, instance.case)):
            data["reason"] = ""
        return data


class MembershipChangeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                              viewsets.GenericViewSet):
    serializer_class = MembershipChangeSerializer
    permission_classes = [access.HandlesAppointments]
    filterset_fields = {"status": ["exact"], "kind": ["exact"]}

    def get_queryset(self):
        return selectors.changes_list().order_by("-created_at")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        change = change_services.membership_change_create(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(change).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ApplyChangeRequest, responses={200: MembershipChangeSerializer})
    @action(detail=True, methods=["post"])
    def apply(self, request, pk=None):
        change = self.get_object()
        day = validated(ApplyChangeRequest, request)["effective_date"]
        change = change_services.membership_change_apply(actor=request.user, change=change, effective_date=day)
        return Response(self.get_serializer(change).data)

    @extend_schema(request=RefuseChangeRequest, responses={200: MembershipChangeSerializer})
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        change = get_object_or_404(MembershipChange, pk=pk)
        comment = validated(RefuseChangeRequest, request)["comment"]
        change = change_services.membership_change_refuse(actor=request.user, change=change, comment=comment)
        return Response(self.get_serializer(change).data)


def register(router):
    router.register("appointment-rounds", RoundViewSet, basename="appointment-round")
    router.register("appointment-candidates", CandidateViewSet, basename="appointment-candidate")
    router.register("membership-changes", MembershipChangeViewSet, basename="membership-change")
