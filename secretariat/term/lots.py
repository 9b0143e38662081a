"""Loddtrekning in the valgperiode's elections: a forholdsvalg's seat (koml. § 7-6 første ledd) and a flertallsvalg
(§ 7-8) tied so that only lots can decide. The møteleder draws the lots by hand in the meeting; the fagleder records
who won, and that outcome is the result, not a new draw by the computer. Saksgang draws only where the kommune lets
it: the setting SAKSGANG_SYSTEM_MAY_DRAW_LOTS (default False: the meeting draws) *(check: the kommune's reglement)*.

A tie with no outcome is a question («Stemmelikhet mellom X og Y: valget avgjøres ved loddtrekning (koml. § 7-8).
Hvem vant loddtrekningen i møtet?») and nothing is stored until it is answered; an outcome naming someone not tied
is refused, naming the tied. The record (the audit row, the stored result) says who drew, «loddtrekning i møtet» or
«loddtrekning av systemet», between whom, and who won.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError

from . import apportionment as ap
from .textinput import name_key

# What the page posts, and the command's --systemet-trekker means, for «let the system draw» (not a name: names have
# no brackets).
SYSTEM_CHOICE = "[systemet]"
HOW = {ap.IN_MEETING: "loddtrekning i møtet", ap.BY_SYSTEM: "loddtrekning av systemet"}


def system_may_draw() -> bool:
    return bool(getattr(settings, "SAKSGANG_SYSTEM_MAY_DRAW_LOTS", False))


def names_text(names: Sequence[str]) -> str:
    """«A og B», «A, B og C»."""
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} og {names[-1]}"


class MeetingLots:
    """An apportionment draw that gives the outcomes the meeting got, one per tie in the order the ties arise
    (`outcomes`: a tied name, or SYSTEM_CHOICE). A tie without an outcome: the system draws (`draw`) if
    `system_draws_rest` and the kommune lets it, else LotsUndecided."""

    def __init__(self, outcomes: Sequence[str] = (), *, system_draws_rest: bool = False, draw: ap.Draw = ap.draw_lots):
        self.outcomes = clean_outcomes(outcomes)
        self.system_draws_rest, self.draw = system_draws_rest, draw
        self.used = 0

    def __call__(self, between: Sequence[str]) -> ap.Lot:
        answer = self.outcomes[self.used] if self.used < len(self.outcomes) else ""
        if answer == SYSTEM_CHOICE or (not answer and self.system_draws_rest):
            if not system_may_draw():
                raise ap.LotsUndecided(between, reason="system_not_allowed", given=answer)
            got = self.draw(between)
            lot = got if isinstance(got, ap.Lot) else ap.Lot(between=tuple(between), winner=got,
                                                              drawn_by=ap.BY_SYSTEM)
        elif not answer:
            raise ap.LotsUndecided(between)
        else:
            winner = next((n for n in between if name_key(n) == name_key(answer)), None)
            if winner is None:
                raise ap.LotsUndecided(between, reason="not_tied", given=answer)
            lot = ap.Lot(between=tuple(between), winner=winner, drawn_by=ap.IN_MEETING)
        self.used += 1
        return lot

    def answered(self) -> list[str]:
        """The outcomes used before the tie that stopped the count."""
        return self.outcomes[:self.used]

    def unused(self) -> list[str]:
        return self.outcomes[self.used:]


def clean_outcomes(outcomes: Sequence[str]) -> list[str]:
    return [o.strip() for o in outcomes if o and o.strip()]


def message(exc: ap.LotsUndecided) -> str:
    """The question for a tie without an outcome, or why the outcome given is refused: in Norwegian, naming the
    tied."""
    names = names_text(exc.between)
    seat = f" om plass {exc.seat}" if exc.seat else ""
    law = "koml. § 7-6 første ledd" if exc.seat else "koml. § 7-8"
    if exc.reason == "not_tied":
        return (f"«{exc.given}» sto ikke likt: loddtrekningen{seat} er mellom {names} ({law}). Oppgi hvem av dem som "
                "vant loddtrekningen i møtet.")
    if exc.reason == "one_only":
        return one_lot_only(exc.between, exc.given.splitlines())
    if exc.reason == "system_not_allowed":
        return (f"Kommunen lar ikke systemet trekke lodd. Stemmelikhet{seat} mellom {names}: oppgi hvem som vant "
                f"loddtrekningen i møtet ({law}).")
    tie = " (lik kvotient og like mange stemmesedler)" if exc.seat else ""
    what = "plassen" if exc.seat else "valget"
    text = (f"Stemmelikhet{seat} mellom {names}{tie}: {what} avgjøres ved loddtrekning ({law}). Hvem vant "
            "loddtrekningen i møtet?")
    return text + (" Eller la systemet trekke lodd." if system_may_draw() else "")


def one_lot_only(between: Sequence[str], outcomes: Sequence[str]) -> str:
    """A flertallsvalg given more than one outcome: it has one loddtrekning, and which outcome is the meeting's is not
    for Saksgang to guess (the page posts one; a second can only be a forged or stale hidden field)."""
    shown = ["la systemet trekke" if o == SYSTEM_CHOICE else o for o in outcomes]
    return (f"Et flertallsvalg avgjøres ved én loddtrekning (koml. § 7-8), men det er oppgitt {len(outcomes)} utfall "
            f"({names_text(shown)}). Oppgi bare hvem som vant loddtrekningen i møtet.")


class LotsQuestion(ValidationError):
    """A tie to be decided by lots, as a ValidationError on `field`: the question (no outcome given) or the refusal.
    `between`: the tied (the choices); `answered`: the outcomes already used for the ties before it."""

    def __init__(self, exc: ap.LotsUndecided, *, field: str, answered: Sequence[str]):
        super().__init__({field: [message(exc)]})
        self.between, self.seat, self.answered = exc.between, exc.seat, list(answered)


def sentence(lot: ap.Lot) -> str:
    """«loddtrekning i møtet mellom Kari Nordmann og Ola Dalen; Ola Dalen vant»."""
    return f"{HOW[lot.drawn_by]} mellom {names_text(lot.between)}; {lot.winner} vant"


def audit_data(lot: ap.Lot, *, seat: int | None = None) -> dict:
    """The audit row's record of one loddtrekning."""
    return {**({"plass": seat} if seat else {}), "hvordan": HOW[lot.drawn_by], "mellom": list(lot.between),
            "vant": lot.winner}


def result_data(lot: ap.Lot) -> dict:
    """The stored result's record of one loddtrekning (BodyElection.result)."""
    return {"between": list(lot.between), "winner": lot.winner, "drawn_by": lot.drawn_by, "text": sentence(lot)}
