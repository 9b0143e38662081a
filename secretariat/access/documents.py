"""The access policy for generated documents: which version (public or complete internal) a person may have.

The PUBLIC VERSION of a document is what the public will see once it is published; whether it may be had yet
is `can_view_document(..., public=True)` (before publication: staff only, as a preview).
"""

from __future__ import annotations

from .policy import (
    agenda_is_public,
    agenda_item_is_protected,
    agenda_item_is_published,
    appointment_proposal_is_public,
    can_view_agenda_item_content,
    can_view_minutes,
    can_view_protected,
    case_content_is_public,
    case_has_protected_content,
    is_case_public,
    minutes_are_public,
)
from .querysets import published_agenda_items
from .registers import can_handle_appointments, can_handle_weddings, is_secretariat
from .viewers import active_organization_ids, is_folkevalgt, is_staff, sees_everything

# The kinds that have a public version at all: the papers of a political body (offl. § 16 (1): the case paper, the
# notice with sakskart, the minutes, the extract), the oppfølgingsrapport (an orienteringssak to the body), and an
# appointment list once the proposal is on display (dl. § 68). Every other kind has only its complete version:
# the vielsesrapport (the couples' personal data, the secretariat's register), one person's godtgjøringsoppgave,
# the valgstyre's evaluation, and the møteplan (nothing in it is protected: its one version is for staff, and
# its published meetings are the public calendar).
KINDS_WITH_PUBLIC_VERSION = frozenset({
    "saksframlegg", "innkalling", "tilleggsinnkalling", "protokoll", "saerutskrift", "oppfolgingsrapport",
    "oppnevning",
})


def has_public_version(kind: str) -> bool:
    """Whether documents of this kind ever have a public version (whether one may be had YET is
    `can_view_document(..., public=True)` / `document_is_public`)."""
    return kind in KINDS_WITH_PUBLIC_VERSION


def agenda_items_in_public_version(meeting, queryset):
    """The items in the public notice/minutes: once the notice has gone out, only items whose own notice has
    (a tilleggssak waits for its own); before that, the preview of everything that will go out with it."""
    return published_agenda_items(queryset) if agenda_is_public(meeting) else queryset


def public_version_shows_item_content(item) -> bool:
    """An item's content in a public version: not for a closed item (koml. § 11-5) or an exempt case."""
    return not agenda_item_is_protected(item)


def public_version_shows_case_content(case, item=None) -> bool:
    """A case paper's content in a public version: not for an exempt case or one treated behind closed doors."""
    return case_content_is_public(case, has_closed_item=item.closed if item is not None else None)


def attachment_in_public_version(attachment, case) -> bool:
    return not (attachment.exempt or case.exempt)



def _meeting_fully_visible(user, meeting) -> bool:
    """Everything on the meeting's agenda, complete (the internal notice/minutes): staff who see everything,
    folkevalgte on the body once every item's notice has gone out, or anyone when nothing is protected."""
    if sees_everything(user):
        return True
    items = list(meeting.agenda_items.select_related("consultation__case__paper"))
    if any(not agenda_item_is_published(i, meeting) for i in items) and not is_staff(user):
        return False
    if is_folkevalgt(user) and meeting.organization_id in active_organization_ids(user) and agenda_is_public(meeting):
        return True
    if not is_staff(user):
        return False
    return not any(agenda_item_is_protected(i) or (i.consultation_id and case_has_protected_content(i.consultation.case))
                   for i in items)


def _register_document_reader(user, kind: str, obj, *, public: bool) -> bool | None:
    """The documents of the registers and of one person's pay: who may have them (either version), or None for the
    other kinds. A wedding report names the couples; an appointment list's internal version has birth dates and
    addresses, and its public version (names, birth years) is for everyone only once the proposal is on display
    (dl. § 68): the registers' rule (registers.py), staff included. An annual pay summary (årsoppgave) is the
    person's own and the secretariat's."""
    if kind == "vielsesrapport":
        return can_handle_weddings(user)
    if kind == "oppnevning":
        return can_handle_appointments(user) or (public and appointment_proposal_is_public(obj))
    if kind == "godtgjoringsoppgave":
        own = getattr(getattr(user, "person", None), "pk", None) == obj.person_id
        return is_secretariat(user) or (own and is_folkevalgt(user))
    return None


def can_view_document(user, kind: str, obj, *, public: bool) -> bool:
    """May this person have the public (`public=True`) or the complete internal version of a document?"""
    if public and not has_public_version(kind):
        return False  # nobody may have what does not exist (not even a "public" copy of a personal document)
    if user is None or not getattr(user, "is_authenticated", False):
        return public and document_is_public(kind, obj)
    register_rule = _register_document_reader(user, kind, obj, public=public)
    if register_rule is not None:
        return register_rule
    if public:
        return is_staff(user) or document_is_public(kind, obj)
    if kind == "saksframlegg":
        if sees_everything(user) or can_view_protected(user, obj):
            return True
        return is_staff(user) and not case_has_protected_content(obj)
    if kind in ("innkalling", "tilleggsinnkalling"):
        return _meeting_fully_visible(user, obj)
    if kind == "protokoll":
        return can_view_minutes(user, obj) and _meeting_fully_visible(user, obj)
    if kind == "saerutskrift":
        if not can_view_minutes(user, obj.meeting) or not can_view_agenda_item_content(user, obj):
            return False
        case = obj.consultation.case if obj.consultation_id else None
        return sees_everything(user) or case is None or can_view_protected(user, case) or (
            is_staff(user) and not case_has_protected_content(case))
    if kind == "oppfolgingsrapport":
        # The complete report holds every decision of the body in the period, exempt and closed ones (koml. § 11-5)
        # with their real titles and texts, whoever owns them: only for those who see all protected content.
        # Everyone else gets the public version (`document_is_public`).
        return sees_everything(user)
    # Kinds other apps add: staff see the complete version.
    return is_staff(user)


def document_is_public(kind: str, obj) -> bool:
    """Whether a public version of this document may exist yet (never for a kind without one: `has_public_version`)."""
    if kind == "saksframlegg":
        return is_case_public(obj)
    if kind == "innkalling":
        return agenda_is_public(obj) and published_agenda_items(obj.agenda_items.all()).exists()
    if kind == "protokoll":
        return minutes_are_public(obj)
    if kind == "saerutskrift":
        return minutes_are_public(obj.meeting)
    if kind == "oppfolgingsrapport":
        return True  # its public version is on the portal from the start (an orienteringssak for the body)
    return False
