"""The one rule for free text: no NUL or other control characters (tab, newline and carriage return are text).

PostgreSQL refuses a NUL in a text column (a 500 before this check), and the other control characters are never
typed by a person; both are refused with the same Norwegian message, wherever the text comes in (the input
middleware for query strings and forms, the JSON parser for the API).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_CHARACTER_MESSAGE = "Teksten inneholder kontrolltegn (for eksempel NUL) som ikke er tillatt. Fjern dem."


def has_control_characters(value: str) -> bool:
    return bool(CONTROL_CHARACTERS.search(value))


def reject_control_characters(value) -> None:
    """A Django/DRF-style validator: raises ValidationError for a text with control characters."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(CONTROL_CHARACTER_MESSAGE, code="control_characters")


def first_bad_path(data, path: str = "") -> str | None:
    """The first key path in parsed JSON whose key or text holds a control character (None: all clean)."""
    stack = [(path, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            if has_control_characters(value):
                return where or "(tekst)"
        elif isinstance(value, dict):
            for key, child in value.items():
                key = str(key)
                name = f"{where}.{key}" if where else key
                if has_control_characters(key):
                    return name
                stack.append((name, child))
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", child) for i, child in enumerate(value))
    return None
