"""Fixed text in the default templates and generated notes, in bokmål (nb) and nynorsk (nn)."""

LABELS = {
    "nb": {
        "page": "Side", "of": "av",
        "saksframlegg": "Saksframlegg",
        "arkivsaksnummer": "Arkivsaksnummer",
        "utvalgssaksnummer": "Utvalgssaksnummer",
        "saksbehandler": "Saksbehandler",
        "enhet": "Ansvarlig enhet",
        "saksgang": "Saksgang",
        "utvalg": "Utvalg",
        "motedato": "Møtedato",
        "kort_fortalt": "Kort fortalt",
        "bakgrunn": "Bakgrunn",
        "vurdering": "Vurdering",
        "okonomi": "Økonomiske konsekvenser",
        "innstilling": "Kommunedirektørens innstilling",
        "vedlegg": "Vedlegg",
        "ingen_vedlegg": "Ingen vedlegg.",
        "withheld": "Innholdet er unntatt offentlighet.",
        "section_withheld": "Dette avsnittet er unntatt offentlighet.",
        "attachment_withheld": "Vedlegget er unntatt offentlighet",
        "public_version": "Offentlig versjon",
        "innkalling": "Møteinnkalling",
        "tilleggsinnkalling": "Tilleggsinnkalling",
        "organ": "Organ",
        "tid": "Tid",
        "sted": "Sted",
        "fjernmote": "Fjernmøte (koml. § 11-7)",
        "forfall": ("Forfall meldes snarest til politisk sekretariat. Varamedlemmer møter etter nærmere beskjed. "
                    "Den som mener seg inhabil i en sak, må si fra før møtet (fvl. § 6, koml. § 11-10)."),
        "saksliste": "Saksliste",
        "saksnr": "Saksnr.",
        "tittel": "Tittel",
        "lukket": "Lukket møte",
        "tilleggssak": "Tilleggssak",
        "sakskart": "Sakskart",
        "protokoll": "Møteprotokoll",
        "til_stede": "Til stede",
        "forfall_heading": "Forfall",
        "vara": "Møtte for",
        "behandling": "Behandling",
        "votering": "Votering",
        "vedtak": "Vedtak",
        "forslag": "Forslag",
        "inhabil": "Inhabilitet",
        # who led an item when it was not the meeting's møteleder (koml. § 11-2; session 19, mforms)
        "leda_av": "Møteleder i saken", "chair_nestleder": "nestleder", "chair_setteleder": "setteleder",
        "chair_leder": "leder",
        "protokolltilforsel": "Protokolltilførsel",
        "hadde_ordet": "Hadde ordet",  # issue 16: when the body's reglement asks the protokoll to list speakers
        "ingen_vedtak": "Ikke behandlet.",
        "saerutskrift": "Særutskrift",
        "mote": "Møte",
        "rett_utskrift": "Rett utskrift bekreftes.",
        "closed_item": "Saken ble behandlet i lukket møte. Innholdet er ikke offentlig.",
        "fra": "fra",
        "enstemmig": "Enstemmig vedtatt.",
        "ingen": "Ingen.",
        "innkalte": "Innkalte medlemmer",
        "no_recommendation": "Innstillingen er ikke skrevet ennå.",
        "navn": "Navn",
        "innstilling_kort": "Innstilling",
        # questions (session 19): spørsmål og interpellasjoner
        "sporsmal_interpellasjoner": "Spørsmål og interpellasjoner",
        "svar": "Svar",
        "sporsmal_withheld": "Spørsmålet er unntatt offentlighet.",
        # people (issue 13): called-in substitutes and who met for whom
        "innkalte_vara": "Innkalte varamedlemmer",
        "moter_for": "Møter for",
        "motte_for": "Møtte for",
        # issue 13 (protocol): innstilling vs vedtak, outcomes, votes and roles in the document's målform
        "innstilling_til": "Innstilling til",
        "utfall": "Utfall",
        "vara_kort": "Vara",
        "parti": "Parti",
        "rolle": "Rolle",
    },
    "nn": {
        "page": "Side", "of": "av",
        "saksframlegg": "Saksframlegg",
        "arkivsaksnummer": "Arkivsaksnummer",
        "utvalgssaksnummer": "Utvalssaksnummer",
        "saksbehandler": "Saksbehandlar",
        "enhet": "Ansvarleg eining",
        "saksgang": "Saksgang",
        "utvalg": "Utval",
        "motedato": "Møtedato",
        "kort_fortalt": "Kort fortalt",
        "bakgrunn": "Bakgrunn",
        "vurdering": "Vurdering",
        "okonomi": "Økonomiske konsekvensar",
        "innstilling": "Kommunedirektøren si innstilling",
        "vedlegg": "Vedlegg",
        "ingen_vedlegg": "Ingen vedlegg.",
        "withheld": "Innhaldet er unnateke offentlegheit.",
        "section_withheld": "Dette avsnittet er unnateke offentlegheit.",
        "attachment_withheld": "Vedlegget er unnateke offentlegheit",
        "public_version": "Offentleg versjon",
        "innkalling": "Møteinnkalling",
        "tilleggsinnkalling": "Tilleggsinnkalling",
        "organ": "Organ",
        "tid": "Tid",
        "sted": "Stad",
        "fjernmote": "Fjernmøte (koml. § 11-7)",
        "forfall": ("Forfall må meldast snarast til politisk sekretariat. Varamedlemer møter etter nærare varsel. "
                    "Den som meiner seg ugild i ei sak, må seie frå før møtet (fvl. § 6, koml. § 11-10)."),
        "saksliste": "Saksliste",
        "saksnr": "Saksnr.",
        "tittel": "Tittel",
        "lukket": "Lukka møte",
        "tilleggssak": "Tilleggssak",
        "sakskart": "Sakskart",
        "protokoll": "Møteprotokoll",
        "til_stede": "Til stades",
        "forfall_heading": "Forfall",
        "vara": "Møtte for",
        "behandling": "Handsaming",
        "votering": "Røysting",
        "vedtak": "Vedtak",
        "forslag": "Framlegg",
        "inhabil": "Ugildskap",
        # who led an item when it was not the meeting's møteleiar (koml. § 11-2; session 19, mforms)
        "leda_av": "Møteleiar i saka", "chair_nestleder": "nestleiar", "chair_setteleder": "setteleiar",
        "chair_leder": "leiar",
        "protokolltilforsel": "Protokolltilførsel",
        "hadde_ordet": "Hadde ordet",
        "ingen_vedtak": "Ikkje handsama.",
        "saerutskrift": "Særutskrift",
        "mote": "Møte",
        "rett_utskrift": "Rett utskrift stadfesta.",
        "closed_item": "Saka vart handsama i lukka møte. Innhaldet er ikkje offentleg.",
        "fra": "frå",
        "enstemmig": "Samrøystes vedteke.",
        "ingen": "Ingen.",
        "innkalte": "Innkalla medlemer",
        "no_recommendation": "Innstillinga er ikkje skriven enno.",
        "navn": "Namn",
        "innstilling_kort": "Innstilling",
        # questions (session 19): spørsmål og interpellasjonar
        "sporsmal_interpellasjoner": "Spørsmål og interpellasjonar",
        "svar": "Svar",
        "sporsmal_withheld": "Spørsmålet er unnateke offentlegheit.",
        # people (issue 13): called-in substitutes and who met for whom
        "innkalte_vara": "Innkalla varamedlemer",
        "moter_for": "Møter for",
        "motte_for": "Møtte for",
        "innstilling_til": "Innstilling til",
        "utfall": "Utfall",
        "vara_kort": "Vara",
        "parti": "Parti",
        "rolle": "Rolle",
    },
}


