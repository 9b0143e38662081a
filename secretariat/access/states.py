"""The workflow states the access policy depends on, read from the workflow tables in `workflows/`.

The states and their properties are declared once, as data, in workflows/case.py and workflows/meeting.py; the
policy asks those tables and spells out no state itself.
"""

from __future__ import annotations

from workflows.appointment import ROUND_WORKFLOW
from workflows.case import CASE_WORKFLOW
from workflows.meeting import MEETING_WORKFLOW

# A case becomes public when it is put on an agenda whose notice has gone out (the papers are published
# with the notice, koml. § 11-3), and stays public once treated. Before that it is the administration's
# working document. On an agenda alone is not enough: the agenda's notice must have been sent.
PUBLIC_CASE_STATES = CASE_WORKFLOW.states_with("public")
CASE_STATES_PUBLIC_ONLY_WHEN_ON_PUBLISHED_AGENDA = CASE_WORKFLOW.states_with("public_when_on_published_agenda")

# A meeting whose notice has gone out: its agenda is public (koml. § 11-3).
AGENDA_PUBLIC_MEETING_STATES = MEETING_WORKFLOW.states_with("agenda_public")
# A held meeting: everything on its agenda is part of the public record.
HELD_MEETING_STATES = MEETING_WORKFLOW.states_with("held")
# Minutes are public only once the body has approved them (koml. § 11-4); a draft is never shown.
MINUTES_PUBLIC_MEETING_STATES = MEETING_WORKFLOW.states_with("minutes_public")

# dl. § 68: an appointment round's proposal is public from the start of its public display.
PROPOSAL_PUBLIC_ROUND_STATES = ROUND_WORKFLOW.states_with("proposal_public")
