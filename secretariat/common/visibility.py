"""The one place that decides what is public (DOMAIN.md §3 Openness).

Every public surface — innsyn pages, feeds, iCal, the API for anonymous users, search, public
documents — asks these functions. Exempt cases are shown only by their public title with the
exemption marking; closed agenda items without content; unapproved minutes not at all.
"""

from __future__ import annotations

from secretariat.accounts.roles import Role, has_role
from workflows.case import CaseState

# A case becomes public when it is put on an agenda (the papers are published with the notice).
# Before that it is the administration's working document.
PUBLIC_CASE_STATES = frozenset(
    {
        CaseState.SATT_OPP, CaseState.BEHANDLET, CaseState.TIL_NESTE_ORGAN, CaseState.VEDTATT,
        CaseState.I_OPPFOLGING, CaseState.AVSLUTTET, CaseState.UTSATT, CaseState.SENDT_TILBAKE,
    }
)

EXEMPT_PLACEHOLDER = "Innholdet er unntatt offentlighet."


def can_view_exempt_content(user, case) -> bool:
    """Exempt content is for the staff roles that need it, and the politicians who treat the case."""
    if has_role(user, Role.FAGLEDER, Role.KOMMUNEDIREKTOR):
        return True
    if has_role(user, Role.SAKSBEHANDLER) and case.case_officer_id == getattr(user, "pk", None):
        return True
    if has_role(user, Role.FOLKEVALGT):
        person = getattr(user, "person", None)
        if person is None:
            return False
        org_ids = case.consultations.values_list("organization_id", flat=True)
        return person.memberships.filter(organization_id__in=org_ids, end_date__isnull=True).exists()
    return False


def case_title_for(user, case) -> str:
    if case.exempt and not can_view_exempt_content(user, case):
        return public_case_title(case)
    return case.title


def public_case_title(case) -> str:
    return case.public_title if case.exempt else case.title


def agenda_item_public_title(item) -> str:
    consultation = item.consultation
    if consultation is not None and consultation.case.exempt:
        return consultation.case.public_title or item.public_title or "Unntatt offentlighet"
    if item.public_title:
        return item.public_title
    return item.title


# koml. § 11-3: the agenda and the public papers are published together with the notice, not before.
# Each item carries the time its notice went out (a tilleggssak gets its own notice later); once the
# meeting has been held, everything on its agenda is part of the public record.
AGENDA_PUBLIC_MEETING_STATES = frozenset(
    {"innkalt", "gjennomfort", "protokoll_utkast", "protokoll_godkjent", "arkivert"}
)
HELD_MEETING_STATES = frozenset({"gjennomfort", "protokoll_utkast", "protokoll_godkjent", "arkivert"})


def agenda_is_public(meeting) -> bool:
    """A meeting's agenda is public once its notice has been sent (also if it is cancelled afterwards)."""
    return meeting.state in AGENDA_PUBLIC_MEETING_STATES or meeting.notice_sent_at is not None


def agenda_item_is_published(item, meeting=None) -> bool:
    meeting = meeting or item.meeting
    return item.notice_sent_at is not None or meeting.state in HELD_MEETING_STATES


def published_agenda_items(queryset):
    """Filter an AgendaItem queryset to the items whose notice has gone out."""
    from django.db.models import Q

    return queryset.filter(Q(notice_sent_at__isnull=False) | Q(meeting__state__in=HELD_MEETING_STATES))


def _published_on_an_agenda():
    from django.db.models import Exists, OuterRef

    from secretariat.meetings.models import AgendaItem

    return Exists(published_agenda_items(AgendaItem.objects.filter(consultation__case=OuterRef("pk"))))


def is_case_public(case, *, on_published_agenda: bool = False) -> bool:
    """A case is public once it is on a published agenda (or has been treated). Pass
    `on_published_agenda=True` when the caller already knows (saves a query)."""
    if case.state == CaseState.SATT_OPP and not on_published_agenda:
        from secretariat.cases.models import Case

        return Case.objects.filter(pk=case.pk).filter(_published_on_an_agenda()).exists()
    return case.state in PUBLIC_CASE_STATES


def public_cases(queryset=None):
    from django.db.models import Q

    from secretariat.cases.models import Case

    qs = queryset if queryset is not None else Case.objects.all()
    return qs.filter(
        Q(state__in=PUBLIC_CASE_STATES - {CaseState.SATT_OPP}) | Q(Q(state=CaseState.SATT_OPP) & _published_on_an_agenda())
    )


# --- innsyn (public portal) rules: additive ---------------------------------------------------------

# Minutes are public only once the body has approved them (koml. § 11-4); a draft is never shown.
MINUTES_PUBLIC_MEETING_STATES = frozenset({"protokoll_godkjent", "arkivert"})

PAPER_SECTIONS = [
    ("summary", "Kort fortalt"),
    ("background", "Bakgrunn"),
    ("assessment", "Vurdering"),
    ("economic_consequences", "Økonomiske konsekvenser"),
    ("recommendation", "Kommunedirektørens innstilling"),
]


def minutes_are_public(meeting) -> bool:
    return meeting.state in MINUTES_PUBLIC_MEETING_STATES


