"""Who hears about a case step (the task in tasks.py sends it, queued after commit by `on_case_transition`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from secretariat.accounts.roles import Role

# transition -> who is told
RECIPIENTS = {
    "submit": "kommunedirektor",
    "approve": "case_officer",
    "return_to_drafting": "case_officer",
    "send_back": "case_officer",
    "withdraw": "case_officer",
}


def recipients_for(case, transition: str) -> list[str]:
    who = RECIPIENTS.get(transition)
    if who == "case_officer":
        return [case.case_officer.email] if case.case_officer.email else []
    if who == "kommunedirektor":
        users = get_user_model().objects.filter(groups__name=Role.KOMMUNEDIREKTOR.value, is_active=True)
        return sorted({u.email for u in users if u.email})
    return []
