"""{% load archive %}{% case_archive case %} / {% meeting_archive meeting %}: what the kommune's archive has of a
case or a meeting (saksnummer, each document's journalpost number, messages waiting, sent or refused with the
reason), for staff pages. Shows labels only ("Saksframlegg", "Særutskrift PS 3/26"), never a title."""

from django import template

from secretariat import access
from secretariat.accounts.roles import is_staff_member
from secretariat.archive import services
from secretariat.archive.models import ArchiveMessageKind

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("archive/_messages.html", takes_context=True)
def case_archive(context, case):
    user = _user(context)
    if user is None or not is_staff_member(user) or case is None:
        return {"show": False}
    messages = services.case_messages(case)
    folder = next((m for m in messages if m.kind == ArchiveMessageKind.SAKSMAPPE), None)
    # The archive's reasons may quote what was sent: only for those who may read the whole case.
    return {"show": bool(messages), "messages": messages, "heading": "Arkivet", "anchor": "arkivet-sak",
            "saksnummer": folder.saksnummer_label if folder else "", "is_case": True,
            "show_reasons": access.can_view_case_content(user, case)}


@register.inclusion_tag("archive/_messages.html", takes_context=True)
def meeting_archive(context, meeting):
    user = _user(context)
    if user is None or not is_staff_member(user) or meeting is None:
        return {"show": False}
    messages = services.meeting_messages(meeting)
    # The archive's reasons may quote what was sent (closed items too): the secretariat's, who sent it.
    return {"show": bool(messages), "messages": messages, "heading": "Arkivet (møtemappe)",
            "anchor": "arkivet-mote", "is_case": False, "show_reasons": access.is_secretariat(user)}
