"""Reads for cases. Views and the API ask here; what each person may see comes from `secretariat.access`."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from secretariat import access
from workflows.case import CASE_WORKFLOW, CaseState
from workflows.engine import state_label
from workflows.models import AuditEntry

from .models import Case, Consultation


def cases_visible_to(user) -> QuerySet[Case]:
    """Staff see every case; others see cases that have been made public (on an agenda or later)."""
    qs = Case.objects.select_related("case_officer", "responsible_unit", "paper").prefetch_related(
        Prefetch("consultations", queryset=Consultation.objects.select_related("organization"))
    )
    return access.cases_visible_to(user, qs)


def cases_list(*, user, state: str = "", organization: str = "", case_officer: str = "", q: str = "") -> QuerySet[Case]:
    qs = cases_visible_to(user)
    if state:
        qs = qs.filter(state=state)
    if organization:
        # EXISTS, not a join: a join needs DISTINCT over rows carrying all paper text (a sort spilling to disk).
        qs = qs.filter(Exists(Consultation.objects.filter(case=OuterRef("pk"), organization__slug=organization)))
    if case_officer:
        qs = qs.filter(case_officer__username=case_officer)
    if q:
        # Search in titles; an exempt case's real title is searchable only for those who may see it.
        qs = access.cases_matching_title(user, qs, q)
    return qs.order_by("-created_at", "-pk")


def cases_waiting_for(user) -> list[Case]:
    """What this user is expected to act on next."""
    cond = Q(pk__in=[])
    if access.is_saksbehandler(user):
        cond |= Q(case_officer=user, state__in=CASE_WORKFLOW.states_with("with_officer"))
    if CASE_WORKFLOW.transition("approve").allows(None, user):  # the kommunedirektør's gate (koml. § 13-1)
        cond |= Q(state=CaseState.TIL_GODKJENNING)
    if access.is_secretariat(user):
        cond |= Q(state__in=CASE_WORKFLOW.states_with("with_secretariat"))
    return list(Case.objects.filter(cond).select_related("case_officer").order_by("created_at")[:25])


def case_history(case: Case, user) -> list[AuditEntry]:
    """The audit trail as `user` may read it (see access.history_for), with the states' Norwegian names."""
    entries = access.history_for(user, case, AuditEntry.for_object(case))
    for entry in entries:
        entry.from_label = state_label(Case, entry.from_state) if entry.from_state else ""
        entry.to_label = state_label(Case, entry.to_state) if entry.to_state else ""
    return entries
