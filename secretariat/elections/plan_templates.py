"""The valgstyre's plan per election type, as data (DOMAIN.md §3, valgloven 2023).

Each row becomes a dated ElectionTask when a project is created; the secretariat then adjusts the
project's own rows (dates, responsible people, extra tasks). Change the defaults here, or per kommune in
settings: SAKSGANG_ELECTION_TEMPLATES = {"kommunestyrevalg": [...], ...} replaces a type's list.

A date rule is one of:
  ("fixed", month, day)            – that date in the election year (31 March, 30 June …)
  ("election", offset_days)        – election day + offset (negative = before)
  ("last_weekday_before", weekday) – the last such weekday (0 = Monday … 4 = Friday) before election day
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class ElectionType:
    KOMMUNESTYRE_FYLKESTING = "kommunestyrevalg"
    STORTING = "stortingsvalg"
    SAMETING = "sametingsvalg"

    choices = [
        (KOMMUNESTYRE_FYLKESTING, "Kommunestyre- og fylkestingsvalg"),
        (STORTING, "Stortingsvalg"),
        (SAMETING, "Sametingsvalg"),
    ]


@dataclass(frozen=True)
class TaskTemplate:
    key: str
    title: str
    due: tuple
    starts: tuple | None = None      # a period (e.g. advance voting) has a start rule too
    due_time: dt.time | None = None
    milestone: bool = True           # a statutory milestone (vs. an internal task)
    responsible_role: str = "Valgansvarlig"
    description: str = ""


def resolve(rule: tuple, election_day: dt.date) -> dt.date:
    kind = rule[0]
    if kind == "fixed":
        return dt.date(election_day.year, rule[1], rule[2])
    if kind == "election":
        return election_day + dt.timedelta(days=rule[1])
    if kind == "last_weekday_before":
        day = election_day - dt.timedelta(days=1)
        while day.weekday() != rule[1]:
            day -= dt.timedelta(days=1)
        return day
    raise ValueError(f"Ukjent datoregel {rule!r}")


FRIDAY = 4

# Shared by the general elections (valgloven 2023; dates as in the 2023 and 2025 elections).
COMMON: list[TaskTemplate] = [
    TaskTemplate("budsjett", "Valgbudsjett og bemanningsplan vedtatt", ("fixed", 1, 31), milestone=False,
                 responsible_role="Valgansvarlig"),
    TaskTemplate("listeforslag_frist", "Frist for listeforslag", ("fixed", 3, 31), due_time=dt.time(12, 0),
                 responsible_role="Valgstyrets sekretær",
                 description="Listeforslag må være kommet inn innen 31. mars kl. 12.00."),
    TaskTemplate("listeforslag_godkjent", "Valgstyret behandler listeforslagene", ("fixed", 5, 15), milestone=False,
                 responsible_role="Valgstyret",
                 description="Godkjenning av listeforslag i valgstyremøte (sjekk dato mot valgdirektoratets plan)."),
    TaskTemplate("stemmestyrer", "Stemmestyrer oppnevnt", ("fixed", 5, 31), milestone=False,
                 responsible_role="Valgstyret",
                 description="Valgstyret oppnevner stemmestyrene for valgdagen(e)."),
    TaskTemplate("manntall", "Skjæringsdato for manntallet", ("fixed", 6, 30),
                 responsible_role="Valgansvarlig",
                 description="Velgere som er folkeregistrert bosatt i kommunen 30. juni, står i manntallet."),
    TaskTemplate("tidligstemmer", "Tidligstemmegivning", ("fixed", 8, 9), starts=("fixed", 7, 1),
                 responsible_role="Valgansvarlig", description="Tidligstemmegivning 1. juli – 9. august."),
    TaskTemplate("forhandsstemmer", "Forhåndsstemmegivning", ("last_weekday_before", FRIDAY),
                 starts=("fixed", 8, 10), responsible_role="Valgansvarlig",
                 description="Forhåndsstemmegivning 10. august – siste fredag før valgdagen."),
    TaskTemplate("opptelling_forhand", "Opptelling av forhåndsstemmer kan starte", ("election", -1),
                 responsible_role="Valgstyret", description="Kan starte dagen før valgdagen."),
    TaskTemplate("valgdag", "Valgdagen", ("election", 0), responsible_role="Valgstyret"),
    TaskTemplate("forelopig_opptelling", "Foreløpig opptelling og rapportering av resultat", ("election", 0),
                 responsible_role="Valgstyret"),
    TaskTemplate("endelig_opptelling", "Endelig opptelling", ("election", 2), responsible_role="Valgstyret",
                 description="Endelig opptelling og kontroll (sjekk fristen mot valgdirektoratets plan)."),
    TaskTemplate("valgprotokoll", "Valgstyrets møtebok (del A–E) signert og arkivert", ("election", 14),
                 responsible_role="Valgstyrets sekretær"),
    TaskTemplate("evaluering", "Evaluering av valget og notater til neste valg", ("election", 60), milestone=False,
                 responsible_role="Valgansvarlig"),
]

TEMPLATES: dict[str, list[TaskTemplate]] = {
    ElectionType.KOMMUNESTYRE_FYLKESTING: [
        *COMMON,
        TaskTemplate("konstituering", "Kommunestyret konstitueres", ("fixed", 10, 15), milestone=False,
                     responsible_role="Politisk sekretariat",
                     description="Det nye kommunestyret holder konstituerende møte (sjekk dato)."),
    ],
    ElectionType.STORTING: list(COMMON),
    ElectionType.SAMETING: list(COMMON),
}


def templates_for(election_type: str) -> list[TaskTemplate]:
    from django.conf import settings

    custom = getattr(settings, "SAKSGANG_ELECTION_TEMPLATES", {}) or {}
    return list(custom.get(election_type) or TEMPLATES.get(election_type, COMMON))
