"""Reads for meetings: who takes part, the live quorum, the substitute order, and the plain data that the
notice (innkalling), the minutes (protokoll) and the public portal are built from.

This package is the meetings app's public selector API: callers use `from secretariat.meetings import selectors`
and `selectors.<name>` (or `from secretariat.meetings.selectors import <name>`), never a submodule. Split by concern:

- `people`: the body's memberships on the meeting day, `party_label`, who may sign the minutes (`signer_candidates`).
- `absences`: forfall and substitutes (koml. § 7-10): `substitute_candidates`, `next_substitute`,
  `expected_participants` (who is called), `notice_recipients`.
- `chair`: møteleder (koml. § 11-2): `Chair`, `chair_for`, `chairs_for_items`, `chair_of`, `leader_and_deputy`.
- `presence`: who takes part in each item (`present_for_item`), «Møtte for» (`met_for`, `met_for_lines`), the
  quorum (koml. § 11-9: `Quorum`, `quorum`, `quorums_at_start`), the item under treatment (`current_item`).
- `items`: plain data for agenda items, loaded in batches (`items_data`, `agenda_item_data`), the extension point
  `ItemExtra`/`ITEM_EXTRAS` (one list: apps append to it at startup), votes, outcomes and `recommended_to`.
- `notice`: `notice_data` (møteinnkalling with sakskart).
- `questions`: `questions_data` (spørsmål og interpellasjoner).
- `minutes`: `minutes_data`/`build_minutes_data` (protokoll) and `freeze` for the approved snapshot.
- `lists`: `meetings_list`, `meetings_upcoming_for_person`.
- `_common`: helpers shared by the modules above (the module is the package's own; its names are public to it):
  `attendances_for`, `has_related`, `item_exclusions`, `local_dt`.

`attendances_for` (a meeting's attendance rows, loaded once), `has_related` (a one-to-one relation that may be
missing), `item_dict` and `vote_dict` (one agenda item / vote as plain data, as `access` lets the viewer see it) are
re-exported for the meetings app's own views, API, services and demo. No `_private` name leaves its module.
"""

from ._common import attendances_for, has_related
from .absences import (
    absence_for,
    absent_for_whole_meeting,
    expected_participants,
    next_substitute,
    notice_recipients,
    substitute_candidates,
)
from .chair import CHAIR_ROLE_LABELS, Chair, able_to_lead, chair_for, chair_of, chairs_for_items, leader_and_deputy
from .items import (
    ITEM_EXTRAS,
    ItemExtra,
    agenda_item_data,
    innstilling_label,
    item_dict,
    items_data,
    lower_first,
    recommended_to,
    recommended_to_many,
    vote_dict,
)
from .lists import meetings_list, meetings_upcoming_for_person
from .minutes import build_minutes_data, freeze, minutes_data
from .notice import notice_data
from .people import meeting_day, members_of, memberships_for, party_label, signer_candidates
from .presence import (
    Quorum,
    current_item,
    met_for,
    met_for_lines,
    present_at_start,
    present_for_item,
    quorum,
    quorums_at_start,
)
from .questions import questions_data

__all__ = [
    "CHAIR_ROLE_LABELS", "ITEM_EXTRAS", "Chair", "ItemExtra", "Quorum", "attendances_for", "has_related", "item_dict",
    "vote_dict", "able_to_lead", "absence_for", "absent_for_whole_meeting", "agenda_item_data", "build_minutes_data",
    "chair_for", "chair_of", "chairs_for_items", "current_item", "expected_participants", "freeze",
    "innstilling_label", "items_data", "leader_and_deputy", "lower_first", "meeting_day", "meetings_list",
    "meetings_upcoming_for_person", "members_of", "memberships_for", "met_for", "met_for_lines", "minutes_data",
    "next_substitute", "notice_data", "notice_recipients", "party_label", "present_at_start", "present_for_item",
    "questions_data", "quorum", "quorums_at_start", "recommended_to", "recommended_to_many", "signer_candidates",
    "substitute_candidates",
]
