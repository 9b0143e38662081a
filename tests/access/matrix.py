"""The declared access matrix: every URL pattern of Saksgang × the seven roles of issue 11 (part 4).

How to declare a new route
--------------------------
Add a `Route(...)` below, under the URL's name as `reverse()` knows it ("app_namespace:name" for pages,
"basename-action" for DRF router routes; a DRF route covers its format-suffix variant too, which is
requested as `.json`). Give it one or more `Variant`s: which planted object fills the URL kwargs
(`"@case_exempt"` is `world.ids["case_exempt"]`, see tests/access/world.py; other values are literal) and
what each role gets. Routes whose content differs per object get several variants (an exempt case AND a
draft for a case page).

Outcomes (what the response of each role must be)
-------------------------------------------------
- OK: a success (2xx). Its body is then read for markers.
- LOGIN: sent to log in: a redirect to the log-in page (/logg-inn/, /admin/login/ for the admin), or 401/403
  from the API.
- DENY: refused: 403, 404, 401 (API) or a redirect to the log-in page.
- MAYBE: OK or DENY — the policy lets this role see the object's public version or be refused; used only
  where the policy does not decide between the two. The body is read for markers either way.
- REDIRECT: a redirect that is not to the log-in page (e.g. "/" to the portal).
- POSTED: a POST-only route this role may use: the happy path is not asserted, only that an empty POST
  is not a 500.
A 500 always fails. Every body (HTML, JSON, iCalendar, .docx; PDF bodies are not read) may contain only
the markers the role may see by the access policy (world.MARKERS); a route declared `public=True` is a
public surface and may show NO marker to ANY role, whoever is logged in.

Where the policy is silent the roles' obvious needs decide: staff pages under /intern/ need a staff role,
the personal calendar pages need the person (or the fagleder, who manages links), weddings and appointment
staff pages need the fagleder, the public booking and candidate forms are open.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .world import ANONYMOUS as ANON
from .world import FAGLEDER, FV_BODY, FV_OTHER, KD, OTHER_SB, OWNER, ROLES

OK, LOGIN, DENY, MAYBE, REDIRECT, POSTED = "ok", "login", "deny", "ok-or-deny", "redirect", "posted"


def roles(default: str, *, anon=None, fv_other=None, fv_body=None, owner=None, other_sb=None, fagleder=None,
          kd=None) -> dict[str, str]:
    given = {ANON: anon, FV_OTHER: fv_other, FV_BODY: fv_body, OWNER: owner, OTHER_SB: other_sb,
             FAGLEDER: fagleder, KD: kd}
    return {role: given[role] or default for role in ROLES}


@dataclass(frozen=True)
class Variant:
    label: str
    kwargs: dict
    access: dict
    method: str = "GET"
    query: str = ""
    public: bool = False  # this variant is a public surface (e.g. ?offentlig=1) even if the route is not


@dataclass(frozen=True)
class Route:
    name: str  # URL name; a glob (fnmatch) such as "admin:*" declares a homogeneous group
    variants: tuple = ()
    public: bool = False  # a public surface: no protected marker for anyone
    content_as: str | None = None  # the body is what this role may see (a personal feed at a secret URL)
    note: str = ""
    extra: dict = field(default_factory=dict)


def V(label, access, method="GET", query="", public=False, **kwargs) -> Variant:  # noqa: N802 (a table row)
    return Variant(label=label, kwargs=kwargs, access=access, method=method, query=query, public=public)


def R(name, *variants, public=False, content_as=None, note="") -> Route:  # noqa: N802
    return Route(name=name, variants=tuple(variants), public=public, content_as=content_as, note=note)


def one(name, access, public=False, method="GET", query="", **kwargs) -> Route:
    """A route with a single variant."""
    return R(name, V("-", access, method=method, query=query, **kwargs), public=public)


# --- access profiles -----------------------------------------------------------------------------------------
OPEN = roles(OK)
LOGGED_IN = roles(OK, anon=LOGIN)
STAFF = roles(OK, anon=LOGIN, fv_other=DENY, fv_body=DENY)
FAGLEDER_ONLY = roles(DENY, anon=LOGIN, fagleder=OK)
FAGLEDER_KD = roles(DENY, anon=LOGIN, fagleder=OK, kd=OK)
# A reader page (list or object) that folkevalgte may use for what they may see, or be refused.
READERS = roles(OK, anon=LOGIN, fv_other=MAYBE, fv_body=MAYBE)
# An object of the body on a noticed agenda: the body's members read it; others at most its public version.
BODY_PUBLIC = roles(OK, anon=LOGIN, fv_other=MAYBE, fv_body=OK)
# Staff only: a draft, or an agenda/item before its notice.
STAFF_ONLY = STAFF
# An exempt draft on no agenda: the owner, the fagleder and the kommunedirektør; another saksbehandler at most
# its public title.
EXEMPT_DRAFT = roles(OK, anon=LOGIN, fv_other=DENY, fv_body=DENY, other_sb=MAYBE)
# Unapproved minutes (koml. § 11-4): staff and the body's members.
MINUTES = roles(OK, anon=LOGIN, fv_other=DENY, fv_body=OK)

# The election plans (access.can_plan_elections): all staff read them; the fagleder and the saksbehandlere change
# them, the kommunedirektør does not (the pages that only change a plan answer her 403, session 22).
ELECTION_PLANNERS = roles(OK, anon=LOGIN, fv_other=DENY, fv_body=DENY, kd=DENY)
POST_ELECTION_PLANNERS = roles(POSTED, anon=LOGIN, fv_other=DENY, fv_body=DENY, kd=DENY)

POST_FAGLEDER = roles(DENY, anon=LOGIN, fagleder=POSTED)
POST_FAGLEDER_KD = roles(DENY, anon=LOGIN, fagleder=POSTED, kd=POSTED)
POST_STAFF = roles(POSTED, anon=LOGIN, fv_other=DENY, fv_body=DENY)
POST_ANYONE = roles(POSTED)

# The API answers anonymous users itself (open data): LOGIN there means 401/403.
API_OPEN = OPEN
API_STAFF = STAFF
API_DRAFT = roles(OK, anon=DENY, fv_other=DENY, fv_body=DENY)
API_EXEMPT_DRAFT = roles(OK, anon=DENY, fv_other=DENY, fv_body=DENY, other_sb=MAYBE)
API_BEFORE_NOTICE = API_DRAFT  # the agenda/notice of a meeting whose notice is not sent: staff only

# An object on a public surface that is not public (yet): refused to every role, whoever is logged in.
NOT_PUBLIC = roles(DENY)

# The case pages of each planted case (which access follows from the case's state; see world.py).
CASE_VARIANTS = {
    "case_public": BODY_PUBLIC, "case_exempt": BODY_PUBLIC, "case_closed": BODY_PUBLIC,
    "case_sections": BODY_PUBLIC, "case_tillegg": STAFF_ONLY, "case_planned": STAFF_ONLY,
    "case_draft": STAFF_ONLY, "case_draft_exempt": EXEMPT_DRAFT,
}
API_CASE_VARIANTS = {
    "case_public": API_OPEN, "case_exempt": API_OPEN, "case_closed": API_OPEN, "case_sections": API_OPEN,
    "case_tillegg": API_DRAFT, "case_planned": API_DRAFT, "case_draft": API_DRAFT,
    "case_draft_exempt": API_EXEMPT_DRAFT,
}
PUBLIC_CASE_VARIANTS = {
    "case_public": OPEN, "case_exempt": OPEN, "case_closed": OPEN, "case_sections": OPEN,
    "case_tillegg": NOT_PUBLIC, "case_planned": NOT_PUBLIC, "case_draft": NOT_PUBLIC,
    "case_draft_exempt": NOT_PUBLIC,
}


def per_case(variants: dict, key="pk", **extra) -> list[Variant]:
    return [V(name.removeprefix("case_"), access, **{key: f"@{name}"}, **extra) for name, access in variants.items()]


def api(name, *variants, note="") -> Route:
    return R(name, *variants, note=note)


MATRIX: list[Route] = [
    # --- the project's own pages -----------------------------------------------------------------------------
    one("home", roles(REDIRECT)),
    one("healthz", OPEN),
    one("login", OPEN),
    one("logout", POST_ANYONE, method="POST"),
    one("staff:dashboard", LOGGED_IN),
    # The roles page: only the fagleder gives and takes the folkevalgt and saksbehandler roles (issue 11, part 5).
    one("staff:roles", FAGLEDER_ONLY),
    one("staff:locked_logins", FAGLEDER_ONLY),

    # --- cases (/intern/saker/) --------------------------------------------------------------------------------
    one("cases:list", READERS),
    one("cases:create", roles(DENY, anon=LOGIN, owner=OK, other_sb=OK, fagleder=OK)),
    R("cases:detail", *per_case(CASE_VARIANTS)),
    R("cases:edit",
      V("draft", roles(DENY, anon=LOGIN, owner=OK, fagleder=OK), pk="@case_draft"),
      V("draft_exempt", roles(DENY, anon=LOGIN, owner=OK, fagleder=OK), pk="@case_draft_exempt")),
    R("cases:transition",
      V("draft", roles(POSTED, anon=LOGIN, fv_other=DENY, fv_body=DENY), method="POST", pk="@case_draft"),
      V("exempt", roles(POSTED, anon=LOGIN, fv_other=DENY, fv_body=DENY, other_sb=DENY), method="POST",
        pk="@case_exempt")),

    # --- meetings (/intern/moter/) -----------------------------------------------------------------------------
    one("meetings:list", READERS),
    one("meetings:create", FAGLEDER_ONLY),
    R("meetings:detail",
      V("held", BODY_PUBLIC, pk="@meeting_held"),
      V("noticed", BODY_PUBLIC, pk="@meeting_noticed"),
      V("planned", READERS, pk="@meeting_planned")),
    R("meetings:edit", V("planned", FAGLEDER_ONLY, pk="@meeting_planned")),
    R("meetings:live",
      V("held", roles(MAYBE, anon=LOGIN, fv_other=DENY, fv_body=MAYBE, fagleder=OK), pk="@meeting_held"),
      V("noticed", roles(MAYBE, anon=LOGIN, fv_other=DENY, fv_body=MAYBE, fagleder=OK), pk="@meeting_noticed"),
      ),
    R("meetings:minutes", V("held", MINUTES, pk="@meeting_held")),
    R("meetings:action",
      V("remark", POST_FAGLEDER, method="POST", pk="@meeting_held", action="remark"),
      V("supplementary_notice", POST_FAGLEDER, method="POST", pk="@meeting_noticed",
        action="supplementary_notice"),
      V("absence", roles(DENY, anon=LOGIN, fv_body=POSTED, fagleder=POSTED), method="POST",
        pk="@meeting_noticed", action="absence")),
    # spørsmål og interpellasjoner: every logged-in reader sees what access lists; members of the body and the
    # secretariat hand them in; the secretariat answers and marks exempt
    R("meetings:questions",
      V("noticed", READERS, pk="@meeting_noticed"),
      V("planned", READERS, pk="@meeting_planned"),
      V("post", roles(DENY, anon=LOGIN, fv_body=POSTED, fagleder=POSTED), method="POST", pk="@meeting_noticed")),
    R("meetings:question",
      V("exempt", POST_FAGLEDER, method="POST", pk="@meeting_noticed", question_pk="@question_exempt")),

    # --- follow-up (/intern/oppfolging/) -----------------------------------------------------------------------
    one("followups:dashboard", STAFF),
    one("followups:create", FAGLEDER_KD),
    R("followups:detail", V("exempt", STAFF, pk="@followup_exempt")),
    R("followups:transition", V("exempt", roles(POSTED, anon=LOGIN, fv_other=DENY, fv_body=DENY), method="POST",
                                pk="@followup_exempt")),
    R("followups:note", V("exempt", roles(POSTED, anon=LOGIN, fv_other=DENY, fv_body=DENY), method="POST",
                          pk="@followup_exempt")),
    R("followups:decision",
      V("exempt", STAFF, pk="@decision_exempt"),
      V("closed", STAFF, pk="@decision_closed")),
    R("followups:legality_register", V("public", POST_FAGLEDER_KD, method="POST", pk="@decision_public")),
    R("followups:legality_resolve", V("demand", POST_FAGLEDER_KD, method="POST", pk="@legality_demand")),
    R("followups:legality_postpone", V("demand", POST_FAGLEDER_KD, method="POST", pk="@legality_demand")),
    one("followups:reports", STAFF),
    R("followups:report", V("report", STAFF, pk="@followup_report")),
    R("followups:report_docx",
      V("internal", roles(OK), pk="@followup_report"),
      V("public", roles(OK), pk="@followup_report", query="?offentlig=1", public=True),
      note="Without log-in (or with ?offentlig=1) it serves the public version."),
    R("followups:report_public", V("report", OPEN, pk="@followup_report"), public=True),

    # --- weddings (/intern/vielser/): the fagleder's; booking is public ---------------------------------------
    one("weddings:list", FAGLEDER_ONLY),
    one("weddings:book", OPEN),
    one("weddings:booked", OPEN),
    R("weddings:book_confirm", V("made-up link", roles(DENY), token="ikke-en-ekte-lenke"), public=True,
      note="The e-mailed link confirms a public booking; a made-up or expired one finds no booking (404)."),
    one("weddings:officiants", FAGLEDER_ONLY),
    one("weddings:report", FAGLEDER_ONLY),
    R("weddings:report_detail", V("report", FAGLEDER_ONLY, pk="@wedding_report")),
    R("weddings:report_docx", V("report", FAGLEDER_ONLY, pk="@wedding_report")),
    R("weddings:detail", V("wedding", FAGLEDER_ONLY, pk="@wedding")),
    R("weddings:edit", V("wedding", POST_FAGLEDER, method="POST", pk="@wedding")),
    R("weddings:transition", V("wedding", POST_FAGLEDER, method="POST", pk="@wedding")),

    # --- appointments (/intern/oppnevninger/): the fagleder's; the calls for candidates are public -------------
    one("appointments:list", FAGLEDER_ONLY),
    # --- delegerte vedtak (/intern/delegerte-vedtak/) ------------------------------------------------------------
    one("delegations:list", FAGLEDER_ONLY),
    R("delegations:create", V("get", FAGLEDER_ONLY), V("post", POST_FAGLEDER, method="POST")),
    R("delegations:import", V("get", FAGLEDER_ONLY), V("post", POST_FAGLEDER, method="POST")),
    R("delegations:report", V("get", FAGLEDER_ONLY), V("post", POST_FAGLEDER, method="POST")),
    one("appointments:create", FAGLEDER_ONLY),
    R("appointments:detail", V("round", FAGLEDER_ONLY, pk="@round_open")),
    R("appointments:transition", V("round", POST_FAGLEDER, method="POST", pk="@round_open")),
    R("appointments:pool_sizes", V("round", POST_FAGLEDER, method="POST", pk="@round_open")),
    R("appointments:pool_add", V("round", POST_FAGLEDER, method="POST", pk="@round_open")),
    R("appointments:case_create", V("round", POST_FAGLEDER, method="POST", pk="@round_open")),
    R("appointments:report", V("round", FAGLEDER_ONLY, pk="@round_done")),
    R("appointments:candidate_create", V("round", FAGLEDER_ONLY, pk="@round_open")),
    R("appointments:candidate_edit", V("candidate", FAGLEDER_ONLY, pk="@round_open", candidate_id="@candidate")),
    R("appointments:candidate_pool", V("candidate", POST_FAGLEDER, method="POST", pk="@round_open",
                                       candidate_id="@candidate")),
    one("appointments:public_calls", OPEN, public=True),
    R("appointments:public_candidate", V("open", OPEN, round_id="@round_open"), public=True),
    R("appointments:public_candidate_thanks", V("open", OPEN, round_id="@round_open"), public=True),
    R("appointments:public_display", V("elected", OPEN, round_id="@round_done"), public=True),
    one("appointments:change_create", FAGLEDER_ONLY),
    R("appointments:change_detail", V("change", FAGLEDER_ONLY, pk="@membership_change")),

    # --- elections (/intern/valg/) -----------------------------------------------------------------------------
    one("elections:list", STAFF),
    R("elections:create", V("get", ELECTION_PLANNERS), V("post", POST_ELECTION_PLANNERS, method="POST")),
    R("elections:detail", V("project", STAFF, pk="@election")),
    R("elections:timeline", V("project", STAFF, pk="@election")),
    R("elections:task_add", V("project", ELECTION_PLANNERS, pk="@election")),
    R("elections:task_edit", V("task", ELECTION_PLANNERS, pk="@election", task_pk="@election_task")),
    R("elections:task_action", V("task", POST_ELECTION_PLANNERS, method="POST", pk="@election",
                                 task_pk="@election_task")),
    R("elections:evaluation", V("project", STAFF, pk="@election"),
      V("save notes", POST_ELECTION_PLANNERS, method="POST", pk="@election")),
    R("elections:evaluation_docx", V("project", STAFF, pk="@election")),

    # --- valgperiode (/intern/valgperiode/, issue 15): the fagleder's; the invitation link is open ---------------
    one("term:index", FAGLEDER_ONLY),
    R("term:import", V("get", FAGLEDER_ONLY), V("post", POST_FAGLEDER, method="POST")),
    R("term:election_create", V("get", FAGLEDER_ONLY), V("post", POST_FAGLEDER, method="POST")),
    R("term:election_detail", V("election", FAGLEDER_ONLY, pk="@term_election")),
    R("term:election_apply", V("election", POST_FAGLEDER, method="POST", pk="@term_election")),
    R("term:mayor", V("get", FAGLEDER_ONLY), V("post", POST_FAGLEDER, method="POST")),
    one("term:group_support", FAGLEDER_ONLY),
    R("term:group_support_case", V("post", POST_FAGLEDER, method="POST")),
    R("term:payment_csv", V("year", FAGLEDER_ONLY, year=2025)),
    R("term:group_change", V("get", FAGLEDER_ONLY), V("post", POST_FAGLEDER, method="POST")),
    R("term:invitation", V("invalid link", OPEN, uidb64="MQ", token="abc-def")),
    R("term:invitations_resend", V("post", POST_FAGLEDER, method="POST")),

    # --- documents (/intern/dokumenter/) -----------------------------------------------------------------------
    one("documents:templates", STAFF),
    R("documents:template_download", V("saksframlegg", STAFF, kind="saksframlegg", maalform="nb",
                                       version="@template_version")),
    R("documents:template_stop", V("template", POST_FAGLEDER, method="POST", pk="@template")),
    one("documents:plain_language", POST_STAFF, method="POST"),
    R("documents:meeting",
      V("held", STAFF, pk="@meeting_held"),
      V("planned", STAFF, pk="@meeting_planned")),
    R("documents:attachment_upload",
      V("draft", roles(DENY, anon=LOGIN, owner=POSTED, fagleder=POSTED), method="POST", case_pk="@case_draft")),
    R("documents:attachment", V("exempt", roles(DENY, anon=LOGIN, owner=OK, fagleder=OK, kd=OK, fv_body=OK),
                                pk="@attachment_exempt")),
    R("documents:attachment_delete",
      V("exempt", roles(DENY, anon=LOGIN, owner=POSTED, fagleder=POSTED), method="POST", pk="@attachment_exempt")),
    R("documents:download",
      *[V(f"saksframlegg-{name.removeprefix('case_')}", access, kind="saksframlegg", pk=f"@{name}", fmt="docx")
        for name, access in CASE_VARIANTS.items() if name != "case_public"],
      V("saksframlegg-draft-pdf", STAFF_ONLY, kind="saksframlegg", pk="@case_draft", fmt="pdf"),
      V("innkalling-noticed", BODY_PUBLIC, kind="innkalling", pk="@meeting_noticed", fmt="docx"),
      V("innkalling-planned", STAFF_ONLY, kind="innkalling", pk="@meeting_planned", fmt="docx"),
      V("protokoll-held", MINUTES, kind="protokoll", pk="@meeting_held", fmt="docx"),
      V("saerutskrift-closed", BODY_PUBLIC, kind="saerutskrift", pk="@item_closed", fmt="docx"),
      V("oppfolgingsrapport", READERS, kind="oppfolgingsrapport", pk="@followup_report", fmt="docx"),
      # The registers' documents and one person's pay (secretariat/access/documents.py): a wedding report names
      # the couples; an appointment list before its display has birth dates and addresses (no version for
      # others yet); an årsoppgave is the person's own and the fagleder's. Staff are no exception.
      V("vielsesrapport", FAGLEDER_ONLY, kind="vielsesrapport", pk="@wedding_report", fmt="docx"),
      V("oppnevning-before-display", FAGLEDER_ONLY, kind="oppnevning", pk="@round_open", fmt="docx"),
      V("godtgjoringsoppgave", roles(DENY, anon=LOGIN, fagleder=OK, fv_body=OK), kind="godtgjoringsoppgave",
        pk="@annual_summary", fmt="docx"),
      # Kinds without a public version (access.has_public_version): asking for one is refused for everyone, even
      # those who may have the complete version (no "public" copy of a register or of one person's pay).
      V("vielsesrapport-public", roles(DENY, anon=LOGIN), kind="vielsesrapport", pk="@wedding_report", fmt="docx",
        query="?offentlig=1", public=True),
      V("godtgjoringsoppgave-public", roles(DENY, anon=LOGIN), kind="godtgjoringsoppgave", pk="@annual_summary",
        fmt="pdf", query="?offentlig=1", public=True)),
    R("documents:pdf_now",
      V("saksframlegg-draft", roles(MAYBE, anon=LOGIN, fv_other=DENY, fv_body=DENY), kind="saksframlegg",
        pk="@case_draft"),
      note="Serves a stored document's PDF; none is stored in the test, so staff may get 404."),

    # --- calendars ---------------------------------------------------------------------------------------------
    one("calendars_staff:plans", LOGGED_IN),
    R("calendars_staff:plan", V("plan", LOGGED_IN, pk="@plan")),
    R("calendars_staff:plan_date", V("date", POST_FAGLEDER, method="POST", pk="@plan", date_pk="@plan_date")),
    R("calendars_staff:plan_date_add", V("plan", POST_FAGLEDER, method="POST", pk="@plan")),
    R("calendars_staff:plan_publish", V("plan", POST_FAGLEDER, method="POST", pk="@plan")),
    R("calendars_staff:plan_docx", V("plan", READERS, pk="@plan")),
    one("calendars_staff:school_holidays", STAFF),
    one("calendars_staff:sync", STAFF),
    one("calendars_staff:people", FAGLEDER_ONLY),
    R("calendars_staff:person", V("body_member", roles(DENY, anon=LOGIN, fv_body=OK, fagleder=OK),
                                  pk="@person_body")),
    # Sent on: a folkevalgt to their own person page; staff (no person of their own) to the plans or the people.
    one("calendars_staff:mine", roles(REDIRECT, anon=LOGIN)),
    one("calendars:public", OPEN, public=True),
    R("calendars:organization", V("body", OPEN, slug="@body_slug"), public=True),
    R("calendars:personal", V("body_member", OPEN, token="@personal_token"), content_as=FV_BODY),

    # --- the public portal (/innsyn/) --------------------------------------------------------------------------
    # --- OParl 1.1 (/oparl/v1.1/): open data, exactly what the portal shows, to everyone -----------------------
    one("oparl:system", OPEN, public=True),
    one("oparl:body_list", OPEN, public=True),
    R("oparl:body", V("body", OPEN, pk="@body"), public=True),
    *[R(f"oparl:{name}", V("body", OPEN, pk="@body"), public=True)
      for name in ("organization_list", "person_list", "membership_list", "meeting_list", "agendaitem_list",
                   "paper_list", "consultation_list", "file_list", "location_list", "legislativeterm_list")],
    R("oparl:organization", V("body", OPEN, pk="@organization"), public=True),
    R("oparl:organization_meetings", V("body", OPEN, pk="@organization"), public=True),
    R("oparl:person", V("member", OPEN, pk="@person_body"), public=True),
    R("oparl:membership", V("member", OPEN, pk="@membership"), public=True),
    R("oparl:legislativeterm", V("term", OPEN, pk="@term"), public=True),
    R("oparl:meeting", V("held", OPEN, pk="@meeting_held"), V("noticed", OPEN, pk="@meeting_noticed"),
      V("planned", OPEN, pk="@meeting_planned"), public=True),
    R("oparl:location", V("held", OPEN, pk="@meeting_held"), public=True),
    R("oparl:agendaitem", V("public", OPEN, pk="@item_public"), V("exempt", OPEN, pk="@item_exempt"),
      V("closed", OPEN, pk="@item_closed"), V("tillegg", NOT_PUBLIC, pk="@item_tillegg"),
      V("planned", NOT_PUBLIC, pk="@item_planned"), public=True),
    R("oparl:paper", *per_case(PUBLIC_CASE_VARIANTS), public=True),
    R("oparl:consultation", V("public", OPEN, pk="@consultation_public"), public=True),
    R("oparl:file", V("innkalling-noticed", OPEN, kind="innkalling", pk="@meeting_noticed"),
      V("innkalling-planned", NOT_PUBLIC, kind="innkalling", pk="@meeting_planned"),
      V("protokoll-unapproved", NOT_PUBLIC, kind="protokoll", pk="@meeting_held"),
      V("saksframlegg-sections", OPEN, kind="saksframlegg", pk="@case_sections"),
      V("saksframlegg-exempt", NOT_PUBLIC, kind="saksframlegg", pk="@case_exempt"),
      V("saksframlegg-draft", NOT_PUBLIC, kind="saksframlegg", pk="@case_draft"),
      V("saerutskrift-closed", NOT_PUBLIC, kind="saerutskrift", pk="@item_closed"), public=True),

    one("innsyn:index", OPEN, public=True),
    one("innsyn:meetings", OPEN, public=True),
    R("innsyn:meeting", V("held", OPEN, pk="@meeting_held"), V("noticed", OPEN, pk="@meeting_noticed"),
      V("planned", roles(MAYBE), pk="@meeting_planned"), public=True),
    R("innsyn:digest", V("noticed", OPEN, pk="@meeting_noticed"), V("planned", roles(MAYBE), pk="@meeting_planned"),
      public=True),
    R("innsyn:digest_text", V("noticed", OPEN, pk="@meeting_noticed"),
      V("planned", roles(MAYBE), pk="@meeting_planned"), public=True),
    R("innsyn:minutes", V("held-unapproved", NOT_PUBLIC, pk="@meeting_held"), public=True),
    R("innsyn:case", *per_case(PUBLIC_CASE_VARIANTS), public=True),
    R("innsyn:search", V("all", OPEN), V("exempt-word", OPEN, query="?q=Hansen"),
      V("tillegg-word", OPEN, query="?q=Tilleggssak"), public=True),
    R("innsyn:search_feed", V("all", OPEN, query="?q=Matrise"), V("tillegg-word", OPEN, query="?q=Tilleggssak"),
      public=True),
    one("innsyn:feed_rss", OPEN, public=True),
    one("innsyn:feed_atom", OPEN, public=True),
    one("innsyn:influence", OPEN, public=True),
    one("innsyn:influence_edit", FAGLEDER_ONLY),
    one("innsyn:hearing_new", FAGLEDER_ONLY),
    R("innsyn:hearing_edit", V("hearing", FAGLEDER_ONLY, pk="@hearing")),
    one("innsyn:accessibility", OPEN, public=True),
    one("innsyn:followup_reports", OPEN, public=True),
    R("innsyn:attachment", V("exempt", NOT_PUBLIC, pk="@attachment_exempt"), public=True),
    R("innsyn:document",
      V("saksframlegg-exempt", roles(MAYBE), kind="saksframlegg", pk="@case_exempt", fmt="docx"),
      V("saksframlegg-sections", OPEN, kind="saksframlegg", pk="@case_sections", fmt="docx"),
      V("saksframlegg-closed", roles(MAYBE), kind="saksframlegg", pk="@case_closed", fmt="docx"),
      V("saksframlegg-draft", NOT_PUBLIC, kind="saksframlegg", pk="@case_draft", fmt="docx"),
      V("saksframlegg-tillegg", NOT_PUBLIC, kind="saksframlegg", pk="@case_tillegg", fmt="docx"),
      V("saksframlegg-planned", NOT_PUBLIC, kind="saksframlegg", pk="@case_planned", fmt="docx"),
      V("innkalling-noticed", OPEN, kind="innkalling", pk="@meeting_noticed", fmt="docx"),
      V("innkalling-noticed-pdf", OPEN, kind="innkalling", pk="@meeting_noticed", fmt="pdf"),
      V("innkalling-planned", NOT_PUBLIC, kind="innkalling", pk="@meeting_planned", fmt="docx"),
      V("protokoll-held-unapproved", NOT_PUBLIC, kind="protokoll", pk="@meeting_held", fmt="docx"),
      V("saerutskrift-closed", roles(MAYBE), kind="saerutskrift", pk="@item_closed", fmt="docx"),
      public=True),

    # --- the API (/api/) ---------------------------------------------------------------------------------------
    one("api-root", API_OPEN),
    one("api-schema", API_OPEN),
    # --- godtgjøring (/intern/godtgjoring/): the member's own claims, the fagleder checks and exports (issue 15) --
    one("remuneration:index", roles(DENY, anon=LOGIN, fv_other=OK, fv_body=OK, fagleder=OK)),
    one("remuneration:claim_create", roles(DENY, anon=LOGIN, fv_other=POSTED, fv_body=POSTED), method="POST"),
    R("remuneration:claim", V("own claim", roles(DENY, anon=LOGIN, fv_body=OK, fagleder=OK), pk="@claim"),
      note="Another member's claim is a 404 for her; the secretariat checks every claim."),
    R("remuneration:line_add", V("own claim", roles(DENY, anon=LOGIN, fv_body=POSTED), method="POST", pk="@claim")),
    R("remuneration:line_remove",
      V("own claim", roles(DENY, anon=LOGIN, fv_body=POSTED), method="POST", pk="@claim")),
    R("remuneration:transition",
      V("own claim", roles(DENY, anon=LOGIN, fv_body=POSTED, fagleder=POSTED), method="POST", pk="@claim")),
    R("remuneration:discard",
      V("own claim", roles(DENY, anon=LOGIN, fv_body=POSTED, fagleder=POSTED), method="POST", pk="@claim"),
      note="A draft the record no longer supports: its member or the secretariat discards it."),
    R("remuneration:correction", V("claim", POST_FAGLEDER, method="POST", pk="@claim"),
      note="A correction of what an export paid: the secretariat only."),
    R("remuneration:attachment", V("receipt", roles(DENY, anon=LOGIN, fv_body=OK, fagleder=OK), pk="@claim",
                                   line_pk="@claim_line")),
    one("remuneration:export", POST_FAGLEDER, method="POST"),
    R("remuneration:export_download", V("export", FAGLEDER_ONLY, pk="@payroll_export")),
    R("remuneration:export_detail", V("export", FAGLEDER_ONLY, pk="@payroll_export")),
    R("remuneration:fixed_correction", V("fast godtgjøring", POST_FAGLEDER, method="POST", pk="@fixed_payment"),
      note="A correction of a month's paid fast godtgjøring: the secretariat only."),
    R("remuneration:annual_summary",
      V("own", roles(DENY, anon=LOGIN, fv_body=OK, fagleder=OK), person_pk="@person_body", year="@summary_year")),
    one("remuneration_public:rates", OPEN, public=True),
    # --- folkevalgtopplæring (/intern/opplaering/) ------------------------------------------------------------
    one("training:list", roles(OK, anon=LOGIN)),
    one("training:plan", roles(OK, anon=LOGIN)),
    R("training:course_create", V("get", FAGLEDER_ONLY), V("post", POST_FAGLEDER, method="POST")),
    R("training:course", V("course", roles(OK, anon=LOGIN), pk="@course")),
    R("training:session_add", V("course", POST_FAGLEDER, method="POST", pk="@course")),
    R("training:material_add", V("course", POST_FAGLEDER, method="POST", pk="@course")),
    R("training:material", V("material", roles(OK, anon=LOGIN), pk="@training_material")),
    R("training:register", V("session", roles(DENY, anon=LOGIN, fv_other=POSTED, fv_body=POSTED), method="POST",
                             pk="@training_session")),
    R("training:unregister", V("session", roles(DENY, anon=LOGIN, fv_other=POSTED, fv_body=POSTED), method="POST",
                               pk="@training_session")),
    R("training:attendance", V("session", POST_FAGLEDER, method="POST", pk="@training_session")),
    one("api-docs", API_OPEN),
    one("api-token", POST_ANYONE, method="POST"),
    one("api-document-kinds", LOGGED_IN),
    one("api-document-template-upload", POST_FAGLEDER, method="POST"),
    one("api-plain-language", POST_STAFF, method="POST"),
    R("api-document",
      V("saksframlegg-exempt", BODY_PUBLIC, kind="saksframlegg", pk="@case_exempt", query="?type=docx"),
      V("saksframlegg-sections", BODY_PUBLIC, kind="saksframlegg", pk="@case_sections", query="?type=docx"),
      V("saksframlegg-draft", STAFF_ONLY, kind="saksframlegg", pk="@case_draft", query="?type=docx"),
      V("saksframlegg-draft-exempt", EXEMPT_DRAFT, kind="saksframlegg", pk="@case_draft_exempt",
        query="?type=docx"),
      V("innkalling-noticed", BODY_PUBLIC, kind="innkalling", pk="@meeting_noticed", query="?type=docx"),
      V("innkalling-planned", STAFF_ONLY, kind="innkalling", pk="@meeting_planned", query="?type=docx"),
      V("protokoll-held", MINUTES, kind="protokoll", pk="@meeting_held", query="?type=docx")),
    R("api-document-generate",
      V("saksframlegg-draft", roles(POSTED, anon=LOGIN, fv_other=DENY, fv_body=DENY), method="POST",
        kind="saksframlegg", pk="@case_draft")),
    R("api-document-list",
      V("saksframlegg-draft", STAFF_ONLY, kind="saksframlegg", pk="@case_draft"),
      V("innkalling-planned", STAFF_ONLY, kind="innkalling", pk="@meeting_planned")),
    R("api-personal-feed", V("body_member", roles(DENY, anon=LOGIN, fv_body=OK, fagleder=OK),
                             person_id="@person_body")),
    one("api-caldav-status", API_STAFF),

    one("body-list", API_OPEN), R("body-detail", V("body", API_OPEN, pk="@body")),
    one("organization-list", API_OPEN), R("organization-detail", V("body", API_OPEN, pk="@organization")),
    one("term-list", API_OPEN), R("term-detail", V("term", API_OPEN, pk="@term")),
    one("party-list", API_OPEN), R("party-detail", V("party", API_OPEN, pk="@party")),
    one("person-list", API_OPEN), R("person-detail", V("body_member", API_OPEN, pk="@person_body")),
    one("membership-list", API_OPEN), R("membership-detail", V("body_member", API_OPEN, pk="@membership")),

    one("case-list", API_OPEN),
    R("case-detail", *per_case(API_CASE_VARIANTS)),
    R("case-history",
      V("exempt", roles(OK, anon=DENY, fv_other=DENY, fv_body=MAYBE, other_sb=MAYBE), pk="@case_exempt"),
      V("public", roles(MAYBE, owner=OK, other_sb=OK, fagleder=OK, kd=OK), pk="@case_public"),
      V("draft", API_DRAFT, pk="@case_draft")),
    R("case-transitions",
      V("draft", API_DRAFT, pk="@case_draft"),
      V("draft-post", roles(POSTED, anon=LOGIN, fv_other=DENY, fv_body=DENY), method="POST", pk="@case_draft")),

    one("meeting-list", API_OPEN),
    R("meeting-detail", V("held", API_OPEN, pk="@meeting_held"), V("noticed", API_OPEN, pk="@meeting_noticed"),
      V("planned", API_OPEN, pk="@meeting_planned")),
    R("meeting-absences",
      V("noticed", roles(MAYBE, fagleder=OK), pk="@meeting_noticed"),
      V("post", roles(DENY, anon=LOGIN, fv_body=POSTED, fagleder=POSTED), method="POST", pk="@meeting_noticed")),
    R("meeting-agenda",
      V("held", API_OPEN, pk="@meeting_held"), V("noticed", API_OPEN, pk="@meeting_noticed"),
      V("planned", API_BEFORE_NOTICE, pk="@meeting_planned"),
      V("post", POST_FAGLEDER, method="POST", pk="@meeting_planned")),
    R("meeting-attendance",
      V("held", roles(MAYBE, owner=OK, other_sb=OK, fagleder=OK, kd=OK), pk="@meeting_held"),
      V("post", POST_FAGLEDER, method="POST", pk="@meeting_held")),
    R("meeting-confirm-substitute", V("noticed", POST_FAGLEDER, method="POST", pk="@meeting_noticed")),
    R("meeting-chair", V("noticed", POST_FAGLEDER, method="POST", pk="@meeting_noticed")),
    R("meeting-minutes", V("held-unapproved", roles(OK, anon=DENY, fv_other=DENY, owner=MAYBE, other_sb=MAYBE),
                           pk="@meeting_held")),
    R("meeting-questions",
      V("noticed", API_OPEN, pk="@meeting_noticed"), V("planned", API_OPEN, pk="@meeting_planned"),
      V("post", roles(DENY, fv_body=POSTED, fagleder=POSTED), method="POST", pk="@meeting_noticed")),
    R("meeting-notice",
      V("noticed", API_OPEN, pk="@meeting_noticed"),
      V("planned", API_BEFORE_NOTICE, pk="@meeting_planned")),
    R("meeting-transitions",
      V("planned", roles(MAYBE, owner=OK, other_sb=OK, fagleder=OK, kd=OK), pk="@meeting_planned"),
      V("post", roles(DENY, anon=LOGIN, fagleder=POSTED), method="POST", pk="@meeting_planned")),

    one("agenda-item-list", API_OPEN),
    R("agenda-item-detail",
      V("public-with-remark", API_OPEN, pk="@item_public"),
      V("exempt", API_OPEN, pk="@item_exempt"),
      V("closed", API_OPEN, pk="@item_closed"),
      V("sections", API_OPEN, pk="@item_sections"),
      V("tillegg", API_BEFORE_NOTICE, pk="@item_tillegg"),
      V("planned", API_BEFORE_NOTICE, pk="@item_planned")),
    *[R(f"agenda-item-{action}", V("public", POST_FAGLEDER, method="POST", pk="@item_public"))
      for action in ("close", "decide", "outcome", "proposals", "recusals", "video", "votes")],
    one("vote-list", API_OPEN), R("vote-detail", V("vote", API_OPEN, pk="@vote")),
    one("decision-list", API_OPEN),
    R("decision-detail", V("closed", API_OPEN, pk="@decision_closed"), V("exempt", API_OPEN, pk="@decision_exempt")),

    one("followup-list", API_STAFF),
    R("followup-detail", V("exempt", API_STAFF, pk="@followup_exempt")),
    R("followup-history", V("exempt", API_STAFF, pk="@followup_exempt")),
    R("followup-notes", V("exempt", API_STAFF, pk="@followup_exempt"),
      V("post", POST_STAFF, method="POST", pk="@followup_exempt")),
    R("followup-transitions", V("exempt", API_STAFF, pk="@followup_exempt"),
      V("post", POST_STAFF, method="POST", pk="@followup_exempt")),
    one("legality-demand-list", API_STAFF),
    R("legality-demand-detail", V("demand", API_STAFF, pk="@legality_demand")),
    R("legality-demand-postpone", V("demand", POST_FAGLEDER_KD, method="POST", pk="@legality_demand")),
    one("followup-report-list", API_OPEN),
    R("followup-report-detail", V("report", API_OPEN, pk="@followup_report")),
    R("followup-report-docx", V("report", API_OPEN, pk="@followup_report")),

    one("wedding-slot-list", API_OPEN),
    one("wedding-list", FAGLEDER_ONLY),
    R("wedding-detail", V("wedding", FAGLEDER_ONLY, pk="@wedding")),
    R("wedding-transitions", V("wedding", FAGLEDER_ONLY, pk="@wedding"),
      V("post", POST_FAGLEDER, method="POST", pk="@wedding")),

    one("appointment-round-list", FAGLEDER_ONLY),
    R("appointment-round-detail", V("round", FAGLEDER_ONLY, pk="@round_open")),
    R("appointment-round-candidates", V("round", FAGLEDER_ONLY, pk="@round_open"),
      V("post", POST_FAGLEDER, method="POST", pk="@round_open")),
    R("appointment-round-case", V("post", POST_FAGLEDER, method="POST", pk="@round_open")),
    R("appointment-round-pool-sizes", V("round", POST_FAGLEDER, method="POST", pk="@round_open")),
    R("appointment-round-transitions", V("round", FAGLEDER_ONLY, pk="@round_open"),
      V("post", POST_FAGLEDER, method="POST", pk="@round_open")),
    R("appointment-candidate-detail", V("candidate", FAGLEDER_ONLY, pk="@candidate")),
    R("appointment-candidate-pool", V("candidate", POST_FAGLEDER, method="POST", pk="@candidate")),
    one("membership-change-list", FAGLEDER_ONLY),
    R("membership-change-detail", V("change", FAGLEDER_ONLY, pk="@membership_change")),
    R("membership-change-apply", V("change", POST_FAGLEDER, method="POST", pk="@membership_change")),
    R("membership-change-refuse", V("change", POST_FAGLEDER, method="POST", pk="@membership_change")),

    R("election-project-list", V("-", API_STAFF), V("create", POST_ELECTION_PLANNERS, method="POST")),
    R("election-project-detail", V("project", API_STAFF, pk="@election")),
    R("election-project-complete-task", V("project", POST_ELECTION_PLANNERS, method="POST", pk="@election")),

    one("meeting-plan-list", API_OPEN),
    R("meeting-plan-detail", V("plan", API_OPEN, pk="@plan")),
    R("meeting-plan-publish", V("plan", POST_FAGLEDER, method="POST", pk="@plan")),

    # --- the politikerportal (/folkevalgt/) and permisjon/fritak (/intern/permisjoner/), session 20 -----------------
    # Only a folkevalgt with a person uses the portal, each with their own data: another folkevalgt's note or
    # application does not exist for you (404), a meeting of a body you do not sit on neither.
    one("members:home", roles(DENY, anon=LOGIN, fv_other=OK, fv_body=OK)),
    R("members:meeting",
      V("noticed", roles(DENY, anon=LOGIN, fv_body=OK), pk="@meeting_noticed"),
      V("held", roles(DENY, anon=LOGIN, fv_body=OK), pk="@meeting_held"),
      V("planned", roles(DENY, anon=LOGIN, fv_body=OK), pk="@meeting_planned")),
    *[R(f"members:{name}", V("noticed", roles(DENY, anon=LOGIN, fv_body=POSTED), method="POST", pk="@meeting_noticed"))
      for name in ("absence", "recusal", "question")],
    R("members:paper",
      V("public", roles(DENY, anon=LOGIN, fv_other=OK, fv_body=OK), pk="@case_public"),
      V("exempt", roles(DENY, anon=LOGIN, fv_other=OK, fv_body=OK), pk="@case_exempt"),
      V("sections", roles(DENY, anon=LOGIN, fv_other=OK, fv_body=OK), pk="@case_sections"),
      V("planned", roles(DENY, anon=LOGIN), pk="@case_planned"),
      V("draft", roles(DENY, anon=LOGIN), pk="@case_draft")),
    R("members:note_add", V("public", roles(DENY, anon=LOGIN, fv_other=POSTED, fv_body=POSTED), method="POST",
                            pk="@case_public")),
    one("members:notes", roles(DENY, anon=LOGIN, fv_other=OK, fv_body=OK)),
    R("members:note_delete", V("body-note", roles(DENY, anon=LOGIN, fv_body=POSTED), method="POST", pk="@note_body")),
    R("members:leave", V("get", roles(DENY, anon=LOGIN, fv_other=OK, fv_body=OK)),
      V("post", roles(DENY, anon=LOGIN, fv_other=POSTED, fv_body=POSTED), method="POST")),
    R("members:leave_withdraw", V("body-leave", roles(DENY, anon=LOGIN, fv_body=POSTED), method="POST",
                                  pk="@leave_body")),
    R("leave_staff:list", V("get", FAGLEDER_ONLY), V("post", POST_FAGLEDER, method="POST")),
    R("leave_staff:detail", V("leave", FAGLEDER_ONLY, pk="@leave_body")),
    R("leave_staff:transition", V("leave", POST_FAGLEDER, method="POST", pk="@leave_body")),
    # --- the live meeting (issue 16): a member's live page and posts, the møteleder's controls, the public page --
    R("live:member",
      V("noticed", roles(DENY, anon=LOGIN, fv_body=OK, fagleder=OK), pk="@meeting_noticed"),
      V("planned", roles(DENY, anon=LOGIN, fagleder=OK), pk="@meeting_planned"),
      note="The body's own members (after the notice) and the secretariat; nobody else."),
    R("live:action",
      V("stem", roles(DENY, anon=LOGIN, fv_body=POSTED, fagleder=POSTED), method="POST", pk="@meeting_noticed",
        action="stem"),
      V("ordet-planned", roles(DENY, anon=LOGIN, fagleder=POSTED), method="POST", pk="@meeting_planned",
        action="ordet")),
    R("live:control", V("apne", POST_FAGLEDER, method="POST", pk="@meeting_noticed", action="apne"),
      V("stem-for", POST_FAGLEDER, method="POST", pk="@meeting_held", action="stem-for")),
    R("live:public", V("held", OPEN, pk="@meeting_held"), V("noticed", OPEN, pk="@meeting_noticed"),
      V("planned", NOT_PUBLIC, pk="@meeting_planned"), public=True),

    # --- the Django admin ------------------------------------------------------------------------------------
    # Homogeneous: for every admin URL, anonymous and every one of the seven roles (none is a Django staff
    # user) is redirected to the admin log-in; the superuser gets 200 on the index, each app index and each
    # model's changelist. Kwargs are filled with dummies (object id 1, the first app label) by the test.
    R("admin:*", note="admin"),
    R("admin/*", note="admin, its unnamed patterns: the redirect from an object's URL to its change page, and the "
                     "catch-all; checked like admin:*"),
]
