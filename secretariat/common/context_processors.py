from django.urls import NoReverseMatch, reverse

from secretariat import access
from secretariat.accounts.roles import ROLE_LABELS, Role, user_roles
from secretariat.organizations.models import Body

# The staff menu: each feature's start page by URL name; entries whose URL does not exist are left out.
STAFF_NAV = [
    ("Oversikt", "staff:dashboard"),
    ("Saker", "cases:list"),
    ("Møter", "meetings:list"),
    ("Oppfølging", "followups:dashboard"),
    ("Vielser", "weddings:list"),
    ("Oppnevninger", "appointments:list"),
    ("Valg", "elections:list"),
    ("Dokumentmaler", "documents:templates"),
    ("Møteplan", "calendars_staff:plans"),
]


# Entries shown only to those the access policy lets use them (the rest would answer 403).
GUARDED_NAV = {
    "weddings:list": access.can_handle_weddings,
    "appointments:list": access.can_handle_appointments,
}

# Shown only to the roles that may use them.
ROLE_NAV = [
    ("Roller", "staff:roles", Role.FAGLEDER),
]


def _nav(user, roles=frozenset()):
    entries = [(label, name) for label, name in STAFF_NAV if name not in GUARDED_NAV or GUARDED_NAV[name](user)]
    entries += [(label, name) for label, name, role in ROLE_NAV if role in roles]
    items = []
    for label, name in entries:
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
