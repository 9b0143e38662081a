"""The workflow states the access policy depends on — THE one block of state sets.

The lead rewires this block to the per-state properties of `workflows/` (e.g.
`MEETING_WORKFLOW.states_with("held")`) after merging; nothing else in the policy spells out states.
"""

from __future__ import annotations

from workflows.case import CaseState
from workflows.meeting import MeetingState

# ---- BEGIN state sets (the only place the access policy names states) -------------------------------

# A case becomes public when it is put on an agenda whose notice has gone out (the papers are published
# with the notice, koml. § 11-3), and stays public once treated. Before that it is the administration's
# working document. SATT_OPP alone is not enough: the agenda's notice must have been sent.
PUBLIC_CASE_STATES = frozenset(
    {
        CaseState.SATT_OPP, CaseState.BEHANDLET, CaseState.TIL_NESTE_ORGAN, CaseState.VEDTATT,
        CaseState.I_OPPFOLGING, CaseState.AVSLUTTET, CaseState.UTSATT, CaseState.SENDT_TILBAKE,
    }
)
CASE_STATES_PUBLIC_ONLY_WHEN_ON_PUBLISHED_AGENDA = frozenset({CaseState.SATT_OPP})

# A meeting whose notice has gone out: its agenda is public (koml. § 11-3).
AGENDA_PUBLIC_MEETING_STATES = frozenset(
    {
        MeetingState.INNKALT, MeetingState.GJENNOMFORT, MeetingState.PROTOKOLL_UTKAST,
        MeetingState.PROTOKOLL_GODKJENT, MeetingState.ARKIVERT,
    }
)
# A held meeting: everything on its agenda is part of the public record.
HELD_MEETING_STATES = frozenset(
    {MeetingState.GJENNOMFORT, MeetingState.PROTOKOLL_UTKAST, MeetingState.PROTOKOLL_GODKJENT, MeetingState.ARKIVERT}
)
# Minutes are public only once the body has approved them (koml. § 11-4); a draft is never shown.
MINUTES_PUBLIC_MEETING_STATES = frozenset({MeetingState.PROTOKOLL_GODKJENT, MeetingState.ARKIVERT})

# ---- END state sets ----------------------------------------------------------------------------------
