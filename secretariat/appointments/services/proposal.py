"""The proposal as a case for formannskapet: the generated saksframlegg text and the case linked to the round."""

from __future__ import annotations

from django.db import transaction

from secretariat.cases.services import case_create
from secretariat.organizations.models import Organization, OrganizationType
from workflows.actions import AuditAction
from workflows.appointment import display_days
from workflows.engine import audit
from workflows.errors import GuardFailed

from ..models import AppointmentRound, Candidate, RoundKind
from ._common import S, active_organization_of_type, require_appointments_handler
from .balance import round_balance, round_proposal_problems

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
    require_appointments_handler(actor)
    if round.case_id:
        raise GuardFailed(f"Runden har allerede saken {round.case.arkivsaksnummer}.", field="case")
    if round.state != S.KONTROLLERT:
        raise GuardFailed("Saken lages når kandidatene er kontrollert (status «Kontrollert»); runden har status "
                          f"«{round.get_state_display()}».", field="case")
    problems = round_proposal_problems(round=round)
    if problems:
        raise GuardFailed("Forslaget er ikke komplett: " + " ".join(problems), field="candidates")
    organization = organization or round.proposing_organization or active_organization_of_type(OrganizationType.FORMANNSKAP)
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
