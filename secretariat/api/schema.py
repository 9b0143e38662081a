"""OpenAPI post-processing (drf-spectacular POSTPROCESSING_HOOKS): every operation documents the JSON errors the API
answers with (secretariat/api/errors.py), so a client, and the schema fuzz in the suite, can tell a refused request
from a broken one. The views only declare their success responses."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

ERROR_COMPONENT = "Feil"
ERROR_SCHEMA = {
    "type": "object",
    "description": "En feil: melding (norsk), kode og eventuelt feltvise meldinger.",
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": True},
    },
    "required": ["detail"],
}
# What any endpoint may answer besides its success: invalid input, not logged in, no access, not found (also an
# object the caller may not see), wrong method, a state conflict (workflow), wrong body type, throttled.
ERROR_RESPONSES = {
    "400": "Ugyldige data.",
    "401": "Ikke innlogget.",
    "403": "Ingen tilgang.",
    "404": "Fant ikke det du ba om.",
    "405": "Metoden er ikke tillatt.",
    "409": "Konflikt med tilstanden til objektet.",
    "415": "Ukjent innholdstype.",
    "429": "For mange forespørsler.",
}


def document_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR_COMPONENT] = ERROR_SCHEMA
    ref = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            for code, description in ERROR_RESPONSES.items():
                responses.setdefault(code, {"description": description, "content": {"application/json": {"schema": ref}}})
    return result


def _partial_time(node):
    """JSON Schema's `time` format is RFC 3339 full-time, with a UTC offset; the API writes local times without
    one ("18:00:00", a meeting's start in the kommune's time zone). Documented as what it is: a pattern."""
    if isinstance(node, dict):
        if node.get("format") == "time":
            del node["format"]
            node["pattern"] = r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"
        for value in node.values():
            _partial_time(value)
    elif isinstance(node, list):
        for value in node:
            _partial_time(value)


def document_local_times(result, generator, request, public):
    _partial_time(result.get("components", {}))
    return result


class AllowedTransitionSerializer(serializers.Serializer):
    """One step the caller may take now (workflows' Transition.as_dict)."""

    name = serializers.CharField()
    label = serializers.CharField()
    target = serializers.CharField()


def transitions_schema(workflow, response):
    """The schema of a `…/transitions/` action (secretariat.api.transitions.transitions_endpoint): GET lists the
    steps the caller may take now (a plain list), POST takes one and answers with the object."""
    from .transitions import request_schema

    def decorate(view):
        view = extend_schema(methods=["GET"], request=None, responses={200: AllowedTransitionSerializer(many=True)})(view)
        return extend_schema(methods=["POST"], request=request_schema(workflow), responses={200: response})(view)

    return decorate
