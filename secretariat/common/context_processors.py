from django.urls import NoReverseMatch, reverse

from secretariat.accounts.roles import ROLE_LABELS, Role, user_roles
from secretariat.organizations.models import Body

# The staff menu: each feature's start page by URL name, and who may open it (None: everyone logged in). A role is
# offered only what answers it with a page, never a 403 (issue 12; tests/security/test_menus.py follows every link).
# Entries whose URL does not exist are left out.
STAFF = frozenset({Role.SAKSBEHANDLER, Role.FAGLEDER, Role.KOMMUNEDIREKTOR})
STAFF_NAV = [
    ("Oversikt", "staff:dashboard", None),
    ("Saker", "cases:list", None),
    ("Møter", "meetings:list", None),
    ("Oppfølging", "followups:dashboard", STAFF),
    ("Vielser", "weddings:list", STAFF),
    ("Oppnevninger", "appointments:list", STAFF),
    ("Valg", "elections:list", STAFF),
    ("Dokumentmaler", "documents:templates", STAFF),
    ("Møteplan", "calendars_staff:plans", None),
    ("Roller", "staff:roles", frozenset({Role.FAGLEDER})),
]


def _nav(roles=frozenset()):
    items = []
    for label, name, may_open in STAFF_NAV:
        if may_open is not None and not (may_open & roles):
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
        "staff_nav": _nav(roles) if user is not None and user.is_authenticated else [],
    }
