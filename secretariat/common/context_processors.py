from django.urls import NoReverseMatch, reverse

from secretariat import access
from secretariat.accounts.roles import ROLE_LABELS, Role, user_roles
from secretariat.organizations.models import Body

# The staff menu: each feature's start page by URL name, and who may open it. A role is offered only what answers
# it with a page, never a 403 (issue 12; tests/security/test_menus.py follows every link as each role).
# `who`: None (everyone logged in), a set of roles, or a rule of the access policy (user -> bool).
# Entries whose URL does not exist are left out.
STAFF = frozenset({Role.SAKSBEHANDLER, Role.FAGLEDER, Role.KOMMUNEDIREKTOR})
STAFF_NAV = [
    ("Oversikt", "staff:dashboard", None),
    ("Saker", "cases:list", None),
    ("Møter", "meetings:list", None),
    ("Oppfølging", "followups:dashboard", STAFF),
    ("Vielser", "weddings:list", access.can_handle_weddings),
    ("Oppnevninger", "appointments:list", access.can_handle_appointments),
    ("Delegerte vedtak", "delegations:list", frozenset({Role.FAGLEDER})),
    ("Valg", "elections:list", STAFF),
    ("Valgperiode", "term:index", frozenset({Role.FAGLEDER})),
    ("Dokumentmaler", "documents:templates", STAFF),
    ("Møteplan", "calendars_staff:plans", None),
    ("Roller", "staff:roles", frozenset({Role.FAGLEDER})),
    ("Mine sider", "members:home", access.is_portal_user),
    ("Permisjoner", "leave_staff:list", frozenset({Role.FAGLEDER})),
    ("Godtgjøring", "remuneration:index", frozenset({Role.FOLKEVALGT, Role.FAGLEDER})),
    ("Opplæring", "training:list", frozenset({*STAFF, Role.FOLKEVALGT})),
]


def _may_open(who, user, roles) -> bool:
    if who is None:
        return True
    if callable(who):
        return who(user)
    return bool(who & roles)


def _nav(user, roles=frozenset()):
    items = []
    for label, name, who in STAFF_NAV:
        if not _may_open(who, user, roles):
            continue
        try:
            items.append((label, reverse(name)))
        except NoReverseMatch:
            continue
    return items


def saksgang(request):
    user = getattr(request, "user", None)
    roles = user_roles(user)
    return {
        "kommune": Body.current(),
        "user_roles": {r.value for r in roles},
        "user_role_labels": [ROLE_LABELS[r] for r in roles],
        "staff_nav": _nav(user, roles) if user is not None and user.is_authenticated else [],
    }
