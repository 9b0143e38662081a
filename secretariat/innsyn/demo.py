"""Demo data for the public portal: the "Slik kan du påvirke" text, a høring, and video links with
per-item start times on the past meetings. Idempotent: looks up before it creates or changes."""

from __future__ import annotations

import datetime as dt

from secretariat import access
from secretariat.meetings.models import AgendaItem, Meeting
from workflows.actions import AuditAction
from workflows.engine import audit

from .models import Hearing, InfluencePage

INTRO = (
    "Politikerne i Fjordvik bestemmer over skoler, veger, eldreomsorg og mye mer. Du kan påvirke det de "
    "bestemmer – før saken blir behandlet, i møtet og etterpå."
)
CONTACT = (
    "Ta kontakt med politikerne direkte. Skriv til dem på e-post, eller ring partigruppene. Det er lurt å ta "
    "kontakt før saken skal behandles: se sakslisten for neste møte i møtekalenderen."
)
QUESTION_TIME = (
    "Før hvert møte i kommunestyret er det åpen spørretime. Da kan alle som bor i kommunen, stille spørsmål "
    "til ordføreren eller politikerne. Meld fra til politisk sekretariat senest tre dager før møtet, på "
    "postmottak@fjordvik.kommune.no eller telefon 55 00 00 00."
)
CITIZEN_PROPOSAL = (
    "Du kan be kommunestyret ta opp en sak. Skriv forslaget, samle underskrifter på papir eller digitalt, og "
    "send det til kommunen. Forslaget må gjelde kommunens egen virksomhet."
)
HEARINGS_INTRO = "Når kommunen lager planer og regler, kan alle si sin mening før de blir vedtatt."

HEARING_TITLE = "Kommuneplanens arealdel 2027–2039 – offentlig ettersyn"
VIDEO_BASE = "https://kommunetv.example.no/fjordvik"


def seed(ctx) -> None:
    if not InfluencePage.objects.exists():
        InfluencePage.objects.create(intro=INTRO, contact_politicians=CONTACT, question_time=QUESTION_TIME,
                                     citizen_proposal=CITIZEN_PROPOSAL, hearings_intro=HEARINGS_INTRO,
                                     updated_by=ctx.users.get("fagleder"))
    if not Hearing.objects.filter(title=HEARING_TITLE).exists():
        Hearing.objects.create(
            title=HEARING_TITLE,
            summary=("Kommunen foreslår hvor det kan bygges boliger, næring og hytter de neste tolv årene, og hvilke "
                     "områder som skal vernes. Forslaget gir plass til 400 nye boliger nær sentrum."),
            organization=ctx.organizations.get("plan-teknikk-miljo"),
            url="https://www.fjordvik.kommune.no/horinger/arealdel",
            how_to_respond="Send innspill på e-post til postmottak@fjordvik.kommune.no. Merk e-posten «Arealdelen».",
            opens=ctx.today - dt.timedelta(days=7), deadline=ctx.today + dt.timedelta(days=35),
        )
    for slug, meeting in (ctx.meetings.get("past") or {}).items():
        _video(ctx, meeting, slug)
    _kommunestyre_agenda(ctx)


# Cases for the next kommunestyre meeting, so the portal's "Dette skal kommunestyret behandle" has content.
# Added only when no other demo module has put anything on that agenda.
KS_CASES = [
    ("26/1201", "Reguleringsplan for Fjordvik sentrum", "Plan og utvikling",
     "Planen bestemmer hva som kan bygges i sentrum. Forslaget gir plass til 150 nye leiligheter, en ny "
     "park ved kaia og færre parkeringsplasser i gatene."),
    ("26/1202", "Ny brannstasjon på Nordneset", "Kommunalteknikk",
     "Brannstasjonen er gammel og for liten. Forslaget er å bygge en ny stasjon på Nordneset for 48 millioner "
     "kroner, slik at brannbilen kommer raskere fram i hele kommunen."),
]


def _kommunestyre_agenda(ctx) -> None:
    from secretariat.cases.models import Case
    from secretariat.cases.services import case_create, case_transition
    from secretariat.meetings.services import agenda_item_add

    meeting = (ctx.meetings.get("upcoming") or {}).get("kommunestyret")
    if meeting is None or (meeting.agenda_items.exists() and not Case.objects.filter(
            arkivsaksnummer__in=[c[0] for c in KS_CASES]).exists()):
        return
    organization = ctx.organizations["kommunestyret"]
    for arkiv, title, unit, summary in KS_CASES:
        if Case.objects.filter(arkivsaksnummer=arkiv).exists():
            continue
        officer = ctx.users["saksbehandler"]
        case = case_create(
            actor=officer, organization=organization, arkivsaksnummer=arkiv, title=title, case_officer=officer,
            responsible_unit=ctx.units.get(unit), summary=summary,
            background=f"Bakgrunn for saken «{title}».",
            assessment="Kommunedirektøren har vurdert alternativene og anbefaler forslaget.",
            economic_consequences="Tiltaket er innarbeidet i økonomiplanen.",
            recommendation=f"Kommunestyret vedtar forslaget til {title[:1].lower() + title[1:]}.",
        )
        case_transition(case=case, name="submit", actor=officer, comment="Klar for godkjenning.")
        case.refresh_from_db()
        case_transition(case=case, name="approve", actor=ctx.users["kommunedirektor"],
                        comment="Forsvarlig utredet (koml. § 13-1).")
        case.refresh_from_db()
        agenda_item_add(actor=ctx.users["fagleder"], meeting=meeting, case=case)
    meeting.refresh_from_db()
    # Publish the agenda: the digest and the feeds show it from the notice on.
    if meeting.state == "planlagt" and meeting.agenda_items.exists():
        from workflows.engine import run_transition

        run_transition(meeting, "send_notice", actor=ctx.users["fagleder"], comment="Demodata",
                       override_reason="Demodata")


def _video(ctx, meeting: Meeting, slug: str) -> None:
    meeting.refresh_from_db()
    actor = ctx.users.get("fagleder")
    if not meeting.video_url:
        url = f"{VIDEO_BASE}/{slug}/{meeting.start:%Y-%m-%d}"
        Meeting.objects.filter(pk=meeting.pk).update(video_url=url)
        audit(meeting, actor=actor, action=AuditAction.CHANGED, action_label="Videolenke lagt inn (demodata)",
              changes={"video_url": url})
    offset = 6 * 60  # the first item starts after the opening and the roll call
    for item in AgendaItem.objects.filter(meeting=meeting).order_by("position"):
        if item.video_offset_seconds is None and access.video_moment_is_public(item):
            AgendaItem.objects.filter(pk=item.pk).update(video_offset_seconds=offset)
        offset += 17 * 60 + 35 * (item.position % 3)
