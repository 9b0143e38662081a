"""Error pages (issue 12): Norwegian HTML for people, JSON for /api/ (the API's error shape, api/errors.py)."""

from django.http import JsonResponse
from django.views import defaults


def _wants_json(request) -> bool:
    return request.path.startswith(("/api/", "/oparl/"))


def _json(detail: str, code: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail, "code": code}, status=status, json_dumps_params={"ensure_ascii": False})


def bad_request(request, exception=None):
    if _wants_json(request):
        return _json("Ugyldig forespørsel.", "bad_request", 400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception=None):
    if _wants_json(request):
        return _json("Du har ikke tilgang til dette.", "permission_denied", 403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception=None):
    if _wants_json(request):
        return _json("Fant ikke det du ba om.", "not_found", 404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """No database, no request context: a 500 may be the database being down."""
    if _wants_json(request):
        return _json("Det oppstod en feil på serveren. Prøv igjen om litt.", "server_error", 500)
    return defaults.server_error(request)


def csrf_failure(request, reason=""):
    """An expired or missing form token: the Norwegian 403 page with what to do, not Django's English one."""
    if _wants_json(request):
        return _json("CSRF-kontrollen feilet. Last siden på nytt og prøv igjen.", "csrf_failed", 403)
    from django.shortcuts import render

    return render(request, "403.html", {"reason": "Skjemaet var utløpt eller ugyldig. Gå tilbake, last siden på nytt "
                                                  "og prøv igjen."}, status=403)
