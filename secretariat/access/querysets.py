"""The access policy as queryset filters, for lists (the same rules as `policy.py`, per row in SQL)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from .app_models import model
from .states import CASE_STATES_PUBLIC_ONLY_WHEN_ON_PUBLISHED_AGENDA, HELD_MEETING_STATES, PUBLIC_CASE_STATES
from .viewers import is_staff, owns_case, sees_everything  # noqa: F401 - owns_case re-exported for callers


def published_agenda_items(queryset):
    """Filter an AgendaItem queryset to the items whose own notice has gone out (or whose meeting is held)."""
    return queryset.filter(Q(notice_sent_at__isnull=False) | Q(meeting__state__in=HELD_MEETING_STATES))


def agenda_items_visible_to(user, queryset):
    """The agenda items this person sees at all: staff every item, everyone else published ones."""
    return queryset if is_staff(user) else published_agenda_items(queryset)


def public_agenda_items(queryset):
    return published_agenda_items(queryset)


def has_published_agenda_item():
    """For a Meeting queryset: an `Exists` that is true when at least one item of the meeting is published."""
    AgendaItem = model("meetings.AgendaItem")

    return Exists(published_agenda_items(AgendaItem.objects.filter(meeting=OuterRef("pk"))))


def meetings_with_public_agenda(queryset):
    return queryset.filter(has_published_agenda_item())


def public_cases(queryset=None):
    """Cases the public may see: treated, or on an agenda whose notice has been sent."""
    Case = model("cases.Case")

    qs = queryset if queryset is not None else Case.objects.all()
    return qs.filter(_public_case_rule())


def _public_case_rule() -> Q:
    """`state` public, or `id IN (the waiting cases on a published agenda)`. Not a correlated EXISTS per row: the
    subquery starts from the few cases in a waiting state, so its cost stays small however many cases and items
    the years bring (the EXISTS form was costed so high that PostgreSQL's JIT compiled it, issue 17)."""
    Consultation = model("cases.Consultation")
    AgendaItem = model("meetings.AgendaItem")

    waiting = CASE_STATES_PUBLIC_ONLY_WHEN_ON_PUBLISHED_AGENDA
    on_published_agenda = (
        Consultation.objects.filter(case__state__in=waiting)
        .filter(Exists(published_agenda_items(AgendaItem.objects.filter(consultation=OuterRef("pk")))))
        .values("case_id")
    )
    return Q(state__in=PUBLIC_CASE_STATES - waiting) | Q(pk__in=on_published_agenda)


def annotate_is_public(queryset):
    """Annotate a Case queryset with `access_is_public` (the `public_cases` rule per row, in SQL), so that
    `policy.is_case_public` reads it instead of asking the database once per case in a list."""
    from django.db.models import BooleanField, ExpressionWrapper

    return queryset.annotate(access_is_public=ExpressionWrapper(_public_case_rule(), output_field=BooleanField()))


def cases_visible_to(user, queryset=None):
    """Staff see every case (an exempt one by its public title); everyone else public cases only."""
    Case = model("cases.Case")

    qs = queryset if queryset is not None else Case.objects.all()
    return qs if is_staff(user) else public_cases(qs)


def cases_matching_title(user, queryset, q: str):
    """Title search: an exempt case's real title matches only for those who may read it."""
    match = Q(arkivsaksnummer__icontains=q) | Q(public_title__icontains=q)
    if sees_everything(user):
        return queryset.filter(match | Q(title__icontains=q))
    match |= Q(title__icontains=q, exempt=False)
    if user is not None and getattr(user, "pk", None) is not None:
        match |= Q(title__icontains=q, case_officer_id=user.pk)
    return queryset.filter(match)


def annotate_has_closed_item(queryset):
    """Annotate a Case queryset with `has_closed_item` (any agenda item of the case treated behind closed doors)."""
    AgendaItem = model("meetings.AgendaItem")

    return queryset.annotate(
        has_closed_item=Exists(AgendaItem.objects.filter(consultation__case=OuterRef("pk"), closed=True))
    )


def annotate_case_has_closed_item(queryset, case_path: str = "consultation__case"):
    """Annotate an AgendaItem (or Decision) queryset with `case_has_closed_item`."""
    AgendaItem = model("meetings.AgendaItem")

    return queryset.annotate(case_has_closed_item=Exists(
        AgendaItem.objects.filter(consultation__case=OuterRef(case_path), closed=True)))


def decisions_of_public_cases(queryset):
    return queryset.filter(consultation__case__state__in=PUBLIC_CASE_STATES)
