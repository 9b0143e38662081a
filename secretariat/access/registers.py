"""Who handles the secretariat's registers: civil weddings (vielser) and appointments (oppnevninger, with
fritak and supplering of folkevalgte).

Wedding requests and candidates hold personal data — birth dates, addresses, the prøvingsattest, eligibility
(criminal record, bankruptcy) — that only the politisk sekretariat handles. Data minimisation (GDPR art. 5 (1) c)
keeps every other role out, staff included: a saksbehandler or the kommunedirektør has no need for them.
The fagleder has the role (and a superuser, who has every role).

Open to everyone, and NOT guarded here: the couple's booking form and the free slots, the call for candidates
(dl. § 67), the proposal on public display (dl. § 68), and an officiant's own weddings in their personal calendar.

Every staff page and API of secretariat/weddings and secretariat/appointments asks this module before it reads
any input: pages through `weddings_page` / `appointments_page`, the API through `HandlesWeddings` /
`HandlesAppointments`, and the services through `can_handle_weddings` / `can_handle_appointments`.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

from secretariat.accounts.roles import Role, has_role

from .viewers import ELECTION_PLANNING_REFUSED, can_plan_elections, is_folkevalgt, is_staff

# The roles that handle the registers (the politisk sekretariat).
REGISTER_ROLES = (Role.FAGLEDER,)

WEDDINGS_REFUSED = "Vielser er bare tilgjengelig for politisk sekretariat."
APPOINTMENTS_REFUSED = "Oppnevninger, fritak og supplering er bare tilgjengelig for politisk sekretariat."


def can_handle_weddings(user) -> bool:
    """May this user see and change wedding requests (the couple's personal data, the prøvingsattest)?"""
    return user is not None and has_role(user, *REGISTER_ROLES)


def can_handle_appointments(user) -> bool:
    """May this user see and change appointment rounds, candidates and membership changes (fritak/supplering)?"""
    return user is not None and has_role(user, *REGISTER_ROLES)


def is_secretariat(user) -> bool:
    """Does this user work in the politisk sekretariat (the registers' roles)?"""
    return user is not None and has_role(user, *REGISTER_ROLES)


REMUNERATION_REFUSED = "Godtgjøring er for folkevalgte (egne krav) og politisk sekretariat."


def can_use_remuneration(user) -> bool:
    """Who uses the godtgjøring pages (/intern/godtgjoring/) and is offered them in the menu: a folkevalgt, for
    their own claims, and the politisk sekretariat, who checks the claims and exports them to payroll. Not the other
    staff: the claims are the members' pay and personal data. (Who may claim at all is `is_folkevalgt`; which
    claim a person may open is the remuneration selectors'.)"""
    return is_folkevalgt(user) or is_secretariat(user)


def require_secretariat(user, refusal: str) -> None:
    """A page or step only the politisk sekretariat uses: anyone else gets 403 with the page's own reason."""
    if not is_secretariat(user):
        raise PermissionDenied(refusal)


def _page_guard(check, message: str):
    """A view decorator: anonymous users are sent to log in, refused roles get 403 — before any input is read."""

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return login_required(guarded)

    return decorator


weddings_page = _page_guard(can_handle_weddings, WEDDINGS_REFUSED)
appointments_page = _page_guard(can_handle_appointments, APPOINTMENTS_REFUSED)


class HandlesWeddings(BasePermission):
    """DRF: the wedding register (401/403 for anonymous users, 403 for other roles, before the body is parsed)."""

    message = WEDDINGS_REFUSED

    def has_permission(self, request, view) -> bool:
        return can_handle_weddings(request.user)


class HandlesAppointments(BasePermission):
    """DRF: appointment rounds, candidates and membership changes."""

    message = APPOINTMENTS_REFUSED

    def has_permission(self, request, view) -> bool:
        return can_handle_appointments(request.user)


class IsStaff(BasePermission):
    """DRF: the administration's own endpoints (every saksbehandler, fagleder and kommunedirektør)."""

    message = "Bare ansatte i kommunen har tilgang."

    def has_permission(self, request, view) -> bool:
        return is_staff(request.user)


class PlansElections(BasePermission):
    """DRF, after `IsStaff`: election projects are read by all staff (the kommunedirektør too); a change (a new
    project, a task completed) is `can_plan_elections`'s, refused with 403 before the body is parsed, as the pages
    refuse it."""

    message = ELECTION_PLANNING_REFUSED

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or can_plan_elections(request.user)
