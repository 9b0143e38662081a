"""seed_scale: meetings, votes with named ballots, and minutes."""

from __future__ import annotations

import datetime as dt

from secretariat.meetings.models import (
    Ballot,
    Meeting,
    Minutes,
    Proposal,
    Vote,
)
from workflows.meeting import MeetingState

from .config import BATCH, HELD, TERMS


class MeetingsMixin:
    # --- meetings ---------------------------------------------------------------------------------------------

    def _meeting_state(self, start: dt.datetime) -> MeetingState:
        days = (start.date() - self.today).days
        r = self.rng.random()
        if r < 0.03:
            return MeetingState.AVLYST
        if days > 14:
            return MeetingState.PLANLAGT
        if days >= 0:
            return MeetingState.INNKALT if r < 0.9 else MeetingState.PLANLAGT
        if days > -14:
            return MeetingState.GJENNOMFORT
        if days > -60:
            return MeetingState.PROTOKOLL_UTKAST if r < 0.3 else MeetingState.PROTOKOLL_GODKJENT
        return MeetingState.ARKIVERT if r < 0.7 else MeetingState.PROTOKOLL_GODKJENT

    def _meetings(self) -> None:
        first = dt.date(self.today.year - 9, 1, 1)
        last = self.today + dt.timedelta(days=150)
        span = (last - first).days
        meetings = []
        for _ in range(self.size.meetings):
            org = self.rng.choices(self.organizations, weights=self.weights)[0]
            day = first + dt.timedelta(days=self.rng.randrange(span))
            if day.weekday() >= 5:
                day -= dt.timedelta(days=day.weekday() - 4)
            start = self._aware(day, self.rng.choice([9, 10, 13, 18]))
            state = self._meeting_state(start)
            m = Meeting(organization=org, start=start, end=start + dt.timedelta(hours=3),
                        location=self.rng.choice(["Kommunestyresalen", "Formannskapssalen", "Møterom Fjorden"]),
                        uid=self._uuid(), state=state, created_at=start - dt.timedelta(days=60),
                        updated_at=min(start + dt.timedelta(days=21), self.now))
            if state in HELD or state == MeetingState.INNKALT:
                m.notice_sent_at = start - dt.timedelta(days=10)
            if state == MeetingState.AVLYST:
                m.cancelled_reason = "Ingen saker til behandling."
            if state in HELD and self.rng.random() < 0.5:
                m.video_url = "https://video.storvik.kommune.no/opptak/" + str(m.uid)[:8]
            meetings.append(m)
        meetings.sort(key=lambda m: m.start)
        Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        self.meetings = meetings
        self.usable = [m for m in meetings if m.state != MeetingState.AVLYST]
        self.ks_meetings = [m for m in self.usable if m.organization_id == self.ks.pk]
        self.ks_starts = [m.start for m in self.ks_meetings]
        self.counts["meetings"] = len(meetings)
        self._log(f"{len(meetings)} møter")

    # --- votes with named ballots (kommunestyret) ----------------------------------------------------------------

    def _term_index(self, day: dt.date) -> int:
        for t, (_n, start, end) in enumerate(TERMS):
            if start <= day <= end:
                return t
        return 0 if day < TERMS[0][1] else len(TERMS) - 1

    def _votes(self) -> None:
        ks_decisions = [d for d in self.decisions if d.agenda_item.meeting.organization_id == self.ks.pk
                        and not d.agenda_item.closed]
        members = len(self.ks_members.get(0, [])) or 1
        wanted = min(len(ks_decisions), self.size.ballots // members)
        chosen = self.rng.sample(ks_decisions, wanted)
        proposals = [Proposal(agenda_item=d.agenda_item, by="Kommunedirektøren", text=d.consultation.recommendation,
                              is_recommendation=True, position=1, created_at=d.decided_at) for d in chosen]
        Proposal.objects.bulk_create(proposals, batch_size=BATCH)
        votes, ballot_plan = [], []
        for d, p in zip(chosen, proposals, strict=False):
            ms = self.ks_members[self._term_index(d.decided_at.date())]
            against_lists = set(self.rng.sample([pt.pk for pt in self.parties], 2))
            choices = ["mot" if m.electoral_list_id in against_lists else "for" for m in ms]
            v = Vote(agenda_item=d.agenda_item, proposal=p, for_count=choices.count("for"),
                     against_count=choices.count("mot"), adopted=choices.count("for") > choices.count("mot"),
                     created_at=d.decided_at)
            votes.append(v)
            ballot_plan.append(list(zip(ms, choices, strict=False)))
        Vote.objects.bulk_create(votes, batch_size=BATCH)
        ballots = [Ballot(vote=v, membership=m, choice=c)
                   for v, plan in zip(votes, ballot_plan, strict=True) for m, c in plan]
        Ballot.objects.bulk_create(ballots, batch_size=BATCH)
        self.counts["votes"] = len(votes)
        self.counts["ballots"] = len(ballots)
        self._log(f"{len(ballots)} stemmer")

    def _minutes(self) -> None:
        rows = []
        for m in self.meetings:
            if m.state in (MeetingState.PROTOKOLL_UTKAST, MeetingState.PROTOKOLL_GODKJENT, MeetingState.ARKIVERT):
                approved = m.state != MeetingState.PROTOKOLL_UTKAST
                rows.append(Minutes(meeting=m, approved_at=m.start + dt.timedelta(days=20) if approved else None,
                                    approved_by=self.fagleder if approved else None,
                                    approval_label=f"{m.organization.name} i neste møte" if approved else ""))
        Minutes.objects.bulk_create(rows, batch_size=BATCH)
