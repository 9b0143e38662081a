"""Who hears about a case step (the task in tasks.py sends it, queued after commit by `on_case_transition`)."""

from __future__ import annotations

from secretariat import access
from workflows.case import CASE_WORKFLOW

# transition -> who is told
RECIPIENTS = {
    "submit": "approvers",
    "approve": "case_officer",
    "return_to_drafting": "case_officer",
    "send_back": "case_officer",
    "withdraw": "case_officer",
}


def recipients_for(case, transition: str) -> list[str]:
    who = RECIPIENTS.get(transition)
    if who == "case_officer":
        return [case.case_officer.email] if case.case_officer.email else []
    if who == "approvers":
        # Those who may take the next step, approving the innstilling (koml. § 13-1: the kommunedirektør or a
        # delegate): the workflow's own rule for the step, asked per user, so a superuser is told too.
        approve = CASE_WORKFLOW.transition("approve")
        return access.emails_of_users_who(lambda user: approve.allows(case, user))
    return []
