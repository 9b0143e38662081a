"""The officiant's weddings in their personal calendar feed (calendars.personal registry)."""

from __future__ import annotations

from django.conf import settings

from workflows.wedding import WeddingState

from .models import Wedding


def wedding_event_data(wedding: Wedding) -> dict:
    place = wedding.place
    cancelled = wedding.state == WeddingState.AVLYST
    return {
        "uid": f"wedding-{wedding.uid}@saksgang",
        "summary": f"{'AVLYST: ' if cancelled else ''}Vielse: {wedding.couple}",
        "start": wedding.starts_at,
        "end": wedding.ends_at,
        "location": ", ".join(p for p in (place.name, place.address) if p),
        "description": (f"Borgerlig vielse. Språk: {wedding.get_language_display()}. "
                        "Husk melding til Skatteetaten innen 3 dager etter vielsen."),
        "url": f"{settings.SAKSGANG_BASE_URL}/intern/vielser/{wedding.pk}/",
        "sequence": wedding.sequence,
        "status": "CANCELLED" if cancelled else "CONFIRMED",
        "last_modified": wedding.updated_at,
    }


def officiant_weddings(person) -> list[dict]:
    """Confirmed (and later) weddings where the person is the officiant; cancelled ones stay, marked cancelled."""
    weddings = (Wedding.objects.filter(officiant__person=person).exclude(state=WeddingState.FORESPURT)
                .select_related("place"))
    return [wedding_event_data(w) for w in weddings]
