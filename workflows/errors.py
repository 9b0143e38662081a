"""Workflow errors carry a Norwegian message for people and a code and status for the API."""

from __future__ import annotations


class WorkflowError(Exception):
    status_code = 400
    code = "workflow_error"

    def __init__(self, message: str, *, current_state: str = "", allowed: list[dict] | None = None,
                 field: str | None = None):
        super().__init__(message)
        self.message = message
        self.current_state = current_state
        self.allowed = allowed or []
        self.field = field

    def as_dict(self) -> dict:
        data = {"detail": self.message, "code": self.code}
        if self.current_state:
            data["current_state"] = self.current_state
        if self.allowed is not None:
            data["allowed_transitions"] = self.allowed
        if self.field:
            data["field"] = self.field
        return data


class UnknownTransition(WorkflowError):
    code = "unknown_transition"


class TransitionNotAllowed(WorkflowError):
    status_code = 409
    code = "transition_not_allowed"


class TransitionForbidden(WorkflowError):
    status_code = 403
    code = "permission_denied"


class ConflictError(WorkflowError):
    status_code = 409
    code = "conflict"


class GuardFailed(WorkflowError):
    """A transition's precondition (e.g. no innstilling text) is not met."""

    code = "precondition_failed"
