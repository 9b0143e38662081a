"""Writes (and the reads they share) for appointment rounds, their candidates and the proposal case. Each write
validates first and changes everything in one transaction with an audit row (workflows.engine.audit).

Callers use the names below, `from secretariat.appointments import services` / `services.<name>`; the submodules
are where each concern lives:

- `rounds`: rounds and pools: round_create, round_set_pool_sizes, round_add_pool (MAX_POOL_SIZE), round_transition.
- `handlers`: the handlers of ROUND_WORKFLOW's steps (close_call, check_candidates, propose, start_display, elect,
  report), registered once when this package is imported (the app's ready() imports it).
- `candidates`: candidates and their eligibility: candidate_submit_public (the public call), candidate_register,
  candidate_update, candidate_apply_check, candidate_assign_pool; CANDIDATE_FIELDS, PUBLIC_FIELDS.
- `balance`: the proposal's pools: round_proposal_problems, round_balance (AGE_GROUPS).
- `proposal`: the proposal as a case: proposal_lines, proposal_paper (RULE_LABELS), round_case_create.
- `deadlines`: deadlines and clocks: DEFAULT_DEADLINES, deadline_setting, default_deadlines, election_year,
  round_election_date, round_deadline_warnings, round_display_status (the public display, dl. § 68).
- `_common`: shared by the submodules: S (RoundState), CANDIDATE_EDIT_STATES, PROPOSAL_STATES, and the
  package's own helpers require_appointments_handler and active_organization_of_type.

Fritak and supplering of members (membership_change_*) live in secretariat.appointments.changes.
"""

from . import handlers  # noqa: F401  registers the handlers of the round workflow's steps
from ._common import CANDIDATE_EDIT_STATES, PROPOSAL_STATES, S
from .balance import AGE_GROUPS, round_balance, round_proposal_problems
from .candidates import (
    CANDIDATE_FIELDS,
    PUBLIC_FIELDS,
    candidate_apply_check,
    candidate_assign_pool,
    candidate_register,
    candidate_submit_public,
    candidate_update,
)
from .deadlines import (
    DEFAULT_DEADLINES,
    deadline_setting,
    default_deadlines,
    election_year,
    round_deadline_warnings,
    round_display_status,
    round_election_date,
)
from .proposal import RULE_LABELS, proposal_lines, proposal_paper, round_case_create
from .rounds import MAX_POOL_SIZE, round_add_pool, round_create, round_set_pool_sizes, round_transition

__all__ = [
    "AGE_GROUPS", "CANDIDATE_EDIT_STATES", "CANDIDATE_FIELDS", "DEFAULT_DEADLINES", "MAX_POOL_SIZE", "PROPOSAL_STATES",
    "PUBLIC_FIELDS", "RULE_LABELS", "S", "candidate_apply_check", "candidate_assign_pool", "candidate_register",
    "candidate_submit_public", "candidate_update", "deadline_setting", "default_deadlines", "election_year",
    "proposal_lines", "proposal_paper", "round_add_pool", "round_balance", "round_case_create", "round_create",
    "round_deadline_warnings", "round_display_status", "round_election_date", "round_proposal_problems",
    "round_set_pool_sizes", "round_transition",
]
