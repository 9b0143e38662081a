"""The term pages' typed lists («liste;navn», «liste;antall», «navn;stemmer»): one reading for all of them.

A fagleder pastes from the møtebok, a spreadsheet or an e-mail: fields are split on semicolons, else on tabs (a
spreadsheet's cells), else on commas; names are compared as a person reads them (Unicode NFC, case and extra
spaces ignored, so «Åse» typed as A + ring and «kari  nordmann» still match); numbers are whole numbers written
with the digits 0–9 only (no sign, no «²» or other digits Python would read).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

SPACES = re.compile(r"\s+")
DIGITS = re.compile(r"[0-9]+")


def split_line(raw: str) -> list[str]:
    for separator in (";", "\t", ","):
        if separator in raw:
            return [cell.strip() for cell in raw.split(separator)]
    return [raw.strip()]


def lines(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for each non-empty line; a byte order mark at the start is not text."""
    for number, raw in enumerate((text or "").lstrip("\ufeff").splitlines(), start=1):
        if raw.strip():
            yield number, split_line(raw)


def name_key(name: str) -> str:
    """A name as it is compared: NFC, case-folded, runs of spaces as one."""
    return SPACES.sub(" ", unicodedata.normalize("NFC", name or "")).strip().casefold()


def whole_number(value: str, *, maximum: int) -> int | None:
    """0..maximum written with 0–9, else None."""
    value = (value or "").strip()
    if not DIGITS.fullmatch(value) or len(value) > len(str(maximum)):
        return None
    number = int(value)
    return number if number <= maximum else None
