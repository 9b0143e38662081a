"""Who is asking. Every policy function takes a `user`:

- a Django user (or AnonymousUser): the roles decide (DOMAIN.md §3, BRIEF "the access policy");
- `None`: a public surface (portal, feeds, iCal, public documents, e-mail) — whoever is logged in, only
  what the public may see;
- `EVERYTHING`: the complete internal version of a document, built once and handed only to those
  `can_view_document(..., public=False)` lets have it.
"""

from __future__ import annotations

from django.utils import timezone

from secretariat.accounts.roles import Role, has_role, is_staff_member


class _Everything:
    """The audience of the internal (complete) version of a generated document."""

    pk = None
    is_authenticated = True

    def __repr__(self) -> str:
        return "EVERYTHING"


EVERYTHING = _Everything()


def audience(*, public: bool, user=None):
    """The viewer for data built either for the public (`public=True`), for one user, or complete."""
    if public:
        return None
    if user is None:
        return EVERYTHING
    return user if getattr(user, "is_authenticated", False) else None


def is_public_viewer(user) -> bool:
    return user is None or not getattr(user, "is_authenticated", False)


def sees_everything(user) -> bool:
    """Fagleder and kommunedirektør (and superusers, who have every role) see all protected content."""
    if user is EVERYTHING:
        return True
    return user is not None and has_role(user, Role.FAGLEDER, Role.KOMMUNEDIREKTOR)


def is_staff(user) -> bool:
    """The administration: every saksbehandler, fagleder and kommunedirektør."""
    if user is EVERYTHING:
        return True
    return user is not None and is_staff_member(user)


def is_folkevalgt(user) -> bool:
    return user is not None and user is not EVERYTHING and has_role(user, Role.FOLKEVALGT)


def is_saksbehandler(user) -> bool:
    """A case officer (saksbehandler): the cases she drafts are hers to act on."""
    return user is not None and user is not EVERYTHING and has_role(user, Role.SAKSBEHANDLER)


def is_staff_or_folkevalgt(user) -> bool:
    """The internal pages of meetings and questions: the administration and the elected members, not the public."""
    return is_staff(user) or is_folkevalgt(user)


# --- who does which work (asked by the apps' views and services; superusers have every role) ---------------------

def can_create_cases(user) -> bool:
    """Who opens a new case: the saksbehandlere (who draft it) and the politisk sekretariat; not the
    kommunedirektør, who approves the innstilling (koml. § 13-1), not a folkevalgt."""
    return user is not None and has_role(user, Role.SAKSBEHANDLER, Role.FAGLEDER)


def can_manage_followups(user) -> bool:
    """Who runs the follow-up of decisions (vedtaksoppfølging): creates follow-ups, writes status notes on any of
    them, makes the oppfølgingsrapport, and registers a lovlighetskontroll demand, a postponement and its outcome
    (koml. § 27-1). The kommunedirektør answers for carrying decisions out (koml. § 13-1); the politisk sekretariat
    keeps the register. Not `sees_everything`: the same roles today, but a different question."""
    return user is not None and has_role(user, Role.FAGLEDER, Role.KOMMUNEDIREKTOR)


ELECTION_PLANNING_REFUSED = ("Bare politisk sekretariat og saksbehandlerne som forbereder valget kan endre "
                             "valgprosjekter.")


def can_plan_elections(user) -> bool:
    """Who creates and changes election projects and their tasks (the valgstyre's plan): the politisk sekretariat
    and the saksbehandlere who prepare the election; the kommunedirektør reads them like other staff. The services
    refuse everyone else, the pages that only change a plan answer them 403, and the reading pages offer them no
    button or link to a change (secretariat/elections/views.py)."""
    return user is not None and has_role(user, Role.FAGLEDER, Role.SAKSBEHANDLER)


def reports_on_implementation(user) -> bool:
    """The kommunedirektør (or a delegate): answers to the council for carrying its decisions out and reports on it
    (koml. § 13-1), so she is the one sent the weekly summary of open and overdue follow-ups. Not
    `can_manage_followups`: the secretariat keeps the register, but the summary is the kommunedirektør's."""
    return user is not None and user is not EVERYTHING and has_role(user, Role.KOMMUNEDIREKTOR)


def is_portal_user(user) -> bool:
    """A folkevalgt with a person: who the politikerportal (/folkevalgt/) is for. Private notes are theirs alone."""
    return is_folkevalgt(user) and getattr(user, "person", None) is not None


def owns_case(user, case) -> bool:
    return (user is not None and user is not EVERYTHING and case is not None
            and has_role(user, Role.SAKSBEHANDLER) and case.case_officer_id == user.pk)


def active_organization_ids(user) -> set[int]:
    """The bodies where a folkevalgt has a membership active today (Membership.objects.active_on, the one rule of
    an active membership: a fritak dated ahead ends it on that day, not when it is approved; memoised on the user
    for the request)."""
    if not is_folkevalgt(user):
        return set()
    cached = getattr(user, "_saksgang_org_ids", None)
    if cached is None:
        person = getattr(user, "person", None)
        cached = set() if person is None else set(
            person.memberships.active_on(timezone.localdate()).values_list("organization_id", flat=True))
        user._saksgang_org_ids = cached
    return cached
