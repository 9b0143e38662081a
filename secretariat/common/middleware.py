"""Refuse query parameters and form fields with control characters (secretariat.common.validators), once.

Every page and form reads request.GET/POST; a NUL there reached PostgreSQL as a 500 (the search on /innsyn/sok/,
the body filter on /innsyn/moter/, any staff form). Here such a request is answered 400 before any view runs: a
Norwegian page for people, JSON under /api/. JSON bodies are checked by the API's parser
(secretariat.api.parsers).
"""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render

from .validators import CONTROL_CHARACTER_MESSAGE, has_control_characters

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _bad_field(querydict) -> str | None:
    for key, values in querydict.lists():
        if has_control_characters(key):
            return key
        if any(isinstance(v, str) and has_control_characters(v) for v in values):
            return key
    return None


class RefuseControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bad = _bad_field(request.GET)
        if bad is None and request.method == "POST" and request.content_type in FORM_TYPES:
            bad = _bad_field(request.POST)
        if bad is not None:
            message = f"Feltet «{bad}»: {CONTROL_CHARACTER_MESSAGE}"
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message, "code": "control_characters",
                                     "errors": {bad: [CONTROL_CHARACTER_MESSAGE]}}, status=400)
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)
