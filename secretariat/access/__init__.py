"""The one access policy: "may this person see this?", per object and as queryset filters.

`states.py` holds the only state sets it uses; `viewers.py` says who may ask (a user, `None` for a public
surface, `EVERYTHING` for a complete internal document) and which roles do which work (create cases, manage
follow-ups, plan elections); `policy.py` answers per object, `querysets.py`
for lists, `search.py` gives the public text a search may match; `registers.py` says who handles the
weddings and appointments registers (personal data only the secretariat handles) and who the politisk
sekretariat is (`is_secretariat`, `require_secretariat`: the pages and steps only the secretariat uses);
`recipients.py` picks the users an e-mail goes to by one of these rules (never by a group's name).
"""

from .documents import (
    agenda_items_in_public_version,
    attachment_in_public_version,
    can_view_document,
    document_is_public,
    has_public_version,
    public_version_shows_case_content,
    public_version_shows_item_content,
)
from .policy import (
    ATTACHMENT_ACTIONS,
    EXEMPT_PLACEHOLDER,
    PAPER_SECTIONS,
    agenda_is_public,
    agenda_item_is_protected,
    agenda_item_is_published,
    agenda_item_public_title,
    agenda_item_title_for,
    agenda_published_at,
    appointment_proposal_is_public,
    attachment_title_for,
    can_view_agenda_item,
    can_view_agenda_item_content,
    can_view_attachment,
    can_view_case,
    can_view_case_content,
    can_view_item_protected,
    can_view_meeting_agenda,
    can_view_minutes,
    can_view_paper_section,
    can_view_protected,
    can_view_question,
    can_view_question_content,
    can_view_section,
    case_content_is_public,
    case_content_withheld_marking,
    case_has_closed_item,
    case_has_protected_content,
    case_title_for,
    closed_item_marking,
    exempt_marking_for,
    history_for,
    is_case_public,
    is_closed,
    is_exempt,
    item_is_exempt,
    meeting_is_held,
    minutes_are_public,
    public_case_title,
    public_paper_sections,
    public_person_email,
    public_summary,
    question_exempt_marking,
    question_is_exempt,
    recommendation_for,
    summary_for,
    video_moment_is_public,
    video_offset_for,
    visible_paper_sections,
    withheld_sections,
)
from .querysets import (
    agenda_items_visible_to,
    annotate_case_has_closed_item,
    annotate_has_closed_item,
    annotate_is_public,
    cases_matching_title,
    cases_visible_to,
    decisions_of_public_cases,
    has_published_agenda_item,
    meetings_with_public_agenda,
    public_agenda_items,
    public_cases,
    published_agenda_items,
)
from .recipients import emails_of_users_who, users_who
from .registers import (
    REMUNERATION_REFUSED,
    HandlesAppointments,
    HandlesWeddings,
    IsStaff,
    PlansElections,
    appointments_page,
    can_handle_appointments,
    can_handle_weddings,
    can_use_remuneration,
    is_secretariat,
    require_secretariat,
    weddings_page,
)
from .search import (
    public_case_text_expressions,
    public_search_vector,
    refresh_public_search_vectors,
    search_config,
)
from .states import PUBLIC_CASE_STATES
from .viewers import (
    ELECTION_PLANNING_REFUSED,
    EVERYTHING,
    audience,
    can_create_cases,
    can_manage_followups,
    can_plan_elections,
    is_folkevalgt,
    is_portal_user,
    is_public_viewer,
    is_saksbehandler,
    is_staff,
    is_staff_or_folkevalgt,
    owns_case,
    reports_on_implementation,
    sees_everything,
)

__all__ = [
    "ATTACHMENT_ACTIONS", "EVERYTHING", "EXEMPT_PLACEHOLDER", "HandlesAppointments", "HandlesWeddings", "IsStaff",
    "PAPER_SECTIONS", "PUBLIC_CASE_STATES", "appointments_page", "can_handle_appointments", "can_handle_weddings",
    "weddings_page", "is_secretariat", "require_secretariat",
    # questions (issue 13): spørsmål/interpellasjoner, and items without a case that carry their own exemption
    "can_view_question", "can_view_question_content", "item_is_exempt", "question_exempt_marking",
    "question_is_exempt",
    "agenda_is_public", "agenda_item_is_protected", "agenda_item_is_published", "agenda_item_public_title",
    "agenda_item_title_for", "agenda_items_in_public_version", "agenda_items_visible_to", "agenda_published_at",
    "annotate_case_has_closed_item", "annotate_has_closed_item", "annotate_is_public", "appointment_proposal_is_public",
    "attachment_in_public_version", "attachment_title_for", "audience", "can_view_agenda_item",
    "can_view_agenda_item_content", "can_view_attachment", "can_view_case", "can_view_case_content",
    "can_view_document", "can_view_item_protected", "can_view_meeting_agenda", "can_view_minutes",
    "can_view_paper_section", "can_view_protected", "can_view_section", "case_content_is_public",
    "case_content_withheld_marking", "case_has_closed_item", "case_has_protected_content",
    "case_title_for", "cases_matching_title", "cases_visible_to", "closed_item_marking",
    "decisions_of_public_cases", "document_is_public", "exempt_marking_for", "has_published_agenda_item",
    "history_for", "is_case_public", "is_closed", "is_exempt", "is_public_viewer", "is_staff", "meeting_is_held",
    "meetings_with_public_agenda", "minutes_are_public", "public_agenda_items", "public_case_text_expressions",
    "public_search_vector", "refresh_public_search_vectors", "search_config",
    "public_case_title", "public_cases", "public_paper_sections", "public_person_email", "public_summary",
    "public_version_shows_case_content", "public_version_shows_item_content", "published_agenda_items",
    "recommendation_for", "sees_everything", "summary_for", "visible_paper_sections", "withheld_sections",
    "video_moment_is_public", "video_offset_for",
    "is_portal_user",  # the politikerportal (session 20)
    # who does which work (session 21): one home for each role rule, asked instead of has_role(...) copies
    "can_create_cases", "can_manage_followups", "can_plan_elections", "is_folkevalgt", "is_saksbehandler",
    "is_staff_or_folkevalgt",
    "owns_case", "has_public_version",
    # session 22: the pages, menus, commands and recipient lists ask these rules too
    "ELECTION_PLANNING_REFUSED", "PlansElections", "REMUNERATION_REFUSED", "can_use_remuneration",
    "emails_of_users_who", "reports_on_implementation", "users_who",
]
