"""Writes for appointment rounds, their candidates and the proposal case. Each validates first and changes
everything in one transaction with an audit row (workflows.engine.audit)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from secretariat import access
from secretariat.cases.services import case_create
from secretariat.meetings.models import AgendaItem, Decision
from secretariat.organizations.models import Body, Gender, Organization, OrganizationType
from workflows.actions import AuditAction
from workflows.appointment import ROUND_WORKFLOW, RoundState, display_days
from workflows.engine import audit, full_clean, run_transition
from workflows.errors import GuardFailed, TransitionForbidden
from workflows.meeting import MEETING_WORKFLOW

from .eligibility import check_candidate, is_eligible
from .models import AppointmentRound, Candidate, CandidateSource, Pool, PoolKind, RoundKind

S = RoundState

# States in which candidates may still be added, edited and placed in a pool.
CANDIDATE_EDIT_STATES = ROUND_WORKFLOW.states_with("candidates_editable")
PROPOSAL_STATES = ROUND_WORKFLOW.states_with("proposal_open")

CANDIDATE_FIELDS = ("given_name", "family_name", "birth_date", "gender", "address", "postal_code", "postal_place",
                    "email", "phone", "occupation", "occupation_text", "wished_pool", "resident_in_kommune",
                    "adequate_norwegian", "voting_rights", "bankrupt", "criminal_record", "earlier_periods", "party",
                    "proposed_by", "motivation")
PUBLIC_FIELDS = ("given_name", "family_name", "birth_date", "gender", "address", "postal_code", "postal_place",
                 "email", "phone", "occupation", "occupation_text", "wished_pool", "resident_in_kommune",
                 "adequate_norwegian", "proposed_by", "motivation")


def _require_secretariat(actor) -> None:
    # The same rule as the pages and the API ask (candidates are personal data, GDPR art. 5 (1) c).
    if not access.can_handle_appointments(actor):
        raise TransitionForbidden("Bare politisk sekretariat kan endre oppnevninger.")


# --- deadlines (DOMAIN.md §3, settings with these defaults) ---------------------------------------------------

DEFAULT_DEADLINES = {
    # (month, day) in the year after the municipal election, i.e. the year before the period starts.
    "pool_sizes": (3, 1),  # dl. § 64: the courts give the pool sizes by 1 March
    "meddommere_election": (7, 1),  # (check) election by 1 July
    "meddommere_lists": (9, 15),  # (check) the lists reach the courts (Domstoladministrasjonen) by 15 September
    "forliksrad_election": (10, 15),  # dl. § 57: forliksråd elected by 15 October
}


def deadline_setting(name: str) -> tuple[int, int]:
    configured = getattr(settings, "SAKSGANG_APPOINTMENT_DEADLINES", {}) or {}
    return tuple(configured.get(name, DEFAULT_DEADLINES[name]))


def default_deadlines(kind: str, period_start: dt.date) -> dict:
    year = period_start.year - 1
    pool_month, pool_day = deadline_setting("pool_sizes")
    key = "forliksrad_election" if kind == RoundKind.FORLIKSRAD else "meddommere_election"
    month, day = deadline_setting(key)
    return {
        "pool_sizes_deadline": dt.date(year, pool_month, pool_day) if kind == RoundKind.MEDDOMMERE else None,
        "election_deadline": dt.date(year, month, day),
    }


def election_year(round_: AppointmentRound) -> int:
    """Kommunestyret elects meddommere and forliksråd in the year before the new period begins (dl. §§ 57, 66)."""
    return round_.period_start.year - 1


def round_election_date(round_: AppointmentRound) -> dt.date | None:
    """When kommunestyret elects, as far as the records say: the date of its decision on the round's case, else the
    date of the (not cancelled) meeting of the electing body that has the case on its agenda."""
    if round_.case_id is None or round_.electing_organization_id is None:
        return None
    decision = (Decision.objects.filter(consultation__case_id=round_.case_id,
                                        consultation__organization_id=round_.electing_organization_id)
                .order_by("decided_at").first())
    if decision is not None:
        return timezone.localtime(decision.decided_at).date()
    item = (AgendaItem.objects.filter(consultation__case_id=round_.case_id,
                                      meeting__organization_id=round_.electing_organization_id)
            .exclude(meeting__state__in=MEETING_WORKFLOW.states_with("cancelled"))
            .select_related("meeting").order_by("meeting__start").first())
    return timezone.localtime(item.meeting.start).date() if item is not None else None


def round_deadline_warnings(*, round: AppointmentRound, today: dt.date | None = None) -> list[dict]:
    """Deadlines with a level: 'passed' (red), 'soon' (within the warning window), 'ok', 'done'; and 'wrong' (with
    a `message`) when kommunestyret's election is dated outside the statutory window: in the year before the period
    begins, by the election deadline (dl. §§ 57, 66). Warnings, never refusals: the secretariat decides."""
    today = today or timezone.localdate()
    window = int(getattr(settings, "SAKSGANG_APPOINTMENT_WARNING_DAYS", 30))
    rows = []

    def add(label, day, done):
        if day is None:
            return
        if done:
            level = "done"
        elif day < today:
            level = "passed"
        elif (day - today).days <= window:
            level = "soon"
        else:
            level = "ok"
        rows.append({"label": label, "date": day, "level": level, "days_left": (day - today).days})

    order = list(S.values)
    reached = order.index(round.state)
    if round.kind == RoundKind.MEDDOMMERE:
        has_sizes = round.pools.filter(size__gt=0).exists()
        add("Domstolene gir antall meddommere", round.pool_sizes_deadline, has_sizes)
    add("Frist for forslag fra innbyggerne", round.call_deadline, reached >= order.index(S.FORSLAG_MOTTATT))
    add("Kommunestyret velger", round.election_deadline, reached >= order.index(S.VALGT))
    if round.display_end:
        add("Offentlig ettersyn slutter (tidligste valgdato)", round.display_end, reached >= order.index(S.VALGT))
    if round.kind == RoundKind.MEDDOMMERE and round.period_start:
        month, day = deadline_setting("meddommere_lists")
        add("Listene sendes til domstolene", dt.date(election_year(round), month, day),
            reached >= order.index(S.MELDT))
    rows.extend(_election_timing(round))
    return rows


def _election_timing(round_: AppointmentRound) -> list[dict]:
    """A meddommervalg (or forliksrådsvalg) dated months before its window, or after its deadline, is flagged."""
    if round_.kind not in (RoundKind.MEDDOMMERE, RoundKind.FORLIKSRAD) or not round_.period_start:
        return []
    elected_on = round_election_date(round_)
    if elected_on is None:
        return []
    year = election_year(round_)
    law = "dl. § 57" if round_.kind == RoundKind.FORLIKSRAD else "dl. §§ 64–66"
    message = ""
    if elected_on.year < year:
        message = (f"Kommunestyret velger {elected_on:%d.%m.%Y}, men valget for perioden som begynner "
                   f"{round_.period_start:%d.%m.%Y} skal holdes i {year}, året før perioden"
                   + (", etter at domstolene har gitt antallet innen 1. mars" if round_.kind == RoundKind.MEDDOMMERE
                      else "") + f" ({law}).")
    elif round_.election_deadline and elected_on > round_.election_deadline:
        message = (f"Kommunestyret velger {elected_on:%d.%m.%Y}, etter fristen {round_.election_deadline:%d.%m.%Y} "
                   f"({law}).")
    elif round_.display_end and elected_on < round_.display_end:
        message = (f"Kommunestyret velger {elected_on:%d.%m.%Y}, før forslaget har ligget ute til offentlig "
                   f"ettersyn i minst {display_days()} dager (til {round_.display_end:%d.%m.%Y}, dl. § 68).")
    if not message:
        return []
    return [{"label": "Valgdatoen", "date": elected_on, "level": "wrong", "days_left": 0, "message": message}]


# --- rounds and pools ----------------------------------------------------------------------------------------

def _default_pools(kind: str) -> list[tuple[str, str, int]]:
    if kind == RoundKind.MEDDOMMERE:
        return [(PoolKind.TINGRETT, Gender.FEMALE, 0), (PoolKind.TINGRETT, Gender.MALE, 0),
                (PoolKind.LAGMANNSRETT, Gender.FEMALE, 0), (PoolKind.LAGMANNSRETT, Gender.MALE, 0)]
    if kind == RoundKind.FORLIKSRAD:  # dl. § 27: 3 members and 3 substitutes
        return [(PoolKind.FORLIKSRAD_MEDLEM, "", 3), (PoolKind.FORLIKSRAD_VARA, "", 3)]
    return [(PoolKind.ANNET, "", 1)]


def _org_of_type(org_type: str) -> Organization | None:
    return Organization.objects.filter(organization_type=org_type, is_active=True).order_by("sort_order").first()


def round_create(*, actor, kind: str, title: str, period_start: dt.date, period_end: dt.date,
                 call_deadline: dt.date | None = None, call_text: str = "", reported_to: str = "",
                 pools: list[tuple[str, str, int]] | None = None, pool_name: str = "") -> AppointmentRound:
    _require_secretariat(actor)
    round_ = AppointmentRound(
        body=Body.current(), kind=kind, title=(title or "").strip(), period_start=period_start,
        period_end=period_end, call_deadline=call_deadline, call_text=call_text.strip(),
        reported_to=reported_to or _default_recipient(kind),
        proposing_organization=_org_of_type(OrganizationType.FORMANNSKAP),
        electing_organization=_org_of_type(OrganizationType.KOMMUNESTYRE),
        **(default_deadlines(kind, period_start) if period_start else {}),
    )
    if round_.body is None:
        raise ValidationError({"body": "Kommunen er ikke registrert."})
    if period_start and period_end and period_end <= period_start:
        raise ValidationError({"period_end": "Perioden må slutte etter at den starter."})
    full_clean(round_)
    with transaction.atomic():
        round_.save()
        for position, (pool_kind, gender, size) in enumerate(pools or _default_pools(kind), start=1):
            Pool.objects.create(round=round_, kind=pool_kind, gender=gender, size=size, position=position,
                                name=pool_name if pool_kind == PoolKind.ANNET else "")
        audit(round_, actor=actor, action=AuditAction.CREATED, action_label="Oppnevning kunngjort", to_state=round_.state)
    return round_


def _default_recipient(kind: str) -> str:
    if kind == RoundKind.FORLIKSRAD:
        return "Statsforvalteren"  # dl. §§ 57–58
    if kind == RoundKind.MEDDOMMERE:
        return "Tingretten og lagmannsretten"
    return ""


# No pool of a kommune comes near this; it keeps a typed number inside the column (a small integer) instead of a
# database error.
MAX_POOL_SIZE = 1000


def round_set_pool_sizes(*, actor, round: AppointmentRound, sizes: dict[int, int]) -> None:
    """The courts give the number of meddommere per pool (dl. § 64)."""
    _require_secretariat(actor)
    if round.state not in CANDIDATE_EDIT_STATES:
        raise GuardFailed("Antallet kan ikke endres etter at innstillingen er registrert.", field="pools")
    changes = {}
    with transaction.atomic():
        for pool in round.pools.select_for_update(of=("self",)):
            if pool.pk in sizes:
                size = sizes[pool.pk]
                if size is None or int(size) < 0:
                    raise ValidationError({"size": "Antallet kan ikke være negativt."})
                if int(size) > MAX_POOL_SIZE:
                    raise ValidationError({"size": f"Antallet kan være høyst {MAX_POOL_SIZE}."})
                if pool.size != int(size):
                    changes[pool.label] = {"fra": pool.size, "til": int(size)}
                    pool.size = int(size)
                    pool.save(update_fields=["size"])
        if changes:
            audit(round, actor=actor, action=AuditAction.POOL_SIZES, action_label="Antall i utvalgene endret",
                  changes=changes)


def round_add_pool(*, actor, round: AppointmentRound, name: str, size: int, gender: str = "") -> Pool:
    """Another office in the same round, e.g. one stemmestyre per polling station."""
    _require_secretariat(actor)
    if round.state not in CANDIDATE_EDIT_STATES:
        raise GuardFailed("Utvalg kan ikke legges til etter at innstillingen er registrert.", field="name")
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = ["Skriv navnet på vervet eller utvalget."]
    if size is None or int(size) < 1:
        errors["size"] = ["Antallet må være minst 1."]
    elif int(size) > MAX_POOL_SIZE:
        errors["size"] = [f"Antallet kan være høyst {MAX_POOL_SIZE}."]
    if gender not in ("", "K", "M"):
        errors["gender"] = ["Ukjent kjønn."]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        position = (max((p.position for p in round.pools.all()), default=0)) + 1
        pool = Pool.objects.create(round=round, kind=PoolKind.ANNET, name=name, size=int(size), gender=gender,
                                   position=position)
        audit(round, actor=actor, action=AuditAction.POOL_ADDED, action_label=f"Utvalg lagt til: {pool.label}"[:120],
              changes={"utvalg": pool.label, "antall": pool.size})
    return pool


def round_transition(*, round: AppointmentRound, name: str, actor, comment: str = "",
                     expected_state: str | None = None, **inputs):
    return run_transition(round, name, actor=actor, comment=comment, expected_state=expected_state, **inputs)


@ROUND_WORKFLOW.handler("close_call")
def _close_call(round: AppointmentRound, *, actor, comment: str):
    if not round.candidates.exists():
        raise GuardFailed("Det er ikke registrert noen kandidater ennå. Registrer forslag før innmeldingen "
                          "avsluttes.", field="candidates")


@ROUND_WORKFLOW.handler("check_candidates")
def _check_candidates(round: AppointmentRound, *, actor, comment: str):
    if not round.candidates.exists():
        raise GuardFailed("Det finnes ingen kandidater å kontrollere.", field="candidates")
    _run_eligibility(round=round)


@ROUND_WORKFLOW.handler("propose")
def _propose(round: AppointmentRound, *, actor, comment: str):
    if round.case_id is None:
        raise GuardFailed("Lag saken til formannskapet først (knappen «Lag sak til formannskapet»).",
                          field="case")
    problems = round_proposal_problems(round=round)
    if problems:
        raise GuardFailed("Innstillingen kan ikke registreres: " + " ".join(problems), field="candidates")


@ROUND_WORKFLOW.handler("start_display")
def _start_display(round: AppointmentRound, *, actor, comment: str, display_start=None):
    start = display_start or timezone.localdate()
    if isinstance(start, str):
        try:
            start = dt.date.fromisoformat(start)
        except ValueError as exc:
            raise GuardFailed("Skriv datoen som ÅÅÅÅ-MM-DD.", field="display_start") from exc
    if start > timezone.localdate():
        raise GuardFailed("Ettersynet kan ikke registreres som startet fram i tid.", field="display_start")
    round.display_start = start
    round.display_end = start + dt.timedelta(days=display_days())


@ROUND_WORKFLOW.handler("elect")
def _elect(round: AppointmentRound, *, actor, comment: str):
    """dl. § 68: kommunestyret elects at the earliest when the 14 days' public display is over."""
    today = timezone.localdate()
    if round.display_end is None or today < round.display_end:
        end = f"{round.display_end:%d.%m.%Y}" if round.display_end else "ukjent"
        raise GuardFailed(
            f"Forslaget må ligge ute til offentlig ettersyn i minst {display_days()} dager (dl. § 68). "
            f"Kommunestyret kan tidligst velge {end}.", field="display_end")
    _mark_elected(round=round)


