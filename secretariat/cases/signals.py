"""Keep the stored public search vector (CaseSearchText) in step with everything it is built from.

The vector holds only what the access policy lets the public read (secretariat/access/search.py), so it must be
rebuilt in the same transaction as any change to that: the case (title, exemption), its paper (text, exempt
sections), a decision (text) or an agenda item (closed for a koml. § 11-5 reason, or moved to another case).
"""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from secretariat.access.search import refresh_public_search_vectors


def _case_ids(sender, instance) -> list[int]:
    label = sender._meta.label
    if label == "cases.Case":
        return [instance.pk]
    if label == "cases.CasePaper":
        return [instance.case_id]
    consultation_id = getattr(instance, "consultation_id", None)
    if consultation_id is None:
        return []
    Consultation = apps.get_model("cases", "Consultation")
    return list(Consultation.objects.filter(pk=consultation_id).values_list("case_id", flat=True))


def _refresh(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return  # loaddata: the vectors are rebuilt by the caller
    if sender._meta.label == "cases.Case" and kwargs.get("signal") is post_delete:
        return  # the vector row goes with the case (on delete cascade)
    refresh_public_search_vectors(_case_ids(sender, instance))


def connect() -> None:
    for label in ("cases.Case", "cases.CasePaper", "meetings.Decision", "meetings.AgendaItem"):
        model = apps.get_model(label)
        post_save.connect(_refresh, sender=model, dispatch_uid=f"search-vector-save-{label}")
        if label != "cases.Case":
            post_delete.connect(_refresh, sender=model, dispatch_uid=f"search-vector-delete-{label}")
