"""seed_scale: follow-ups with the half-year reports, and the audit trail."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType

from secretariat.cases.models import Case
from secretariat.followups.models import FollowUp, FollowUpReport
from secretariat.meetings.models import (
    Meeting,
)
from workflows.case import CaseState
from workflows.followup import FollowUpState
from workflows.meeting import MeetingState
from workflows.models import AuditEntry

from .bulk import bulk_insert
from .config import BATCH


class FollowUpsMixin:
    # --- follow-ups, minutes ------------------------------------------------------------------------------------

    def _followups(self) -> None:
        final = {CaseState.VEDTATT, CaseState.I_OPPFOLGING, CaseState.AVSLUTTET}
        candidates = [d for d in self.decisions if d.consultation.authoritative and d.consultation.case.state in final]
        followups = []
        for n in range(min(self.size.followups, len(candidates) * 2)):
            d = candidates[n % len(candidates)] if n >= len(candidates) else self.rng.choice(candidates)
            case = d.consultation.case
            deadline = (d.decided_at + dt.timedelta(days=self.rng.randint(30, 400))).date()
            if case.state == CaseState.AVSLUTTET:
                state = FollowUpState.FULLFORT if self.rng.random() < 0.9 else FollowUpState.IKKE_GJENNOMFORT
            elif case.state == CaseState.I_OPPFOLGING:
                state = FollowUpState.PAGAR if self.rng.random() < 0.7 else FollowUpState.IKKE_STARTET
            else:
                state = FollowUpState.IKKE_STARTET
            closed = state in (FollowUpState.FULLFORT, FollowUpState.IKKE_GJENNOMFORT)
            followups.append(FollowUp(
                decision=d, organization_id=d.consultation.organization_id,
                description=self.text.followup(deadline.year), responsible_unit=case.responsible_unit,
                responsible_person=case.case_officer, deadline=deadline, created_by=self.fagleder, state=state,
                reason="Tiltaket ble ikke finansiert." if state == FollowUpState.IKKE_GJENNOMFORT else "",
                closed_at=min(self._aware(deadline, 12), self.now) if closed else None,
                created_at=d.decided_at + dt.timedelta(days=2),
                updated_at=min(self._aware(deadline, 12), self.now)))
        FollowUp.objects.bulk_create(followups, batch_size=BATCH)
        self.followups = followups
        # The kommunedirektør's half-year reports (KS: report to the political level), the last two years.
        reports = []
        for org in self.organizations[:5]:
            for half in range(4):
                end_year = self.today.year - 1 - half // 2
                start, end = ((dt.date(end_year, 7, 1), dt.date(end_year, 12, 31)) if half % 2 == 0
                              else (dt.date(end_year, 1, 1), dt.date(end_year, 6, 30)))
                reports.append(FollowUpReport(organization=org, period_start=start, period_end=end,
                                              created_by=self.kd))
        FollowUpReport.objects.bulk_create(reports)
        self.counts["followups"] = len(followups)
        self._log(f"{len(followups)} oppfølginger")

    # --- the audit trail and the generated documents -------------------------------------------------------------

    def _audit(self) -> None:
        ct_case = ContentType.objects.get_for_model(Case)
        ct_meeting = ContentType.objects.get_for_model(Meeting)
        ct_followup = ContentType.objects.get_for_model(FollowUp)
        target = self.size.audit
        rows: list[AuditEntry] = []
        actor_name = f"{self.fagleder.first_name} {self.fagleder.last_name}"

        def add(ct, obj, at, action, label, frm="", to=""):
            rows.append(AuditEntry(content_type=ct, object_id=obj.pk, object_repr=str(obj.pk), actor=self.fagleder,
                                   actor_name=actor_name, at=at, action=action, action_label=label,
                                   from_state=frm, to_state=to))

        path = [("opprettet", "Sak opprettet", "", "utredning"), ("submit", "Send til godkjenning", "utredning",
                                                                     "til_godkjenning"),
                ("approve", "Godkjenn innstillingen", "til_godkjenning", "klar"),
                ("schedule", "Sett opp på saksliste", "klar", "satt_opp"),
                ("decide", "Registrer vedtak", "satt_opp", "behandlet"),
                ("finalize", "Endelig vedtatt", "behandlet", "vedtatt"),
                ("start_follow_up", "Start oppfølging", "vedtatt", "i_oppfolging"),
                ("close", "Avslutt saken", "i_oppfolging", "avsluttet")]
        depth = {CaseState.UTREDNING: 1, CaseState.TIL_GODKJENNING: 2, CaseState.KLAR: 3, CaseState.SATT_OPP: 4,
                 CaseState.TRUKKET: 4, CaseState.VEDTATT: 6, CaseState.I_OPPFOLGING: 7, CaseState.AVSLUTTET: 8}
        for case in self.cases:
            for step, (action, label, frm, to) in enumerate(path[:depth.get(case.state, 5)]):
                add(ct_case, case, case.created_at + dt.timedelta(days=step * 7), action, label, frm, to)
        mpath = [("opprettet", "Møte opprettet", "", "planlagt"), ("send_notice", "Send innkalling", "planlagt",
                                                                   "innkalt"),
                 ("hold", "Marker som gjennomført", "innkalt", "gjennomfort"),
                 ("draft_minutes", "Lag protokollutkast", "gjennomfort", "protokoll_utkast"),
                 ("approve_minutes", "Godkjenn protokollen", "protokoll_utkast", "protokoll_godkjent"),
                 ("archive", "Arkiver", "protokoll_godkjent", "arkivert")]
        mdepth = {MeetingState.PLANLAGT: 1, MeetingState.INNKALT: 2, MeetingState.GJENNOMFORT: 3,
                  MeetingState.PROTOKOLL_UTKAST: 4, MeetingState.PROTOKOLL_GODKJENT: 5, MeetingState.ARKIVERT: 6,
                  MeetingState.AVLYST: 1}
        for m in self.meetings:
            for step, (action, label, frm, to) in enumerate(mpath[:mdepth[m.state]]):
                add(ct_meeting, m, m.created_at + dt.timedelta(days=step * 15), action, label, frm, to)
        for f in self.followups:
            add(ct_followup, f, f.created_at, "opprettet", "Oppfølging opprettet", "", "ikke_startet")
        while len(rows) < target:  # paper edits and status notes make up the rest of a real trail
            case = self.rng.choice(self.cases)
            add(ct_case, case, case.created_at + dt.timedelta(days=self.rng.randint(1, 20)), "endret",
                "Saksframlegg endret")
        rows = rows[:target]
        bulk_insert(AuditEntry, rows)
        self.counts["audit_rows"] = len(rows)
        self._log(f"{len(rows)} revisjonsspor")