@ROUND_WORKFLOW.handler("report")
def _report(round: AppointmentRound, *, actor, comment: str):
    round.reported_at = timezone.now()


# --- candidates ----------------------------------------------------------------------------------------------

def _clean_candidate(candidate: Candidate) -> None:
    errors = {}
    if not candidate.given_name.strip():
        errors["given_name"] = ["Skriv fornavnet."]
    if not candidate.family_name.strip():
        errors["family_name"] = ["Skriv etternavnet."]
    if candidate.birth_date and candidate.birth_date > timezone.localdate():
        errors["birth_date"] = ["Fødselsdatoen kan ikke være fram i tid."]
    if candidate.birth_date and candidate.birth_date.year < 1900:
        errors["birth_date"] = ["Sjekk fødselsdatoen."]
    if candidate.postal_code and not (candidate.postal_code.isdigit() and len(candidate.postal_code) == 4):
        errors["postal_code"] = ["Postnummeret har fire siffer."]
    if errors:
        raise ValidationError(errors)
    candidate.full_clean(exclude=["round", "pool", "eligibility"])


def candidate_apply_check(candidate: Candidate) -> None:
    """Compute and store the eligibility result (not saved here)."""
    results = check_candidate(candidate)
    candidate.eligibility = [r.as_dict() for r in results]
    candidate.eligible = is_eligible(results)
    candidate.checked_at = timezone.now()


