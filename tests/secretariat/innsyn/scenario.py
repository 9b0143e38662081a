"""A small public-portal world a reader can hold in their head, built through the real services.

- `public`: a case decided by kommunestyret in a past meeting with video, a vote and a kort fortalt;
- `upcoming`: a case on the agenda of an upcoming kommunestyre meeting;
- `exempt`: an exempt case on the same agenda (only its public title may show);
- `closed`: a case treated behind closed doors and decided (no content may show);
- `draft`: a case still being drafted (not public at all).
Every secret string contains MARKER so a leak test can look for it anywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from secretariat.cases.services import case_transition
from secretariat.meetings.models import AgendaItem, Decision, Meeting
from secretariat.meetings.services import agenda_item_add, agenda_item_close, meeting_create
from tests.helpers import case_in_state, decide_in_meeting, new_case

MARKER = "HEMMELIGXQZ"
SECRETS = {
    "exempt_title": f"Oppsigelse av {MARKER}TITTEL Hansen",
    "exempt_summary": f"Arbeidsforholdet til {MARKER}SAMMENDRAG er avsluttet.",
    "exempt_background": f"Personalopplysninger {MARKER}BAKGRUNN.",
    "exempt_recommendation": f"Formannskapet godkjenner {MARKER}INNSTILLING.",
    "closed_summary": f"Forhandlingsposisjon {MARKER}LUKKET om tomtepris.",
    "closed_decision": f"Kommunestyret godtar prisen {MARKER}VEDTAK.",
    "closed_background": f"Bakgrunn {MARKER}LUKKETBAKGRUNN.",
    "draft_title": f"Utkast {MARKER}UTKAST til ny plan",
    "partly_exempt_assessment": f"Vurdering {MARKER}UNNTATTAVSNITT med forretningshemmeligheter.",
}
PUBLIC_SUMMARY = "Kommunen vil bygge en ny barnehage på Nordneset. Den gir plass til 80 barn fra 2028."
PUBLIC_DECISION = "Kommunestyret vedtar å bygge barnehagen på Nordneset."
VIDEO_URL = "https://www.youtube.com/watch?v=fjordvikks"


@dataclass
class Portal:
    public: object
    upcoming: object
    exempt: object
    closed: object
    draft: object
    past_meeting: Meeting
    upcoming_meeting: Meeting
    public_item: AgendaItem
    closed_item: AgendaItem


def _start(days: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(18)))


def build_portal(*, organization, officer, fagleder, kommunedirektor) -> Portal:
    people = {"organization": organization, "officer": officer, "fagleder": fagleder,
              "kommunedirektor": kommunedirektor}
    past = meeting_create(actor=fagleder, organization=organization, start=_start(-10), location="Kommunestyresalen")
    upcoming = meeting_create(actor=fagleder, organization=organization, start=_start(20), location="Kommunestyresalen")

    public = case_in_state("klar", title="Ny barnehage på Nordneset", summary=PUBLIC_SUMMARY,
                           assessment="Barnehagen dekker behovet for plasser i sentrum.",
                           **people)
    public_item = agenda_item_add(actor=fagleder, meeting=past, case=public)
    public.refresh_from_db()
    decide_in_meeting(public, actor=fagleder, text=PUBLIC_DECISION)
    public.refresh_from_db()
    case_transition(case=public, name="finalize", actor=fagleder)
    Decision.objects.filter(agenda_item=public_item).update(vote_summary="Vedtatt med 20 mot 7 stemmer (H, FrP).")

    closed = case_in_state("klar", title="Salg av tomt på Sjøkanten", summary=SECRETS["closed_summary"],
                           background=SECRETS["closed_background"], **people)
    closed_item = agenda_item_add(actor=fagleder, meeting=past, case=closed)
    agenda_item_close(actor=fagleder, item=closed_item, closed=True, basis="11-5-3-b")
    closed.refresh_from_db()
    decide_in_meeting(closed, actor=fagleder, text=SECRETS["closed_decision"])

    # The past meeting's video, and where each item starts in it (recorded in møtemodus).
    Meeting.objects.filter(pk=past.pk).update(video_url=VIDEO_URL)
    AgendaItem.objects.filter(pk=public_item.pk).update(video_offset_seconds=754)
    AgendaItem.objects.filter(pk=closed_item.pk).update(video_offset_seconds=2000)

    upcoming_case = case_in_state("klar", title="Nye åpningstider ved biblioteket",
                                  summary="Biblioteket får åpent til klokka 21 på torsdager.", **people)
    agenda_item_add(actor=fagleder, meeting=upcoming, case=upcoming_case)
    exempt = case_in_state("klar", title=SECRETS["exempt_title"], public_title="Personalsak", exempt=True,
                           exempt_basis="offl13_fvl13_1", summary=SECRETS["exempt_summary"],
                           background=SECRETS["exempt_background"], recommendation=SECRETS["exempt_recommendation"],
                           **people)
    agenda_item_add(actor=fagleder, meeting=upcoming, case=exempt)
    draft = new_case(organization=organization, officer=officer, title=SECRETS["draft_title"])
    # The agendas are published with the notice (koml. § 11-3).
    from secretariat.meetings import services

    past.refresh_from_db()  # the video URL was set above with .update()
    upcoming.refresh_from_db()
    services.meeting_send_notice(actor=fagleder, meeting=past, override_reason="Test: i ettertid")
    services.meeting_send_notice(actor=fagleder, meeting=upcoming)
    for obj in (public, closed, upcoming_case, exempt, draft, past, upcoming):
        obj.refresh_from_db()
    public_item.refresh_from_db()
    closed_item.refresh_from_db()
    return Portal(public=public, upcoming=upcoming_case, exempt=exempt, closed=closed, draft=draft,
                  past_meeting=past, upcoming_meeting=upcoming, public_item=public_item, closed_item=closed_item)


def approve_minutes(meeting: Meeting, *, fagleder) -> Meeting:
    """Take a past meeting through notice, meeting and approved minutes with the meetings services."""
    from secretariat.meetings import services

    if meeting.state == "planlagt":
        services.meeting_send_notice(actor=fagleder, meeting=meeting, override_reason="Test: i ettertid")
        meeting.refresh_from_db()
    services.meeting_hold(actor=fagleder, meeting=meeting)
    meeting.refresh_from_db()
    services.minutes_draft(actor=fagleder, meeting=meeting)
    meeting.refresh_from_db()
    services.minutes_approve(actor=fagleder, meeting=meeting, approval_label="Godkjent i møtet")
    meeting.refresh_from_db()
    return meeting
