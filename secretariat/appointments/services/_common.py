"""What the service modules of this package share: the round's state names, the states in which candidates
and the proposal may change, and the one rule for who may change an appointment."""

from __future__ import annotations

from secretariat import access
from secretariat.organizations.models import Organization
from workflows.appointment import ROUND_WORKFLOW, RoundState
from workflows.errors import TransitionForbidden

S = RoundState


# States in which candidates may still be added, edited and placed in a pool.
CANDIDATE_EDIT_STATES = ROUND_WORKFLOW.states_with("candidates_editable")
PROPOSAL_STATES = ROUND_WORKFLOW.states_with("proposal_open")


def require_appointments_handler(actor) -> None:
    # The same rule as the pages and the API ask (candidates are personal data, GDPR art. 5 (1) c).
    if not access.can_handle_appointments(actor):
        raise TransitionForbidden("Bare politisk sekretariat kan endre oppnevninger.")


def active_organization_of_type(org_type: str) -> Organization | None:
    return Organization.objects.filter(organization_type=org_type, is_active=True).order_by("sort_order").first()