def candidate_submit_public(*, round: AppointmentRound, data: dict) -> Candidate:
    """The public call (dl. § 67): anyone may propose a candidate (themselves or someone else)."""
    if not round.is_open_for_public:
        raise GuardFailed("Innmeldingen av kandidater til denne oppnevningen er stengt.")
    if round.call_deadline and timezone.localdate() > round.call_deadline:
        raise GuardFailed(f"Fristen for å melde inn kandidater var {round.call_deadline:%d.%m.%Y}.")
    candidate = Candidate(round=round, source=CandidateSource.PUBLIC,
                          **{k: v for k, v in data.items() if k in PUBLIC_FIELDS})
    _clean_candidate(candidate)
    candidate_apply_check(candidate)
    with transaction.atomic():
        candidate.save()
        audit(round, actor=None, action=AuditAction.CANDIDATE_SUBMITTED,
              action_label=f"Kandidat meldt inn via nettskjema: {candidate.name}"[:120],
              changes={"kandidat": candidate.name})
    return candidate


def candidate_register(*, actor, round: AppointmentRound, data: dict) -> Candidate:
    _require_secretariat(actor)
    if round.state not in CANDIDATE_EDIT_STATES:
        raise GuardFailed(f"Nye kandidater kan ikke registreres når runden har status «{round.get_state_display()}».")
    candidate = Candidate(round=round, source=CandidateSource.SECRETARIAT,
                          **{k: v for k, v in data.items() if k in CANDIDATE_FIELDS})
    _clean_candidate(candidate)
    candidate_apply_check(candidate)
    with transaction.atomic():
        candidate.save()
        audit(round, actor=actor, action=AuditAction.CANDIDATE_REGISTERED,
              action_label=f"Kandidat registrert: {candidate.name}"[:120],
              changes={"kandidat": candidate.name})
    return candidate


