"""Election projects over the API (the secretariat): the plan with derived task status, and completing tasks."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from secretariat import access
from secretariat.common.dates import unusual_date_problem

from . import selectors, services
from .models import ElectionProject, ElectionTask
from .plan_templates import ElectionType


class ElectionTaskSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    responsible = serializers.CharField(source="responsible_label", read_only=True)

    class Meta:
        model = ElectionTask
        fields = ["id", "key", "title", "milestone", "starts_on", "due_on", "due_time", "responsible", "done_on",
                  "status", "note"]

    def get_status(self, obj) -> str:
        return obj.status()


class ElectionProjectSerializer(serializers.ModelSerializer):
    tasks = ElectionTaskSerializer(many=True, read_only=True)
    counts = serializers.SerializerMethodField()
    valgstyre = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ElectionProject
        fields = ["id", "name", "election_type", "election_day", "sunday_voting", "valgstyre", "counts", "tasks"]

    def get_counts(self, obj) -> dict:
        return selectors.election_status_counts(obj)


class ElectionProjectCreateSerializer(serializers.Serializer):
    election_type = serializers.ChoiceField(choices=ElectionType.choices)
    election_day = serializers.DateField()
    name = serializers.CharField(required=False, allow_blank=True, max_length=120)
    sunday_voting = serializers.BooleanField(required=False, default=False)


class TaskCompleteRequest(serializers.Serializer):
    task = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    done_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, default="", allow_blank=True)


class ElectionProjectViewSet(viewsets.ModelViewSet):
    http_method_names = ["get", "post", "head", "options"]
    # Staff read the plans; only `access.can_plan_elections` changes them (403 before the body is read).
    permission_classes = [access.IsStaff, access.PlansElections]
    queryset = ElectionProject.objects.prefetch_related("tasks__responsible").select_related("valgstyre")
    serializer_class = ElectionProjectSerializer

    @extend_schema(request=ElectionProjectCreateSerializer, responses={201: ElectionProjectSerializer})
    def create(self, request, *args, **kwargs):
        data = ElectionProjectCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        project = services.election_project_create(actor=request.user, **data.validated_data)
        return Response(ElectionProjectSerializer(project).data, status=201)

    @extend_schema(request=TaskCompleteRequest, responses={200: ElectionTaskSerializer})
    @action(detail=True, methods=["post"], url_path="complete-task")
    def complete_task(self, request, pk=None):
        project = self.get_object()
        data = TaskCompleteRequest(data=request.data)
        data.is_valid(raise_exception=True)
        data = data.validated_data
        task = project.tasks.filter(pk=data["task"]).first()
        if task is None:
            raise serializers.ValidationError({"task": ["Ukjent oppgave i dette prosjektet."]})
        problem = unusual_date_problem(data.get("done_on"), confirmed=True)  # a sane year (not 0001)
        if problem:
            raise serializers.ValidationError({"done_on": [problem]})
        services.election_task_complete(task=task, actor=request.user, done_on=data.get("done_on"), note=data["note"])
        return Response(ElectionTaskSerializer(task).data)


def register(router):
    router.register("election-projects", ElectionProjectViewSet, basename="election-project")
