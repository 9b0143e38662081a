"""The shape every `…/transitions/` endpoint shares: GET lists the steps this user may take now, POST
{"transition": name, "comment": ..., "expected_state": ...} takes one."""

from __future__ import annotations

from dataclasses import dataclass

from rest_framework import serializers
from rest_framework.response import Response

from workflows.engine import available_transitions


@dataclass(frozen=True)
class TransitionRequest:
    name: str
    comment: str
    expected_state: str | None


def allowed_transitions_response(obj, user) -> Response:
    return Response([t.as_dict() for t in available_transitions(obj, user)])


def transition_request(data) -> TransitionRequest:
    """Read the step asked for; a missing name is a field error (400), not an unknown step."""
    name = str(data.get("transition", "")).strip()
    if not name:
        raise serializers.ValidationError({"transition": ["Oppgi hvilket steg som skal tas."]})
    return TransitionRequest(name=name, comment=str(data.get("comment", "")),
                             expected_state=data.get("expected_state") or None)