def candidate_update(*, actor, candidate: Candidate, data: dict) -> Candidate:
    _require_secretariat(actor)
    round_ = candidate.round
    if round_.state not in CANDIDATE_EDIT_STATES:
        raise GuardFailed(f"Kandidater kan ikke endres når runden har status «{round_.get_state_display()}».")
    changes = {}
    for name in CANDIDATE_FIELDS:
        if name in data and getattr(candidate, name) != data[name]:
            changes[name] = {"fra": str(getattr(candidate, name) or ""), "til": str(data[name] or "")}
            setattr(candidate, name, data[name])
    _clean_candidate(candidate)
    candidate_apply_check(candidate)
    with transaction.atomic():
        if candidate.pool_id and not candidate.eligible:
            changes["utvalg"] = {"fra": candidate.pool.label, "til": ""}
            candidate.pool = None  # an ineligible candidate cannot stay in the proposal
        candidate.save()
        if changes:
            audit(round_, actor=actor, action=AuditAction.CANDIDATE_CHANGED,
                  action_label=f"Kandidat endret: {candidate.name}"[:120],
                  changes=changes)
    return candidate


def _run_eligibility(*, round: AppointmentRound) -> dict:
    """Check every candidate again (the `check_candidates` transition runs this inside its transaction)."""
    counts = {"valgbare": 0, "ikke_valgbare": 0}
    for candidate in round.candidates.select_for_update(of=("self",)):
        candidate_apply_check(candidate)
        if not candidate.eligible and candidate.pool_id:
            candidate.pool = None
        candidate.save(update_fields=["eligibility", "eligible", "checked_at", "pool"])
        counts["valgbare" if candidate.eligible else "ikke_valgbare"] += 1
    return counts


