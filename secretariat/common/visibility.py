"""The one place that decides what is public (DOMAIN.md §3 Openness).

Every public surface — innsyn pages, feeds, iCal, the API for anonymous users, search, public
documents — asks these functions. Exempt cases are shown only by their public title with the
exemption marking; closed agenda items without content; unapproved minutes not at all.
"""

from __future__ import annotations

from secretariat.accounts.roles import Role, has_role
from workflows.case import CaseState

# A case becomes public when it is put on an agenda (the papers are published with the notice).
# Before that it is the administration's working document.
PUBLIC_CASE_STATES = frozenset(
    {
        CaseState.SATT_OPP, CaseState.BEHANDLET, CaseState.TIL_NESTE_ORGAN, CaseState.VEDTATT,
        CaseState.I_OPPFOLGING, CaseState.AVSLUTTET, CaseState.UTSATT, CaseState.SENDT_TILBAKE,
    }
)

EXEMPT_PLACEHOLDER = "Innholdet er unntatt offentlighet."


def can_view_exempt_content(user, case) -> bool:
    """Exempt content is for the staff roles that need it, and the politicians who treat the case."""
    if has_role(user, Role.FAGLEDER, Role.KOMMUNEDIREKTOR):
        return True
    if has_role(user, Role.SAKSBEHANDLER) and case.case_officer_id == getattr(user, "pk", None):
        return True
    if has_role(user, Role.FOLKEVALGT):
        person = getattr(user, "person", None)
        if person is None:
            return False
        org_ids = case.consultations.values_list("organization_id", flat=True)
        return person.memberships.filter(organization_id__in=org_ids, end_date__isnull=True).exists()
    return False


def case_title_for(user, case) -> str:
    if case.exempt and not can_view_exempt_content(user, case):
        return public_case_title(case)
    return case.title


def public_case_title(case) -> str:
    return case.public_title if case.exempt else case.title


def agenda_item_public_title(item) -> str:
    consultation = item.consultation
    if consultation is not None and consultation.case.exempt:
        return consultation.case.public_title or item.public_title or "Unntatt offentlighet"
    if item.public_title:
        return item.public_title
    return item.title


def is_case_public(case) -> bool:
    return case.state in PUBLIC_CASE_STATES


def public_cases(queryset=None):
    from secretariat.cases.models import Case

    qs = queryset if queryset is not None else Case.objects.all()
    return qs.filter(state__in=PUBLIC_CASE_STATES)
