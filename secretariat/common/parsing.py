"""Lenient parsing of request values: bad input becomes a default the caller then refuses clearly."""


def int_or(value, default=0):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