def candidate_assign_pool(*, actor, candidate: Candidate, pool: Pool | None) -> Candidate:
    """Place a candidate in the proposal (a pool), or take them out (pool=None)."""
    _require_secretariat(actor)
    round_ = candidate.round
    if round_.state not in PROPOSAL_STATES:
        raise GuardFailed("Kandidater settes inn i forslaget når forslagene er mottatt og før innstillingen er "
                          f"registrert; runden har status «{round_.get_state_display()}».", field="pool")
    with transaction.atomic():
        candidate = Candidate.objects.select_for_update(of=("self",)).get(pk=candidate.pk)
        before = candidate.pool.label if candidate.pool_id else ""
        if pool is not None:
            if pool.round_id != round_.pk:
                raise GuardFailed("Utvalget hører til en annen oppnevning.", field="pool")
            pool = Pool.objects.select_for_update(of=("self",)).get(pk=pool.pk)  # one placement at a time per pool
            candidate_apply_check(candidate)
            if not candidate.eligible:
                raise GuardFailed(f"{candidate.name} er ikke valgbar: " + " ".join(candidate.failed_reasons),
                                  field="pool")
            if pool.gender and candidate.gender != pool.gender:
                raise GuardFailed(f"{pool.label} er for {pool.get_gender_display().lower()}e; {candidate.name} er "
                                  f"registrert som {candidate.get_gender_display().lower() or 'ukjent kjønn'}.",
                                  field="pool")
            taken = pool.candidates.exclude(pk=candidate.pk).count()
            if pool.size and taken >= pool.size:
                raise GuardFailed(f"{pool.label} er fullt ({pool.size}).", field="pool")
        candidate.pool = pool
        candidate.save()
        audit(round_, actor=actor, action=AuditAction.PROPOSAL_CHANGED,
              action_label=f"{candidate.name} {'satt inn i ' + pool.label if pool else 'tatt ut av forslaget'}"[:120],
              changes={"kandidat": candidate.name, "utvalg": {"fra": before, "til": pool.label if pool else ""}})
    return candidate


