"""Who may download the internal (complete) version of a document; everyone else gets the public one."""

from __future__ import annotations

from secretariat.accounts.roles import Role, has_role, is_staff_member
from secretariat.common.visibility import can_view_exempt_content


def _member_of(user, organization_id) -> bool:
    person = getattr(user, "person", None)
    if person is None:
        return False
    return person.memberships.filter(organization_id=organization_id, end_date__isnull=True).exists()


def may_see_internal(user, kind: str, obj) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if has_role(user, Role.FAGLEDER, Role.KOMMUNEDIREKTOR):
        return True
    if kind == "saksframlegg":
        if not obj.exempt:
            return is_staff_member(user) or can_view_exempt_content(user, obj)
        return can_view_exempt_content(user, obj)
    if kind in ("innkalling", "protokoll"):
        return has_role(user, Role.FOLKEVALGT) and _member_of(user, obj.organization_id)
    if kind == "saerutskrift":
        case = obj.consultation.case if obj.consultation_id else None
        if case is not None and case.case_officer_id == user.pk:
            return True
        return has_role(user, Role.FOLKEVALGT) and _member_of(user, obj.meeting.organization_id)
    # Kinds other apps add: staff see the complete version.
    return is_staff_member(user)


def may_download(user, kind: str, obj) -> bool:
    """Anyone logged in who works with Saksgang may at least get the public version."""
    return getattr(user, "is_authenticated", False) and (is_staff_member(user) or has_role(user, Role.FOLKEVALGT))


def may_get_public(user, kind, obj) -> bool:
    """The public version before publication (a draft case paper, a notice not yet sent) is for staff only."""
    return is_staff_member(user) or kind.public_allowed(obj)
