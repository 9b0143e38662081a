"""`{% case_followups case %}` on the case page: each final decision's follow-ups and lovlighetskontroll clock."""

from django import template

from secretariat import access
from secretariat.accounts.roles import is_staff_member

from .. import selectors, services

register = template.Library()


@register.inclusion_tag("followups/_case_followups.html", takes_context=True)
def case_followups(context, case):
    user = context["request"].user
    if not is_staff_member(user):
        return {"decisions": []}
    rows = []
    for decision in selectors.decisions_for_case(case):
        followups = list(decision.followups.all())
        final = services.decision_is_final(decision)
        if final or followups:
            rows.append({"decision": decision, "followups": followups, "is_final": final,
                         "legality": selectors.legality_info(decision)})
    return {"decisions": rows, "can_create": access.can_manage_followups(user), "request": context["request"]}
