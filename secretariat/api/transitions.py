"""The one adapter behind every transition endpoint, API and staff form alike.

GET lists the steps this user may take now. POST {"transition": name, "comment": ..., "expected_state": ...,
<inputs>} takes one: the input validation is a DRF serializer built from the transition's declared inputs
(workflows/spec.py), and the step runs through the engine, so the app's handler (its guards) always runs.
Errors: the API answers JSON 400/403/409 (secretariat/api/errors.py); a staff form shows the Norwegian message.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import BigAutoField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from secretariat.common.parsing import bounded_int
from secretariat.common.validators import has_control_characters
from workflows.engine import available_transitions, run_transition, workflow_of
from workflows.errors import WorkflowError
from workflows.spec import COMMENT_MAX_LENGTH, Input, InputKind, Transition, Workflow


# An id, or the lookup value (an organization's slug): both are accepted.
@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}]})
class ObjectField(serializers.Field):
    """A model instance given by its id (or by the input's lookup field, e.g. an organization's slug)."""

    default_error_messages = {"does_not_exist": "Fant ikke {label} «{value}».", "invalid": "Ugyldig verdi for {label}."}

    def __init__(self, spec: Input, **kwargs):
        self.spec = spec
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        model = apps.get_model(self.spec.model)
        label = (self.spec.label or self.spec.name).lower()
        if isinstance(data, bool) or data in (None, "") or not isinstance(data, str | int):
            if data in (None, ""):
                return None
            self.fail("invalid", label=label)
        value = str(data).strip()
        if has_control_characters(value):
            self.fail("invalid", label=label)
        # An id is ASCII digits within the id column's range ("²" is a digit to str.isdigit(); 10**20 overflows).
        try:
            pk = bounded_int(value, low=1, high=2**63 - 1 if isinstance(model._meta.pk, BigAutoField) else 2**31 - 1)
        except ValueError:
            pk = None
        found = None
        if self.spec.lookup != "pk":
            found = model.objects.filter(**{self.spec.lookup: value}).first()
        if found is None and pk is not None:
            found = model.objects.filter(pk=pk).first()
        if found is None:
            if self.spec.lookup == "pk" and pk is None:
                self.fail("invalid", label=label)
            self.fail("does_not_exist", label=label, value=value)
        return found

    def to_representation(self, value):
        return getattr(value, "pk", value)


def _field(spec: Input) -> serializers.Field:
    missing = spec.missing_message
    errors = {"required": missing, "blank": missing, "null": missing}
    common = {"required": spec.required, "help_text": spec.help or spec.label, "error_messages": errors}
    if spec.kind == InputKind.TEXT:
        errors["max_length"] = _too_long(spec.label or spec.name, spec.max_length)
        return serializers.CharField(allow_blank=not spec.required, trim_whitespace=True,
                                     max_length=spec.max_length, **common)
    if spec.kind == InputKind.DATE:
        errors["invalid"] = f"Skriv {spec.label.lower() or 'datoen'} som ÅÅÅÅ-MM-DD."
        return serializers.DateField(allow_null=not spec.required, **common)
    if spec.kind == InputKind.TIME:
        errors["invalid"] = "Skriv klokkeslettet som TT:MM."
        return serializers.TimeField(allow_null=not spec.required, **common)
    if spec.kind == InputKind.INTEGER:
        errors["invalid"] = f"{spec.label or spec.name} må være et helt tall."
        return serializers.IntegerField(allow_null=not spec.required, **common)
    if spec.kind == InputKind.BOOLEAN:
        return serializers.BooleanField(required=False, help_text=spec.help or spec.label)
    if spec.kind == InputKind.OBJECT:
        return ObjectField(spec, allow_null=not spec.required, **common)
    if spec.kind == InputKind.OBJECTS:
        return serializers.ListField(child=ObjectField(spec), allow_empty=not spec.required, **common)
    raise ValueError(f"Unknown input kind {spec.kind}")


def _too_long(label: str, limit: int) -> str:
    return f"«{label}» kan ha høyst {limit} tegn."


def _comment_field(**kwargs) -> serializers.CharField:
    return serializers.CharField(required=False, max_length=COMMENT_MAX_LENGTH,
                                 error_messages={"max_length": _too_long("Kommentar", COMMENT_MAX_LENGTH)}, **kwargs)


def input_serializer(workflow: Workflow, transition: Transition | None) -> type[serializers.Serializer]:
    """The request's shape for one step: the common fields and the step's declared inputs."""
    fields = {
        "transition": serializers.CharField(max_length=100, error_messages={
            "required": "Oppgi hvilket steg som skal tas.", "blank": "Oppgi hvilket steg som skal tas.",
            "max_length": "Ukjent steg."}),
        "comment": _comment_field(allow_blank=True, default=""),
        "expected_state": serializers.ChoiceField(choices=workflow.state_enum.choices, required=False,
                                                  allow_blank=True, allow_null=True),
    }
    for spec in transition.inputs if transition else ():
        fields[spec.name] = _field(spec)
    name = f"{workflow.name.title().replace('_', '')}{(transition.name if transition else '').title()}Request"
    return type(name.replace("_", ""), (serializers.Serializer,), fields)


def request_schema(workflow: Workflow) -> type[serializers.Serializer]:
    """For the OpenAPI schema: every input any step of the workflow may take (each optional)."""
    fields = {
        "transition": serializers.ChoiceField(choices=[t.name for t in workflow.transitions]),
        "comment": _comment_field(),
        "expected_state": serializers.ChoiceField(choices=workflow.state_enum.choices, required=False),
    }
    for t in workflow.transitions:
        for spec in t.inputs:
            field = _field(Input(**{**spec.__dict__, "required": False}))
            field.help_text = f"{spec.label} (for «{t.name}»)"
            fields.setdefault(spec.name, field)
    return type(f"{workflow.name.title().replace('_', '')}TransitionRequest", (serializers.Serializer,), fields)


def _data(data) -> dict:
    """A QueryDict (a staff form) keeps every value of a list input; JSON comes as it is."""
    if hasattr(data, "getlist"):
        return {key: data.getlist(key) if len(data.getlist(key)) > 1 else data.get(key) for key in data}
    if not isinstance(data, dict):
        # The API's parser only gives objects (secretariat.api.parsers); anything else is refused, never read as {}.
        raise serializers.ValidationError({"non_field_errors": ["Innholdet må være et JSON-objekt ({...})."]})
    return dict(data)


def _parse(obj, data) -> tuple[str, dict]:
    workflow = workflow_of(type(obj))
    raw = _data(data)
    name = str(raw.get("transition") or "").strip()
    spec = workflow.transition(name) if name else None
    if spec is not None:
        for declared in spec.inputs:
            value = raw.get(declared.name)
            if declared.kind == InputKind.OBJECTS and value is not None and not isinstance(value, list):
                raw[declared.name] = [value] if value != "" else []
            elif value == "" and declared.kind not in (InputKind.TEXT, InputKind.BOOLEAN):
                raw[declared.name] = None
    serializer = input_serializer(workflow, spec)(data=raw)
    serializer.is_valid(raise_exception=True)
    values = dict(serializer.validated_data)
    if spec is None:
        return values["transition"], {"comment": values.get("comment", ""),
                                      "expected_state": values.get("expected_state") or None}
    inputs = {i.name: values[i.name] for i in spec.inputs if i.name in values}
    return name, {"comment": (values.get("comment") or "").strip(),
                  "expected_state": values.get("expected_state") or None, **inputs}


def _refuse_outsiders(obj, user) -> None:
    """Who may take no step of this workflow at all is refused before the input is read (403, never 400)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("Logg inn for å ta et steg.")
    if not workflow_of(type(obj)).may_act_on(obj, user):
        noun = getattr(type(obj)._meta, "verbose_name", "objektet")
        raise PermissionDenied(f"Du har ikke tilgang til å ta steg for {noun}.")


