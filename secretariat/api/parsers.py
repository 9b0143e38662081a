"""The API's JSON parser (the default in settings.REST_FRAMEWORK): the one place a JSON body is checked.

A body must be a JSON object ({...}): every write endpoint reads named fields, and a list or a string used to reach
code that called .get() on it (a 500). Nesting is limited before parsing, so a body nested 100,000 levels deep is a
400, never a RecursionError. Text with NUL or other control characters is refused here too
(secretariat.common.validators), naming the field.
"""

from __future__ import annotations

import json

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from secretariat.common.validators import CONTROL_CHARACTER_MESSAGE, first_bad_path

MAX_DEPTH = 20  # the deepest real body (a vote's ballots) is 2 levels


def json_depth(text: str) -> int:
    """How deep arrays and objects nest in a JSON text, counted without parsing (brackets inside strings skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def parse_object(raw: bytes | str, max_depth: int = MAX_DEPTH) -> dict:
    """Parse a request body that must be a JSON object; ParseError (400) with a Norwegian message otherwise."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise ParseError("Innholdet er ikke gyldig UTF-8.") from None
    if json_depth(text) > max_depth:
        raise ParseError(f"JSON-innholdet er nøstet for dypt (høyst {max_depth} nivåer).")
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise ParseError(f"Ugyldig JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ParseError("Innholdet må være et JSON-objekt ({...}), ikke en liste, tekst eller et tall.")
    bad = first_bad_path(data)
    if bad is not None:
        raise ParseError(f"Feltet «{bad}»: {CONTROL_CHARACTER_MESSAGE}")
    return data


def _refuse_constant(name: str):
    raise ValueError(f"{name} er ikke et gyldig tall")


class ObjectJSONParser(JSONParser):
    """JSON bodies for the API: an object, nested at most MAX_DEPTH levels, without control characters."""

    def parse(self, stream, media_type=None, parser_context=None):
        if stream is None:
            return {}
        limit = getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", None)
        raw = stream.read(limit + 1) if limit else stream.read()
        if limit and len(raw) > limit:
            raise ParseError("Innholdet er for stort.")
        return parse_object(raw)
