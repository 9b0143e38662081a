"""Reads for delegerte vedtak: the staff register list."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import DelegatedDecision


def decisions_list(*, organization: str = "", status: str = "") -> QuerySet[DelegatedDecision]:
    qs = DelegatedDecision.objects.select_related("report_to", "agenda_item__meeting")
    if organization:
        qs = qs.filter(report_to__slug=organization)
    if status == "umeldt":
        qs = qs.filter(agenda_item__isnull=True)
    elif status == "meldt":
        qs = qs.filter(agenda_item__isnull=False)
    return qs
