from django.urls import NoReverseMatch, reverse

from secretariat import access
from secretariat.accounts.roles import ROLE_LABELS, user_roles
from secretariat.organizations.models import Body

# The staff menu: each feature's start page by URL name, and who may open it. A role is offered only what answers
# it with a page, never a 403 (issue 12; tests/security/test_menus.py follows every link as each role).
# `who`: None (everyone logged in) or a rule of the access policy (user -> bool): the menu asks the same rule as
# the page it links to.
# Entries whose URL does not exist are left out.
STAFF_NAV = [
    ("Oversikt", "staff:dashboard", None),
    ("Saker", "cases:list", None),
    ("Møter", "meetings:list", None),
    ("Oppfølging", "followups:dashboard", access.is_staff),
    ("Vielser", "weddings:list", access.can_handle_weddings),
    ("Oppnevninger", "appointments:list", access.can_handle_appointments),
    ("Delegerte vedtak", "delegations:list", access.is_secretariat),
    ("Valg", "elections:list", access.is_staff),
    ("Valgperiode", "term:index", access.is_secretariat),
    ("Dokumentmaler", "documents:templates", access.is_staff),
    ("Møteplan", "calendars_staff:plans", None),
    ("Roller", "staff:roles", access.is_secretariat),
    ("Mine sider", "members:home", access.is_portal_user),
    ("Permisjoner", "leave_staff:list", access.is_secretariat),
    ("Godtgjøring", "remuneration:index", access.can_use_remuneration),
    ("Opplæring", "training:list", access.is_staff_or_folkevalgt),
]


def _may_open(who, user) -> bool:
    return who is None or who(user)


def _nav(user):
    items = []
    for label, name, who in STAFF_NAV:
        if not _may_open(who, user):
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
        "staff_nav": _nav(user) if user is not None and user.is_authenticated else [],
    }
