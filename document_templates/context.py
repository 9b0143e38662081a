"""Helpers for building docxtpl contexts: the kommune header, multi-line text, dates, images."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from docxtpl import Listing
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

MONTHS = {
    "nb": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember"],
    "nn": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember"],
}
WEEKDAYS = {
    "nb": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
    "nn": ["måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "søndag"],
}


def jinja_env() -> SandboxedEnvironment:
    # Sandboxed: an uploaded template is untrusted input. StrictUndefined: a misspelt field fails
    # instead of silently printing nothing, so validation can name it.
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


@dataclass(frozen=True)
class Image:
    """A picture in the context; ``render`` turns it into a docxtpl InlineImage (width in mm)."""

    path: str
    width_mm: float = 30

    def __str__(self) -> str:  # keeps context digests stable
        return f"Image({self.path})"


def resolve_images(tpl, value):
    from docx.shared import Mm
    from docxtpl import InlineImage

    if isinstance(value, Image):
        return InlineImage(tpl, value.path, width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {k: resolve_images(tpl, v) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_images(tpl, v) for v in value]
    return value


def text(value: str | None) -> Listing:
    """Multi-line text for a template: blank lines become paragraphs, single newlines line breaks."""
    value = (value or "").replace("\r\n", "\n").strip()
    value = re.sub(r"\n\s*\n+", "\a", value)
    return Listing(value)


def long_date(day: dt.date | dt.datetime | None, maalform: str) -> str:
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        from django.utils import timezone

        day = timezone.localtime(day) if timezone.is_aware(day) else day
        day = day.date()
    return f"{WEEKDAYS[maalform][day.weekday()]} {day.day}. {MONTHS[maalform][day.month - 1]} {day.year}"


def short_date(day) -> str:
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        from django.utils import timezone

        day = timezone.localtime(day) if timezone.is_aware(day) else day
    return f"{day:%d.%m.%Y}"


def clock(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    from django.utils import timezone

    moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{moment:%H:%M}"


def kommune_context(*, sample: bool = False) -> dict:
    """``kommune``: name, kommunenummer, address, website, logo (an Image or "" when none)."""
    from secretariat.organizations.models import Body

    body = None if sample else Body.current()
    if body is None:
        return {"name": "Fjordvik kommune", "number": "9999", "address": "Rådhusgata 1", "website": "", "logo": ""}
    logo = ""
    if body.logo:
        try:
            path = body.logo.path
            import os

            if os.path.exists(path):
                logo = Image(path, width_mm=25)
        except (NotImplementedError, ValueError):
            logo = ""
    return {"name": body.name, "number": body.kommunenummer, "address": body.address,
            "website": body.website, "logo": logo}