def take_transition(request, obj):
    """Parse the request and take the step; returns the audit row. Raises for the API's error handler."""
    _refuse_outsiders(obj, request.user)
    name, values = _parse(obj, request.data)
    return run_transition(obj, name, actor=request.user, **values)


def allowed_transitions_response(obj, user) -> Response:
    return Response([t.as_dict() for t in available_transitions(obj, user)])


def transitions_endpoint(request, obj, respond):
    """The whole `…/transitions/` action: GET the allowed steps, POST one and answer with `respond(obj)`."""
    if request.method == "GET":
        return allowed_transitions_response(obj, request.user)
    take_transition(request, obj)
    return respond()


def staff_take_transition(request, obj):
    """A staff form's step: the same parsing and engine as the API. Raises WorkflowError, or a Django
    ValidationError with the Norwegian messages of bad input; returns the audit row."""
    try:
        _refuse_outsiders(obj, request.user)
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(str(exc.detail)) from exc
    try:
        name, values = _parse(obj, request.POST)
    except serializers.ValidationError as exc:
        raise DjangoValidationError(_messages(exc.detail)) from exc
    return run_transition(obj, name, actor=request.user, **values)


def staff_transition(request, obj, *, noun: str) -> bool:
    """The whole staff `…/steg/` view body: take the step and show the outcome as a message. True if taken."""
    try:
        staff_take_transition(request, obj)
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return False
    except DjangoValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    obj.refresh_from_db()
    messages.success(request, f"Ferdig: {noun} har nå status «{obj.get_state_display()}».")
    return True


def _messages(detail) -> list[str]:
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _messages(value)]
    if isinstance(detail, list):
        return [m for value in detail for m in _messages(value)]
    return [str(detail)]
