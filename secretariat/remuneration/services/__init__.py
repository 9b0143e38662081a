"""Writes for godtgjøring, one module per concern: a claim and its steps (claims.py), the monthly payroll export
(payroll.py) and the corrections paid in the next export (corrections.py). The claim workflow's preconditions and
handlers are registered when this package is imported (apps.py).

`from secretariat.remuneration.services import x` keeps working: the public names are re-exported.
"""

from ..occasion import EDITABLE, HELD
from .claims import (
    APPROVED,
    MEMBER_KINDS,
    approve_unmet,
    claim_create,
    claim_discard,
    claim_line_add,
    claim_line_remove,
    claim_transition,
    claimant_person,
    deadline_of,
    discard_unmet,
    is_own_claim,
    paid_in,
    send_back_unmet,
    submit_unmet,
)
from .corrections import CLAIM_CORRECTION_KINDS, correction_add, pending_corrections
from .payroll import (
    CSV_HEADER,
    annual_summary_ensure,
    corrected_after_approval,
    export_problem,
    missing_employee_numbers,
    next_month,
    payable_lines,
    payroll_export,
    payroll_rows,
)

__all__ = [
    "APPROVED", "CLAIM_CORRECTION_KINDS", "CSV_HEADER", "EDITABLE", "HELD", "MEMBER_KINDS", "annual_summary_ensure",
    "approve_unmet", "claim_create", "claim_discard", "claim_line_add", "claim_line_remove", "claim_transition",
    "claimant_person", "corrected_after_approval", "correction_add", "deadline_of",
    "discard_unmet", "export_problem", "is_own_claim", "missing_employee_numbers", "next_month", "paid_in",
    "payable_lines", "payroll_export", "payroll_rows", "pending_corrections", "send_back_unmet", "submit_unmet",
]
