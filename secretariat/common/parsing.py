"""Lenient parsing of request values: bad input becomes a default the caller then refuses clearly."""

from .dates import EARLIEST_YEAR, LATEST_YEAR


def int_or(value, default=0):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# Years a person may ask for on the public pages and in reports: the archive does not go further back, and
# a year past YEAR_MAX is a typing error (also keeps PostgreSQL's date range and Python's datetime safe).
YEAR_MIN, YEAR_MAX = EARLIEST_YEAR, LATEST_YEAR  # one pair of bounds (common/dates.py)


def bounded_int(value, *, low: int, high: int) -> int:
    """A whole number from a request value within [low, high]; ValueError (with a Norwegian message) otherwise.
    Booleans, floats with a fraction and digit strings longer than 18 characters are refused before int()."""
    if isinstance(value, bool) or value is None:
        raise ValueError("Oppgi et helt tall.")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("Oppgi et helt tall.")
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        digits = text[1:] if text[:1] in "+-" else text
        if not digits.isascii() or not digits.isdigit() or len(digits) > 18:
            raise ValueError("Oppgi et helt tall.")
        value = int(text)
    if not isinstance(value, int):
        raise ValueError("Oppgi et helt tall.")
    if not low <= value <= high:
        raise ValueError(f"Oppgi et tall fra {low} til {high}.")
    return value


def year_param(value) -> tuple[int | None, str]:
    """A year filter from a query string: (year, "") when valid, (None, "") when empty, and (None, message) when it
    is not a year the pages can show (the filter is then ignored and the message shown)."""
    if value in (None, ""):
        return None, ""
    try:
        return bounded_int(value, low=YEAR_MIN, high=YEAR_MAX), ""
    except ValueError:
        return None, f"«{str(value)[:20]}» er ikke et gyldig år (oppgi et år fra {YEAR_MIN} til {YEAR_MAX}). Viser alle år."