def agenda_item_content_is_public(item) -> bool:
    """An item's kort fortalt, papers and decision text are public unless it was treated in a closed
    session (koml. § 11-5) or its case is exempt; then only the public title and the marking are shown."""
    if item.closed:
        return False
    consultation = item.consultation
    return consultation is None or not consultation.case.exempt


def closed_item_marking(item) -> str:
    if not item.closed:
        return ""
    label = item.get_closed_basis_display() if item.closed_basis else "koml. § 11-5"
    return f"Lukket møte, {label}"


def case_content_is_public(case, *, has_closed_item: bool | None = None) -> bool:
    """A case's content is public when the case is not exempt and none of its agenda items was closed.
    Pass `has_closed_item` when already known (e.g. annotated), to save a query."""
    if case.exempt:
        return False
    if has_closed_item is None:
        from secretariat.meetings.models import AgendaItem

        has_closed_item = AgendaItem.objects.filter(consultation__case=case, closed=True).exists()
    return not has_closed_item


def public_paper_sections(case, *, has_closed_item: bool | None = None) -> list[tuple[str, str, str]]:
    """The case paper's sections for the public: (key, heading, text), without exempt sections.
    Empty when the case's content is not public."""
    if not case_content_is_public(case, has_closed_item=has_closed_item):
        return []
    paper = getattr(case, "paper", None)
    if paper is None:
        return []
    hidden = set(paper.exempt_sections or [])
    return [(key, label, getattr(paper, key)) for key, label in PAPER_SECTIONS
            if key not in hidden and (getattr(paper, key) or "").strip()]


def public_summary(case, *, has_closed_item: bool | None = None) -> str:
    """Kort fortalt for the public ('' when the case's content is not public)."""
    for key, _label, text in public_paper_sections(case, has_closed_item=has_closed_item):
        if key == "summary":
            return text
    return ""



class _TextAgg:
    """Built lazily: a portable text aggregate (string_agg on PostgreSQL, group_concat on SQLite)."""

    cls = None

    @classmethod
    def get(cls):
        if cls.cls is None:
            from django.db.models import Aggregate, TextField

            class TextAgg(Aggregate):
                function = "STRING_AGG"
                template = "%(function)s(%(expressions)s, ' ')"
                output_field = TextField()

                def as_sqlite(self, compiler, connection, **extra):
                    return super().as_sql(compiler, connection, function="GROUP_CONCAT",
                                          template="%(function)s(%(expressions)s, ' ')", **extra)

            cls.cls = TextAgg
        return cls.cls


def public_case_text_expressions() -> dict:
    """Database expressions for the text of a case the public may search (innsyn search): `title` (the
    public title for an exempt case), and `summary`, `paper` and `decisions`, which are empty for an exempt
    case or one treated in a closed session and never include exempt paper sections. Exempt content is
    therefore never matched. The queryset must be annotated by `annotate_has_closed_item` first."""
    from django.db.models import Case, F, OuterRef, Q, Subquery, TextField, Value, When
    from django.db.models.functions import Coalesce, Concat

    from secretariat.meetings.models import Decision

    hidden = Q(exempt=True) | Q(has_closed_item=True)

    def content(expr):
        return Case(When(hidden, then=Value("")), default=Coalesce(expr, Value("")), output_field=TextField())

    def section(key):
        # A partly exempt paper: a section listed in exempt_sections is left out.
        return Case(When(paper__exempt_sections__icontains=f'"{key}"', then=Value("")),
                    default=Coalesce(F(f"paper__{key}"), Value("")), output_field=TextField())

    decisions = Decision.objects.filter(consultation__case=OuterRef("pk")).order_by().values("consultation__case")
    decision_text = Subquery(decisions.annotate(t=_TextAgg.get()("text")).values("t")[:1], output_field=TextField())
    paper = Concat(section("background"), Value(" "), section("assessment"), Value(" "),
                   section("economic_consequences"), Value(" "), section("recommendation"), output_field=TextField())
    return {
        "title": Case(When(exempt=True, then=F("public_title")), default=F("title"), output_field=TextField()),
        "summary": content(section("summary")),
        "paper": content(paper),
        "decisions": content(decision_text),
    }


def annotate_has_closed_item(queryset):
    """Annotate a Case queryset with `has_closed_item` (any agenda item of the case treated behind closed doors)."""
    from django.db.models import Exists, OuterRef

    from secretariat.meetings.models import AgendaItem

    return queryset.annotate(
        has_closed_item=Exists(AgendaItem.objects.filter(consultation__case=OuterRef("pk"), closed=True))
    )


def public_person_email(person) -> str:
    """Elected members' e-mail on the public "Slik kan du påvirke" page (setting, default on: the kommune
    publishes how to contact its politicians). Only for people who hold an office now: callers pass members
    only (the påvirke page lists active memberships; the people API checks `holds_office`)."""
    from django.conf import settings

    if not getattr(settings, "SAKSGANG_PUBLIC_MEMBER_EMAIL", True):
        return ""
    return person.email or ""


def appointment_proposal_is_public(round_) -> bool:
    """dl. § 68: the proposal (names and pool, birth year) is public from the start of the public display;
    candidates' addresses, full birth dates and eligibility details never are."""
    return bool(round_.display_start) and round_.state in {"offentlig_ettersyn", "valgt", "meldt"}