# --- the proposal: checks, balance, the case ----------------------------------------------------------------

def round_proposal_problems(*, round: AppointmentRound) -> list[str]:
    """Why the proposal is not complete and lawful yet (empty when it is)."""
    problems = []
    pools = list(round.pools.prefetch_related("candidates"))
    if not pools:
        return ["Runden har ingen utvalg."]
    for pool in pools:
        chosen = list(pool.candidates.all())
        if pool.size == 0:
            problems.append(f"{pool.label}: antallet er ikke fastsatt.")
        elif len(chosen) != pool.size:
            problems.append(f"{pool.label}: {len(chosen)} av {pool.size} er foreslått.")
        for c in chosen:
            if not c.eligible:
                problems.append(f"{c.name} er ikke valgbar.")
            if pool.gender and c.gender != pool.gender:
                problems.append(f"{c.name} står i feil utvalg ({pool.label}).")
        if pool.kind in (PoolKind.FORLIKSRAD_MEDLEM, PoolKind.FORLIKSRAD_VARA) and pool.size >= 2:
            genders = {c.gender for c in chosen}
            if not {Gender.FEMALE, Gender.MALE} <= genders:
                who = "medlemmene" if pool.kind == PoolKind.FORLIKSRAD_MEDLEM else "varamedlemmene"
                problems.append(f"Forliksrådet: både kvinner og menn må være representert blant {who} (dl. § 27).")
    return problems


