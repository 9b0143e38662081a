"""Demo data for the live meeting (issue 16): the next formannskap meeting is under way in møtemodus – notice sent,
attendance registered, the first item under treatment with the innstilling as proposal 1 – and two more members
of formannskapet can log in (folkevalgt2, folkevalgt3; the demo password), so that the fagleder in one window and
two members in others can run a vote. Formannskapet's reglement lists who spoke in the protokoll. Idempotent."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from secretariat.accounts.roles import Role, assign_role
from secretariat.demo.core import DEMO_PASSWORD
from secretariat.meetings import services as meeting_services
from secretariat.meetings.models import MeetingLive
from secretariat.organizations.models import Membership, MembershipRole
from workflows.engine import run_transition

from .models import LiveSettings

EXTRA_MEMBERS = ("folkevalgt2", "folkevalgt3")


def seed(ctx) -> None:
    fsk = ctx.organizations.get("formannskapet")
    meeting = (ctx.meetings.get("upcoming") or {}).get("formannskapet")
    if fsk is None or meeting is None:
        return
    LiveSettings.objects.get_or_create(organization=fsk, defaults={"speakers_in_minutes": True,
                                                                   "speaking_time_seconds": 180})
    Group.objects.get(name=Role.FAGLEDER.value).permissions.add(
        *Permission.objects.filter(content_type__app_label="live", codename__endswith="livesettings"))
    _member_users(ctx, fsk)
    meeting.refresh_from_db()
    fagleder = ctx.users["fagleder"]
    if meeting.state == "planlagt" and meeting.agenda_items.exists():
        run_transition(meeting, "send_notice", actor=fagleder, comment="Demodata",
                       override_reason="Demodata: møtet vises direkte")
        meeting.refresh_from_db()
    if meeting.state != "innkalt":
        return
    if not meeting.attendances.exists():
        meeting_services.attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    live = MeetingLive.objects.filter(meeting=meeting).first()
    first = meeting.agenda_items.filter(consultation__isnull=False).order_by("position").first()
    if first is not None and (live is None or live.current_item_id is None):
        meeting_services.live_set_current_item(actor=fagleder, meeting=meeting, item=first)
        meeting_services.proposal_recommendation(actor=fagleder, item=first)


def _member_users(ctx, fsk) -> None:
    User = get_user_model()
    regular = (Membership.objects.filter(organization=fsk, end_date__isnull=True)
               .exclude(role=MembershipRole.SUBSTITUTE).select_related("person").order_by("pk"))
    free = [m.person for m in regular if m.person.user_id is None]
    for username, person in zip(EXTRA_MEMBERS, free, strict=False):
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.first_name, user.last_name, user.email = person.given_name, person.family_name, person.email
            user.set_password(DEMO_PASSWORD)
            user.save()
            assign_role(user, Role.FOLKEVALGT)
            person.user = user
            person.save(update_fields=["user"])
        ctx.users[username] = user
