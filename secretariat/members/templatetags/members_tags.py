"""`{% recusal_declarations meeting %}`: the members' advance declarations of possible inhabilitet, for the secretariat
on the meeting page and in møtemodus (the body decides, koml. § 11-10). Shown to the fagleder only."""

from django import template

from secretariat import access

from ..selectors import declarations_for

register = template.Library()


@register.inclusion_tag("members/_declarations.html", takes_context=True)
def recusal_declarations(context, meeting):
    request = context.get("request")
    user = getattr(request, "user", None)
    if not access.is_secretariat(user):
        return {"declarations": []}
    return {"declarations": declarations_for(meeting)}
