"""API errors as JSON: {"detail": ..., "code": ..., "errors": {field: [messages]}}. Never a 500 for bad input."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from workflows.errors import WorkflowError


def exception_handler(exc, context):
    if isinstance(exc, WorkflowError):
        data = exc.as_dict()
        if exc.field:
            data["errors"] = {exc.field: [exc.message]}
        return Response(data, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        first = next(iter(errors.values()))[0]
        return Response({"detail": first, "code": "invalid", "errors": errors}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("Fant ikke det du ba om.")
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.Throttled):
        # Too many calls (the throttles in settings.REST_FRAMEWORK): say so in Norwegian, with when to try again.
        wait = f" Prøv igjen om {int(exc.wait) + 1} sekunder." if exc.wait is not None else " Prøv igjen senere."
        response.data = {"detail": "For mange forespørsler fra deg på kort tid." + wait, "code": "throttled"}
    elif isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        first = _first_message(errors)
        response.data = {"detail": first or "Ugyldige data.", "code": "invalid", "errors": errors}
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data["code"] = getattr(response.data["detail"], "code", exc.default_code)
    return response


def _first_message(errors) -> str:
    if isinstance(errors, dict):
        for value in errors.values():
            msg = _first_message(value)
            if msg:
                return msg
    elif isinstance(errors, list) and errors:
        return _first_message(errors[0])
    elif errors:
        return str(errors)
    return ""