# What happened to an item (meetings.ItemOutcome codes), the roles in a body (organizations.MembershipRole,
# keyed by their bokmål label as the selectors hand them over) and a vote's result, per målform. The data
# is bokmål; a document in nynorsk says it in nynorsk (issue 13).
OUTCOMES = {
    "nb": {"vedtatt": "Vedtatt", "utsatt": "Utsatt", "sendt_tilbake": "Sendt tilbake", "trukket": "Trukket",
           "tatt_til_orientering": "Tatt til orientering", "": "Ikke behandlet"},
    "nn": {"vedtatt": "Vedteke", "utsatt": "Utsett", "sendt_tilbake": "Sendt tilbake", "trukket": "Trekt",
           "tatt_til_orientering": "Teke til orientering", "": "Ikkje handsama"},
}

ROLES_NN = {"Leder": "Leiar", "Nestleder": "Nestleiar", "Medlem": "Medlem", "Varamedlem": "Varamedlem",
            "Varamedlemmer": "Varamedlemer"}

VOTE_WORDS = {
    "nb": {"adopted": "Vedtatt", "fell": "Falt", "against": "mot", "unanimous": "enstemmig",
           "no_votes": "ingen stemmer", "blank": "blanke", "blank_one": "blank", "møteleder": "møteleders dobbeltstemme",
           "loddtrekning": "avgjort ved loddtrekning", "recommendation_from": "Innstilling fra"},
    "nn": {"adopted": "Vedteke", "fell": "Fall", "against": "mot", "unanimous": "samrøystes",
           "no_votes": "ingen røyster", "blank": "blanke", "blank_one": "blank", "møteleder": "møteleiaren si dobbeltrøyst",
           "loddtrekning": "avgjort ved loddtrekking", "recommendation_from": "Innstilling frå"},
}


