"""Writes for meetings, agendas, absence and substitutes, the live meeting and the minutes, one module per
concern. Every function validates first and changes things in one transaction with an audit row; e-mail goes
out after commit (Celery). The handlers of the meeting workflow's steps, and of the case steps taken in a
meeting (`schedule`, `decide`), are registered here, so the engine runs them whichever path takes the step.

`from secretariat.meetings.services import x` keeps working: the public names are re-exported.
"""

from .agenda import (
    agenda_item_add,
    agenda_item_add_other,
    agenda_item_check_close,
    agenda_item_close,
    agenda_item_move,
    agenda_item_remove,
    agenda_items_close_for_exemption,
    next_agenda_number,
)
from .attendance import (
    absence_confirm_substitute,
    absence_register,
    absence_require_reporter,
    attendance_arrive,
    attendance_depart,
    attendance_fill_from_notice,
    attendance_register,
    attendance_remove,
    recusal_register,
)
from .chair import chair_record
from .decisions import OUTCOME_TRANSITIONS, check_quorum, decision_update, item_decide, item_set_outcome
from .guards import BEFORE_MEETING, LIVE_STATES, LOCKED_STATES, MinutesApproved, require_fagleder
from .live import agenda_item_mark_video, live_set_current_item, meeting_set_video_start, video_started
from .meeting import (
    MEETING_FIELDS,
    meeting_cancel,
    meeting_create,
    meeting_hold,
    meeting_update,
)
from .minutes import minutes_approve, minutes_draft, minutes_update, remark_add
from .notice import meeting_check_notice, meeting_send_notice, meeting_send_supplementary_notice
from .questions import (
    question_add,
    question_answer,
    question_askers,
    question_deadline,
    question_require_asker,
    question_set_exempt,
    question_submit,
)
from .voting import (
    blank_allowed,
    proposal_add,
    proposal_recommendation,
    secret_allowed,
    vote_record,
    vote_summary,
)

__all__ = [
    "BEFORE_MEETING", "LIVE_STATES", "LOCKED_STATES", "MEETING_FIELDS", "OUTCOME_TRANSITIONS", "MinutesApproved",
    "absence_confirm_substitute", "absence_register", "absence_require_reporter", "agenda_item_add", "agenda_item_add_other",
    "agenda_item_close", "agenda_item_mark_video", "agenda_item_move", "agenda_item_remove", "attendance_arrive",
    "attendance_depart", "attendance_fill_from_notice", "attendance_register", "attendance_remove", "chair_record",
    "check_quorum",
    "decision_update", "item_decide", "item_set_outcome", "live_set_current_item", "meeting_cancel",
    "meeting_check_notice", "meeting_create", "meeting_hold",
    "meeting_send_notice", "meeting_send_supplementary_notice", "meeting_set_video_start", "meeting_update",
    "minutes_approve", "minutes_draft", "minutes_update", "next_agenda_number", "proposal_add",
    "proposal_recommendation", "question_add", "question_answer", "question_askers", "question_deadline",
    "question_require_asker", "question_set_exempt", "question_submit", "recusal_register", "remark_add",
    "require_fagleder",
    "video_started",
    # closed items (koml. § 11-5), session 19
    "agenda_item_check_close", "agenda_items_close_for_exemption", "vote_record", "vote_summary",
    "blank_allowed", "secret_allowed",  # issue 16: the live vote asks the same rule
]
