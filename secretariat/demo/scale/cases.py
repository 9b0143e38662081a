"""seed_scale: cases, consultations, agenda items and decisions."""

from __future__ import annotations

import bisect
import datetime as dt

from secretariat.cases.models import Case, CasePaper, Consultation
from secretariat.meetings.models import (
    AgendaCounter,
    AgendaItem,
    AgendaItemKind,
    ClosedBasis,
    Decision,
)
from workflows.case import CaseState

from ..scale_text import CLOSED_MARKER, EXEMPT_MARKER, RARE_WORD, SECTION_MARKER
from .config import BATCH, EXEMPT_BASES, HELD


class CasesMixin:
    # --- cases, consultations, agenda items, decisions ----------------------------------------------------------

    def _case_final_state(self, decided: dt.datetime) -> str:
        age = (self.now - decided).days
        r = self.rng.random()
        if age > 365:
            return CaseState.AVSLUTTET if r < 0.85 else CaseState.I_OPPFOLGING if r < 0.95 else CaseState.VEDTATT
        return CaseState.VEDTATT if r < 0.3 else CaseState.I_OPPFOLGING if r < 0.9 else CaseState.AVSLUTTET

    def _cases(self) -> None:
        n_cases = self.size.cases
        n_pending = max(5, n_cases * 6 // 100)
        cases, papers, plans = [], [], []
        pending_states = [CaseState.UTREDNING, CaseState.TIL_GODKJENNING, CaseState.KLAR]
        serial: dict[int, int] = {}
        for i in range(n_cases):
            pending = i >= n_cases - n_pending
            if pending:
                created = self.now - dt.timedelta(days=self.rng.randint(1, 120))
                path = [self.rng.choice(self.organizations)]
                meetings_ = []
            else:
                m1 = self.rng.choice(self.usable)
                created = m1.start - dt.timedelta(days=self.rng.randint(20, 90))
                meetings_ = [m1]
                org = m1.organization
                if (org.next_organization_id == self.ks.pk and m1.state in HELD and self.rng.random() < 0.78):
                    k = bisect.bisect_left(self.ks_starts, m1.start + dt.timedelta(days=7))
                    if k < len(self.ks_meetings):
                        meetings_.append(self.ks_meetings[k])
                path = [m.organization for m in meetings_]
            if pending:
                state = self.rng.choice(pending_states)
                updated = created
            else:
                last = meetings_[-1]
                if last.state not in HELD:
                    state = CaseState.SATT_OPP
                elif self.rng.random() < 0.01:
                    state = CaseState.TRUKKET
                else:
                    state = self._case_final_state(last.start)
                updated = min(last.start + dt.timedelta(days=1), self.now)
            year = created.year
            serial[year] = serial.get(year, 0) + 1
            title = self.text.title(year)
            exempt = self.rng.random() < 0.03
            case = Case(arkivsaksnummer=f"{year % 100:02d}/{serial[year]}", title=title, exempt=exempt,
                        case_officer=self.rng.choice(self.officers), responsible_unit=self.rng.choice(self.units),
                        created_at=created, updated_at=updated, state=state)
            case.last_sequence = len(path)
            paper = self.text.paper(title, year)
            if exempt:
                case.exempt_basis = self.rng.choice(EXEMPT_BASES)
                case.public_title = self.text.exempt_public_title()
                paper["background"] += f" {EXEMPT_MARKER}: opplysninger om personlige forhold."
                paper["summary"] += f" {EXEMPT_MARKER}."
            exempt_sections = []
            if not exempt and self.rng.random() < 0.02:
                exempt_sections = ["assessment"]
                paper["assessment"] += f" {SECTION_MARKER}: forretningsforhold hos tilbyderen."
            if i % 3000 == 7:
                paper["background"] += f" Tiltaket gjelder også {RARE_WORD}."
            cases.append(case)
            papers.append(CasePaper(case=case, exempt_sections=exempt_sections, updated_at=created, **paper))
            plans.append((meetings_, path, pending))
        Case.objects.bulk_create(cases, batch_size=BATCH)
        for p in papers:
            p.case_id = p.case.pk
        CasePaper.objects.bulk_create(papers, batch_size=BATCH)
        self.cases = cases
        self.papers = {p.case_id: p for p in papers}
        self._log(f"{len(cases)} saker")

        consultations, items_by_meeting = [], {}
        for case, (meetings_, path, pending) in zip(cases, plans, strict=False):
            if pending:
                consultations.append(Consultation(case=case, organization=path[0], sequence=1,
                                                  created_at=case.created_at))
                continue
            for seq, (meeting, org) in enumerate(zip(meetings_, path, strict=False), start=1):
                final = seq == len(path)
                c = Consultation(case=case, organization=org, sequence=seq, created_at=case.created_at,
                                 authoritative=final and (org.pk == self.ks.pk or len(path) == 1),
                                 recommendation=self.papers[case.pk].recommendation,
                                 recommendation_source="Kommunedirektøren" if seq == 1 else path[seq - 2].name,
                                 recommendation_approved_by=self.kd,
                                 recommendation_approved_at=case.created_at + dt.timedelta(days=10))
                consultations.append(c)
                items_by_meeting.setdefault(meeting.pk, []).append(c)
        Consultation.objects.bulk_create(consultations, batch_size=BATCH)
        self.counts["consultations"] = len(consultations)
        self._log(f"{len(consultations)} behandlinger")

        items, counters = [], {}
        rs_share = 0.1
        for meeting in self.meetings:
            todo = list(items_by_meeting.get(meeting.pk, []))
            extra = sum(1 for _ in todo if self.rng.random() < rs_share)
            year = meeting.start.year
            position = 0
            for c in todo + [None] * extra:
                position += 1
                kind = AgendaItemKind.PS if c is not None else self.rng.choice([AgendaItemKind.RS, AgendaItemKind.OS])
                key = (meeting.organization_id, kind, year)
                number = None
                if kind != AgendaItemKind.OS:
                    counters[key] = counters.get(key, 0) + 1
                    number = counters[key]
                if c is not None:
                    case = c.case
                    title = case.title
                    public_title = case.public_title if case.exempt else ""
                else:
                    title = self.text.title(year).replace("Reguleringsplan", "Melding om reguleringsplan")
                    title = "Referatsak: " + title if kind == AgendaItemKind.RS else "Orientering: " + title
                    public_title = ""
                item = AgendaItem(meeting=meeting, organization_id=meeting.organization_id, consultation=c, kind=kind,
                                  number=number, year=year, position=position, title=title[:250],
                                  public_title=public_title)
                if c is not None and self.rng.random() < 0.02:
                    item.closed = True
                    item.closed_basis = self.rng.choice(list(ClosedBasis))
                    self.papers[c.case.pk].background += f" {CLOSED_MARKER}: drøftet for lukkede dører."
                if meeting.video_url:
                    item.video_offset_seconds = position * 600
                items.append(item)
        AgendaItem.objects.bulk_create(items, batch_size=BATCH)
        AgendaCounter.objects.bulk_create([AgendaCounter(organization_id=o, kind=k, year=y, last_number=n)
                                           for (o, k, y), n in counters.items()], batch_size=BATCH)
        CasePaper.objects.bulk_update([p for p in self.papers.values() if CLOSED_MARKER in p.background],
                                      ["background"], batch_size=BATCH)
        self.items = items
        self.counts["agenda_items"] = len(items)
        self._log(f"{len(items)} saker på sakslister")

        decisions = []
        for item in items:
            if item.consultation is None or item.meeting.state not in HELD:
                continue
            case = item.consultation.case
            if case.state == CaseState.TRUKKET and item.consultation.sequence == case.last_sequence:
                continue  # withdrawn in the meeting: no decision on its last item
            text = self.text.decision(item.year)
            if case.exempt:
                text += f" {EXEMPT_MARKER}: vilkår for den enkelte."
            if item.closed:
                text += f" {CLOSED_MARKER}: vedtak i lukket møte."
            unanimous = self.rng.random() < 0.7
            decided = item.meeting.start + dt.timedelta(hours=1, minutes=item.position * 5)
            decisions.append(Decision(consultation=item.consultation, agenda_item=item, text=text,
                                      unanimous=unanimous, decided_at=decided, created_at=decided,
                                      vote_summary="" if unanimous else "Vedtatt mot stemmene fra opposisjonen."))
        Decision.objects.bulk_create(decisions, batch_size=BATCH)
        self.decisions = decisions
        self.counts["decisions"] = len(decisions)
        self.counts["cases"] = len(cases)
        self._log(f"{len(decisions)} vedtak")