# The grounds for a closed item (meetings.ClosedBasis codes) in nynorsk; the bokmål label is the data's own.
CLOSED_BASIS_NN = {
    "11-5-2": "koml. § 11-5 andre ledd (lovfesta teieplikt)",
    "11-5-2-arb": "koml. § 11-5 andre ledd (arbeidstakaren sine tenestlege forhold)",
    "11-5-3-a": "koml. § 11-5 tredje ledd bokstav a (personvern)",
    "11-5-3-b": "koml. § 11-5 tredje ledd bokstav b (tungtvegande offentlege interesser)",
}


def closed_basis_label(code: str, label: str, maalform: str) -> str:
    return CLOSED_BASIS_NN.get(code, label) if maalform == "nn" else label


def outcome_label(outcome: str, maalform: str) -> str:
    return OUTCOMES.get(maalform, OUTCOMES["nb"]).get(outcome or "", outcome)


def role_label(role: str, maalform: str) -> str:
    """A membership role («Leder») in the document's målform («Leiar»)."""
    return ROLES_NN.get(role, role) if maalform == "nn" else role


def vote_result(vote: dict, maalform: str) -> str:
    """A vote's result from its data (adopted, for/against/blank counts, decided_by): «Vedtatt (6 mot 3)»,
    «Fall (3 mot 4, møteleiaren si dobbeltrøyst)». The document side's own wording, in its målform."""
    w = VOTE_WORDS.get(maalform, VOTE_WORDS["nb"])
    for_count, against, blank = vote.get("for_count", 0), vote.get("against_count", 0), vote.get("blank_count", 0)
    how = f"{for_count} {w['against']} {against}" if against else w["unanimous"]
    if not for_count and not against:
        how = w["no_votes"]
    if blank:
        how += f", {blank} {w['blank_one'] if blank == 1 else w['blank']}"
    tie = f", {w[vote['decided_by']]}" if vote.get("decided_by") in ("møteleder", "loddtrekning") else ""
    return f"{w['adopted'] if vote.get('adopted') else w['fell']} ({how}{tie})"


def proposal_by(by: str, maalform: str) -> str:
    """Who put a proposal forward; the innstilling's stored «Innstilling fra X» in the document's målform."""
    prefix = VOTE_WORDS["nb"]["recommendation_from"] + " "
    if maalform == "nn" and by.startswith(prefix):
        return f"{VOTE_WORDS['nn']['recommendation_from']} {by[len(prefix):]}"
    return by


def labels(maalform: str) -> dict:
    return LABELS.get(maalform, LABELS["nb"])


def exemption_marking(marking: str, maalform: str) -> str:
    """The exemption marking in the document's målform (the legal reference itself is the same)."""
    if maalform == "nn" and marking:
        return marking.replace("Unntatt offentlighet", "Unnateke offentlegheit")
    return marking
