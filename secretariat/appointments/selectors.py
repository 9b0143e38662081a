"""Reads for appointment rounds and fritak/supplering."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from workflows.models import AuditEntry

from .models import AppointmentRound, Candidate, MembershipChange


def rounds_list() -> QuerySet[AppointmentRound]:
    return AppointmentRound.objects.select_related("case").annotate(
        n_candidates=Count("candidates", distinct=True),
        n_eligible=Count("candidates", filter=Q(candidates__eligible=True), distinct=True),
        n_proposed=Count("candidates", filter=Q(candidates__pool__isnull=False), distinct=True),
    ).order_by("-period_start", "title")


def round_candidates(round: AppointmentRound) -> QuerySet[Candidate]:
    return round.candidates.select_related("pool", "party").order_by("family_name", "given_name")


def round_history(round: AppointmentRound) -> QuerySet[AuditEntry]:
    from django.contrib.contenttypes.models import ContentType

    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(AppointmentRound),
                                     object_id=round.pk).order_by("at", "pk")


def changes_list() -> QuerySet[MembershipChange]:
    return MembershipChange.objects.select_related("case", "organization", "membership__person", "new_person")


def change_history(change: MembershipChange) -> QuerySet[AuditEntry]:
    from django.contrib.contenttypes.models import ContentType

    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(MembershipChange),
                                     object_id=change.pk).order_by("at", "pk")
