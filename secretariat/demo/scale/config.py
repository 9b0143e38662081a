"""seed_scale's fixed inputs: the seed, the sizes and the kommune's reference lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from secretariat.cases.exemptions import ExemptionBasis
from secretariat.organizations.models import (
    OrganizationType,
)
from workflows.meeting import MeetingState

SEED = 17


@dataclass(frozen=True)
class Size:
    organizations: int
    persons: int
    meetings: int
    cases: int
    ballots: int
    followups: int
    audit: int
    documents: int
    real_documents: int


SIZES = {
    "small": Size(6, 60, 40, 300, 560, 116, 2_800, 1_460, 2),
    "medium": Size(12, 150, 310, 3_000, 5_600, 1_160, 28_000, 14_600, 4),
    "large": Size(25, 400, 3_100, 30_000, 56_000, 11_600, 280_000, 146_000, 6),
}

PARTIES = [("Arbeiderpartiet", "Ap", "#c8102e", 9), ("Høyre", "H", "#0065f1", 8), ("Senterpartiet", "Sp", "#00843d", 6),
           ("Fremskrittspartiet", "FrP", "#004f80", 5), ("Sosialistisk Venstreparti", "SV", "#bc2149", 3),
           ("Kristelig Folkeparti", "KrF", "#ffbe00", 2), ("Venstre", "V", "#00807b", 1),
           ("Miljøpartiet De Grønne", "MDG", "#3e7c33", 1)]

# slug, name, type, seats, meetings a year (weight), next body
ORGANIZATIONS = [
    ("kommunestyret", "Kommunestyret", OrganizationType.KOMMUNESTYRE, 35, 10, None),
    ("formannskapet", "Formannskapet", OrganizationType.FORMANNSKAP, 9, 18, "kommunestyret"),
    ("oppvekst-og-kultur", "Hovedutvalg for oppvekst og kultur", OrganizationType.UTVALG, 11, 10, "kommunestyret"),
    ("plan-teknikk-miljo", "Hovedutvalg for plan, teknikk og miljø", OrganizationType.UTVALG, 11, 12, "kommunestyret"),
    ("kontrollutvalget", "Kontrollutvalget", OrganizationType.KONTROLLUTVALG, 5, 6, "kommunestyret"),
    ("eldreradet", "Eldrerådet", OrganizationType.ELDRERAD, 5, 6, None),
    ("helse-og-omsorg", "Hovedutvalg for helse og omsorg", OrganizationType.UTVALG, 11, 10, "kommunestyret"),
    ("valgstyret", "Valgstyret", OrganizationType.VALGSTYRE, 9, 3, None),
    ("ungdomsradet", "Ungdomsrådet", OrganizationType.UNGDOMSRAD, 7, 6, None),
    ("rad-funksjonsnedsettelse", "Råd for personer med funksjonsnedsettelse", OrganizationType.FUNKSJONSHEMMEDE_RAD,
     5, 5, None),
    ("administrasjonsutvalget", "Administrasjonsutvalget", OrganizationType.UTVALG, 7, 5, None),
    ("naering-og-landbruk", "Utvalg for næring og landbruk", OrganizationType.UTVALG, 7, 8, "formannskapet"),
]
EXTRA_BODIES = ["Arbeidsutvalg for kommuneplanen", "Klagenemnda", "Fellesnemnd for brannvesenet",
                "Partssammensatt utvalg", "Styret for Storvik havn KF", "Viltnemnda", "Kulturutvalget",
                "Utvalg for samferdsel", "Skolebruksutvalget", "Beredskapsrådet", "Idrettsrådet",
                "Fjellstyret", "Utvalg for klima og miljø"]

UNITS = ["Plan og utvikling", "Oppvekst og kultur", "Helse og omsorg", "Økonomi og styring", "Kommunalteknikk",
         "Politisk sekretariat", "Eiendom", "Næring og landbruk"]
TERMS = [("2015–2019", dt.date(2015, 10, 1), dt.date(2019, 9, 30)),
         ("2019–2023", dt.date(2019, 10, 1), dt.date(2023, 9, 30)),
         ("2023–2027", dt.date(2023, 10, 1), dt.date(2027, 9, 30))]
HELD = {MeetingState.GJENNOMFORT, MeetingState.PROTOKOLL_UTKAST, MeetingState.PROTOKOLL_GODKJENT,
        MeetingState.ARKIVERT}
EXEMPT_BASES = [ExemptionBasis.OFFL13_FVL13_1, ExemptionBasis.OFFL13_BVL, ExemptionBasis.OFFL23_1,
                ExemptionBasis.OFFL13_HPL]
BATCH = 5000