AGE_GROUPS = [(21, 29), (30, 39), (40, 49), (50, 59), (60, 69)]


def round_balance(*, round: AppointmentRound) -> dict:
    """Balance shown on the round: sex per pool, and the age spread of the proposed (or all eligible)."""
    pools = []
    for pool in round.pools.prefetch_related("candidates"):
        chosen = list(pool.candidates.all())
        women = sum(1 for c in chosen if c.gender == Gender.FEMALE)
        men = sum(1 for c in chosen if c.gender == Gender.MALE)
        pools.append({"pool": pool, "label": pool.label, "size": pool.size, "proposed": len(chosen),
                      "women": women, "men": men, "full": pool.size > 0 and len(chosen) == pool.size})
    proposed = list(round.candidates.filter(pool__isnull=False))
    basis = "foreslåtte" if proposed else "valgbare kandidater"
    people = proposed or list(round.candidates.filter(eligible=True))
    ages = sorted(a for a in (c.age_on(round.period_start) for c in people) if a is not None)
    groups = []
    for low, high in AGE_GROUPS:
        n = sum(1 for a in ages if low <= a <= high)
        groups.append({"label": f"{low}–{high}", "count": n})
    warnings = []
    if ages and len(ages) >= 4:
        largest = max(g["count"] for g in groups)
        if largest / len(ages) > float(getattr(settings, "SAKSGANG_APPOINTMENT_AGE_GROUP_MAX_SHARE", 0.5)):
            warnings.append("Mer enn halvparten er i samme aldersgruppe; utvalgene skal ha en allsidig "
                            "sammensetning (dl. § 66).")
    women = sum(1 for c in people if c.gender == Gender.FEMALE)
    men = sum(1 for c in people if c.gender == Gender.MALE)
    return {
        "pools": pools, "basis": basis, "count": len(people), "women": women, "men": men,
        "ages": {"min": ages[0] if ages else None, "max": ages[-1] if ages else None,
                 "median": ages[len(ages) // 2] if ages else None},
        "age_groups": groups, "warnings": warnings,
    }


RULE_LABELS = {"alder": "alder", "bosted": "ikke bosatt i kommunen", "norsk": "norskkunnskaper",
               "stemmerett": "stemmerett", "konkurs": "konkurs", "yrke": "stilling (dl. § 71)",
               "vandel": "politiattest (dl. § 72)", "tidligere_perioder": "tidligere perioder"}


def proposal_lines(round: AppointmentRound) -> list[tuple[str, list[Candidate]]]:
    return [(pool.label, list(pool.candidates.order_by("family_name", "given_name")))
            for pool in round.pools.all()]


def _fmt_period(round: AppointmentRound) -> str:
    return f"{round.period_start:%d.%m.%Y}–{round.period_end:%d.%m.%Y}"


def proposal_paper(round: AppointmentRound) -> dict:
    """The generated saksframlegg text: kort fortalt first, then background, assessment, innstilling."""
    lines = proposal_lines(round)
    total = sum(len(c) for _, c in lines)
    balance = round_balance(round=round)
    electing = round.electing_organization.name if round.electing_organization else "Kommunestyret"
    what = {RoundKind.MEDDOMMERE: "meddommere til tingretten og lagmannsretten",
            RoundKind.FORLIKSRAD: "medlemmer og varamedlemmer til forliksrådet"}.get(round.kind, round.title.lower())
    summary = (
        f"{electing} skal velge {what} for perioden {round.period_start.year}–{round.period_end.year}. "
        f"Forslaget er {total} personer: {balance['women']} kvinner og {balance['men']} menn. "
        f"Forslaget ligger ute til offentlig ettersyn i minst {display_days()} dager før valget."
    )
    candidates = round.candidates.all()
    rejected = [c for c in candidates if c.eligible is False]
    background_lines = [
        f"Kommunen kunngjorde oppnevningen og ba om forslag på kandidater (domstolloven § 67). "
        f"Det kom inn {len(candidates)} forslag.",
    ]
    if rejected:
        # The paper becomes public with the agenda: no names or reasons of those not proposed, only counts.
        by_rule: dict[str, int] = {}
        for c in rejected:
            for r in c.eligibility:
                if not r.get("ok"):
                    by_rule[r["rule"]] = by_rule.get(r["rule"], 0) + 1
        order = list(RULE_LABELS)
        parts = [f"{RULE_LABELS.get(rule, rule)}: {n}"
                 for rule, n in sorted(by_rule.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)]
        background_lines.append(f"{len(rejected)} av kandidatene er ikke valgbare ({'; '.join(parts)}).")
    assessment = [f"Alle foreslåtte er kontrollert mot valgbarhetsreglene. Aldersspredning ved periodens start: "
                  f"{balance['ages']['min']}–{balance['ages']['max']} år (median {balance['ages']['median']})."]
    assessment += [f"{p['label']}: {p['proposed']} av {p['size']} ({p['women']} kvinner, {p['men']} menn)."
                   for p in balance["pools"]]
    assessment += balance["warnings"]
    rec = [f"{electing} velger disse for perioden {_fmt_period(round)}:"]
    for label, people in lines:
        rec.append("")
        rec.append(f"{label}:")
        rec += [f"{n}. {c.name}" + (f" (f. {c.birth_date.year})" if c.birth_date else "")
                for n, c in enumerate(people, start=1)]
    return {"summary": summary, "background": "\n".join(background_lines), "assessment": "\n".join(assessment),
            "recommendation": "\n".join(rec)}


def round_case_create(*, actor, round: AppointmentRound, arkivsaksnummer: str,
                      organization: Organization | None = None) -> AppointmentRound:
    """The proposal as a case for formannskapet (through the ordinary case workflow), linked to the round."""
    _require_secretariat(actor)
    if round.case_id:
        raise GuardFailed(f"Runden har allerede saken {round.case.arkivsaksnummer}.", field="case")
    if round.state != S.KONTROLLERT:
        raise GuardFailed("Saken lages når kandidatene er kontrollert (status «Kontrollert»); runden har status "
                          f"«{round.get_state_display()}».", field="case")
    problems = round_proposal_problems(round=round)
    if problems:
        raise GuardFailed("Forslaget er ikke komplett: " + " ".join(problems), field="candidates")
    organization = organization or round.proposing_organization or _org_of_type(OrganizationType.FORMANNSKAP)
    if organization is None:
        raise GuardFailed("Velg hvilket organ som skal innstille.", field="organization")
    with transaction.atomic():
        case = case_create(actor=actor, organization=organization, arkivsaksnummer=arkivsaksnummer,
                           title=f"Valg av {round.title[0].lower()}{round.title[1:]}", **proposal_paper(round))
        round.case = case
        round.save(update_fields=["case", "updated_at"])
        audit(round, actor=actor, action=AuditAction.CASE_CREATED, action_label=f"Sak {case.arkivsaksnummer} opprettet",
              changes={"sak": case.arkivsaksnummer, "organ": organization.name})
    return round


def _mark_elected(*, round: AppointmentRound) -> int:
    """Called by the `elect` transition: everyone in the proposal is elected."""
    return round.candidates.filter(pool__isnull=False).update(elected=True)


def round_display_status(round: AppointmentRound, today: dt.date | None = None) -> dict | None:
    """The 2-week clock of dl. § 68, for the page."""
    if not round.display_start:
        return None
    today = today or timezone.localdate()
    left = (round.display_end - today).days
    return {"start": round.display_start, "end": round.display_end, "days_left": max(left, 0),
            "over": left <= 0}
