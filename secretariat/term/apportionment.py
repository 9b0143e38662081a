"""Forholdsvalg on lists (koml. §§ 7-5, 7-6), the gender rule of avtalevalg (§ 7-7) and flertallsvalg (§ 7-8):
pure arithmetic, no database.

The law's words (kommuneloven 22. juni 2018 nr. 83, as read in Lovtidend; Prop. 46 L (2017–2018)):
- § 7-5 andre ledd: «Hvis det skal velges fire medlemmer eller flere, skal hvert kjønn være representert med minst
  40 prosent blant de foreslåtte kandidatene på den enkelte listen. Hvis det skal velges to eller tre medlemmer,
  skal begge kjønn være representert.» (list_gender_shortfalls). First ledd: «Antall navn på listen kan være dobbelt
  så høyt som antall medlemmer som skal velges» (MAX_NAMES_PER_SEAT).
- § 7-6 første ledd: seats «etter hvor mange stemmesedler hver liste har fått, ved bruk av delingstall 1, 2, 3, 4
  osv. Hvis flere lister har samme kvotient, tilfaller plassen den av listene som har fått flest stemmer. Har listene
  fått like mange stemmer, avgjøres valget ved loddtrekning.» (allocate_seats). Lots decide «valget» only when
  there are fewer seats left than lists tied on quotient and ballots: when each of them gets one of the seats left,
  the order of those seats changes nothing, and no lot is drawn (a meeting does not draw lots that decide nothing).
- § 7-6 andre ledd: the members are picked «i den rekkefølgen de står oppført på det innleverte listeforslaget».
- § 7-6 tredje ledd: «Hvis en liste får minst fire medlemmer i organet, skal hvert kjønn være representert med minst
  40 prosent fra listen. Får listen tre eller færre medlemmer i organet, skal begge kjønn være representert fra
  listen. [...] skal kandidater fra det underrepresenterte kjønnet rykke opp på listen inntil kravet er oppfylt.»
  (min_per_gender, _balanced). A list with one member cannot have both genders among its members; the rule then
  bites on its substitutes (three of them). Fourth ledd: for bodies that by law consist only of members of
  kommunestyret (formannskapet) and for arbeidsutvalg the rule is followed «så langt det er mulig».
- § 7-6 femte ledd: «Hver liste skal tildeles varamedlemmer. Så langt det er mulig, skal det være to flere
  varamedlemmer enn faste medlemmer. Varamedlemsplassene fordeles i samsvar med andre og tredje ledd.»
  (EXTRA_SUBSTITUTES; the substitutes are the list's remaining candidates in list order, gender-corrected.)
- Not in § 7-6: a list that wins more seats than it has candidates. Its surplus goes on to the next quotients, as
  valgloven does for a kommunestyre list with too few candidates.
- § 7-8: «Ved flertallsvalg er den personen valgt som har fått mer enn halvparten av de avgitte stemmene. Hvis ingen
  får mer enn halvparten av stemmene, holdes en ny avstemning. Den som får flest stemmer ved den nye avstemningen,
  blir valgt. Hvis to eller flere kandidater får like mange stemmer, avgjøres valget ved loddtrekning.»
  (majority_election). The new vote is not limited to the two with most votes: the 2018 text has no such rule.

Who draws: the møteleder draws the lots by hand in the meeting, and the record is the outcome the meeting got. A
`draw` returns that outcome as a `Lot` (drawn_by IN_MEETING), or a plain name when the system drew (draw_lots, where
the kommune lets it; lots.py decides which), or raises LotsUndecided when it has no outcome to give.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

# koml. § 7-6 femte ledd: «Så langt det er mulig, skal det være to flere varamedlemmer enn faste medlemmer.»
EXTRA_SUBSTITUTES = 2
# koml. § 7-5 første ledd: «Antall navn på listen kan være dobbelt så høyt som antall medlemmer som skal velges.»
MAX_NAMES_PER_SEAT = 2
GENDERS = ("K", "M")
GENDER_WORDS = {"K": "kvinner", "M": "menn"}
GENDER_WORD = {"K": "kvinne", "M": "mann"}


def people_of(count: int, gender: str) -> str:
    """«1 kvinne», «2 kvinner», «0 menn»."""
    return f"{count} {GENDER_WORD[gender] if count == 1 else GENDER_WORDS[gender]}"


def min_per_gender(count: int) -> int:
    """The fewest of each gender among `count` members (or substitutes) from a list (koml. § 7-6 tredje ledd) or in
    a body chosen by avtalevalg (§ 7-7 tredje ledd): four or more, at least 40 per cent; two or three, both
    genders; one, none (one person cannot be of both)."""
    if count <= 1:
        return 0
    if count <= 3:
        return 1
    return math.ceil(Fraction(2, 5) * count)


def list_gender_shortfalls(genders: Sequence[str], seats_to_elect: int) -> list[tuple[str, int, int]]:
    """§ 7-5 andre ledd on one listeforslag: (gender, have, need) for each gender below the rule. With four or
    more to elect, each gender at least 40 per cent of the names on the list; with two or three, both genders."""
    if seats_to_elect < 2 or not genders:
        return []
    need = 1 if seats_to_elect <= 3 else math.ceil(Fraction(2, 5) * len(genders))
    return [(g, sum(x == g for x in genders), need) for g in GENDERS if sum(x == g for x in genders) < need]


@dataclass(frozen=True)
class Candidate:
    key: object  # the caller's id (a Person pk)
    name: str
    gender: str  # "K", "M" or "" (not given: counts for neither)


@dataclass(frozen=True)
class ElectionList:
    name: str
    votes: int
    candidates: tuple[Candidate, ...]


IN_MEETING = "møtet"  # the møteleder drew the lots by hand in the meeting
BY_SYSTEM = "systemet"  # Saksgang drew them (draw_lots)


@dataclass(frozen=True)
class Lot:
    """One loddtrekning: between whom, who won, and who drew it (IN_MEETING or BY_SYSTEM)."""

    between: tuple[str, ...]
    winner: str
    drawn_by: str = BY_SYSTEM


class LotsUndecided(Exception):
    """A tie only lots can decide, and no outcome to use: none given (`reason` "missing"), one that is not among the
    tied ("not_tied", `given` is it), or the system asked to draw where the kommune does not let it
    ("system_not_allowed"), or more outcomes than the flertallsvalg's one loddtrekning ("one_only", `given` is them,
    one a line). `seat`: the seat of a forholdsvalg it decides (None in a flertallsvalg)."""

    def __init__(self, between: Sequence[str], *, reason: str = "missing", given: str = ""):
        super().__init__(f"lots undecided between {', '.join(between)} ({reason})")
        self.between, self.reason, self.given = tuple(between), reason, given
        self.seat: int | None = None


@dataclass(frozen=True)
class SeatStep:
    """One seat given: to which list, at which quotient (votes / divisor), and how a tie was settled."""

    number: int
    list_name: str
    votes: int
    divisor: int
    quotient: Fraction
    tie_with: tuple[str, ...] = ()
    # "", "stemmetall" (more ballots), "alle" (equal ballots, but each of the tied gets one of the seats left: no
    # lots) or "loddtrekning" (lots; `lot` says who drew them and between whom)
    tie_rule: str = ""
    lot: Lot | None = None


@dataclass
class ListResult:
    name: str
    votes: int
    seats: int = 0
    members: list[Candidate] = field(default_factory=list)
    substitutes: list[Candidate] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Result:
    seats: int
    steps: list[SeatStep]
    lists: list[ListResult]
    warnings: list[str] = field(default_factory=list)

    def seats_by_list(self) -> dict[str, int]:
        return {r.name: r.seats for r in self.lists}


Draw = Callable[[Sequence[str]], str | Lot]


def draw_lots(names: Sequence[str]) -> str:
    """Loddtrekning by the system: a fair pick (the result records that the system drew, and between whom)."""
    return secrets.choice(list(names))


def _drawn(draw: Draw, between: Sequence[str]) -> Lot:
    got = draw(between)
    lot = got if isinstance(got, Lot) else Lot(between=tuple(between), winner=got)
    if lot.winner not in between:
        raise ValueError(f"the lot's winner {lot.winner!r} is not among {list(between)!r}")
    return lot


def allocate_seats(lists: Sequence[ElectionList], seats: int, *, draw: Draw = draw_lots) -> list[SeatStep]:
    """§ 7-6 første ledd: the seats one by one to the largest quotient votes / (seats won + 1); equal quotients to
    the list with more votes, equal votes by lot when fewer seats are left than lists so tied (else each gets one of
    them, in the order the lists were given). A list with no candidate left, or no votes, takes no seat. Raises
    LotsUndecided (with the seat) when `draw` has no outcome."""
    won = {lst.name: 0 for lst in lists}
    capacity = {lst.name: len(lst.candidates) for lst in lists}
    votes = {lst.name: lst.votes for lst in lists}
    steps: list[SeatStep] = []
    for number in range(1, seats + 1):
        open_lists = [n for n in won if won[n] < capacity[n] and votes[n] > 0]
        if not open_lists:
            break
        quotient = {n: Fraction(votes[n], won[n] + 1) for n in open_lists}
        best = max(quotient.values())
        tied = [n for n in open_lists if quotient[n] == best]
        rule, lot = "", None
        if len(tied) > 1:
            most = max(votes[n] for n in tied)
            leaders = [n for n in tied if votes[n] == most]
            if len(leaders) == 1:
                winner, rule = leaders[0], "stemmetall"
            elif seats - number + 1 >= len(leaders):
                # Each of them gets one of the seats left (the others' quotients are lower, a winner's next one too):
                # the lot would only order the seats, it decides nothing.
                winner, rule = leaders[0], "alle"
            else:
                try:
                    lot = _drawn(draw, leaders)
                except LotsUndecided as exc:
                    exc.seat = number
                    raise
                winner, rule = lot.winner, "loddtrekning"
        else:
            winner = tied[0]
        steps.append(SeatStep(number=number, list_name=winner, votes=votes[winner], divisor=won[winner] + 1,
                              quotient=best, tie_with=tuple(n for n in tied if n != winner), tie_rule=rule, lot=lot))
        won[winner] += 1
    return steps


def _balanced(pool: Sequence[Candidate], count: int, *, what: str, one: str) -> tuple[list[Candidate], list[str], list[str]]:
    """The first `count` of `pool` in list order (§ 7-6 andre ledd), corrected so each gender has
    min_per_gender(count) (tredje ledd): the under-represented gender's next candidates «rykke opp» ahead of the
    last picked of the other gender."""
    chosen = list(pool[:count])
    corrections: list[str] = []
    warnings: list[str] = []
    need = min_per_gender(len(chosen))
    for gender in GENDERS:
        other = "M" if gender == "K" else "K"
        while sum(c.gender == gender for c in chosen) < need:
            waiting = [c for c in pool if c not in chosen and c.gender == gender]
            displaced = [c for c in chosen if c.gender == other]
            if not waiting or not displaced:
                have = sum(c.gender == gender for c in chosen)
                warnings.append(f"Kravet om minst {people_of(need, gender)} blant {what} kan ikke oppfylles fra "
                                f"lista (har {have}).")
                break
            up, out = waiting[0], displaced[-1]
            chosen[chosen.index(out)] = up
            corrections.append(f"{up.name} rykker opp som {one} foran "
                               f"{out.name} (kjønnsbalanse, koml. § 7-6 tredje ledd).")
    order = {id(c): i for i, c in enumerate(pool)}
    chosen.sort(key=lambda c: order[id(c)])
    return chosen, corrections, warnings


def elect_from_list(candidates: Sequence[Candidate], seats: int, *, extra_substitutes: int = EXTRA_SUBSTITUTES
                    ) -> tuple[list[Candidate], list[Candidate], list[str], list[str]]:
    """Members and substitutes of one list: (members, substitutes, corrections, warnings). The substitutes are
    the remaining candidates, members + `extra_substitutes` of them as far as the list goes (§ 7-6 femte ledd)."""
    members, corrections, warnings = _balanced(candidates, seats, what="medlemmer", one="medlem")
    rest = [c for c in candidates if c not in members]
    substitutes, sub_corrections, sub_warnings = ([], [], [])
    if seats:
        substitutes, sub_corrections, sub_warnings = _balanced(rest, seats + extra_substitutes, what="varamedlemmer",
                                                                       one="varamedlem")
    return members, substitutes, corrections + sub_corrections, warnings + sub_warnings


def proportional_election(lists: Sequence[ElectionList], seats: int, *, draw: Draw = draw_lots,
                          extra_substitutes: int = EXTRA_SUBSTITUTES) -> Result:
    """The whole valgoppgjør of a forholdsvalg: seats per list, then members and substitutes per list."""
    steps = allocate_seats(lists, seats, draw=draw)
    results = []
    for lst in lists:
        won = sum(1 for s in steps if s.list_name == lst.name)
        members, substitutes, corrections, warnings = elect_from_list(lst.candidates, won,
                                                                      extra_substitutes=extra_substitutes)
        results.append(ListResult(name=lst.name, votes=lst.votes, seats=won, members=members,
                                  substitutes=substitutes, corrections=corrections, warnings=warnings))
    overall = []
    if len(steps) < seats:
        overall.append(f"Bare {len(steps)} av {seats} plasser kunne fordeles: listene har for få kandidater.")
    return Result(seats=seats, steps=steps, lists=results, warnings=overall)


def quotient_table(lists: Sequence[ElectionList], rows: int) -> list[tuple[str, int, list[Fraction]]]:
    """For the page and the paper: each list's quotients votes/1, votes/2 … votes/rows."""
    return [(lst.name, lst.votes, [Fraction(lst.votes, d) for d in range(1, rows + 1)]) for lst in lists]


@dataclass(frozen=True)
class MajorityResult:
    """A flertallsvalg (§ 7-8): who is elected, in which vote, and whether a lot decided it. `elected` is None
    when no one had more than half of the votes cast in the first vote and a new vote must be held."""

    elected: str | None
    decided_in: int  # 1: the first vote; 2: the new vote
    cast: int  # the votes cast in the deciding vote (blank ballots not among them)
    votes: int = 0  # the elected's votes in that vote
    tie_with: tuple[str, ...] = ()
    drawn: bool = False
    lot: Lot | None = None  # who drew the lots and between whom, when drawn

    @property
    def needs_new_vote(self) -> bool:
        return self.elected is None


def majority_election(first: dict[str, int], new_vote: dict[str, int] | None = None, *,
                      draw: Draw = draw_lots) -> MajorityResult:
    """§ 7-8: elected is the one with more than half of the votes cast; if no one has that, a new vote is held and
    the one with most votes in it is elected, equal votes decided by lot. `first` and `new_vote` map a candidate
    to the votes for them; the new vote may have other candidates than the first (the law does not limit it).
    Raises LotsUndecided when the new vote is tied and `draw` has no outcome."""
    cast = sum(first.values())
    if cast <= 0:
        raise ValueError("no votes cast")
    leader = max(first, key=lambda name: first[name])
    if 2 * first[leader] > cast:
        return MajorityResult(elected=leader, decided_in=1, cast=cast, votes=first[leader])
    if new_vote is None:
        return MajorityResult(elected=None, decided_in=1, cast=cast)
    cast = sum(new_vote.values())
    if cast <= 0:
        raise ValueError("no votes cast in the new vote")
    most = max(new_vote.values())
    tied = [name for name, v in new_vote.items() if v == most]
    if len(tied) == 1:
        return MajorityResult(elected=tied[0], decided_in=2, cast=cast, votes=most)
    lot = _drawn(draw, tied)
    return MajorityResult(elected=lot.winner, decided_in=2, cast=cast, votes=most,
                          tie_with=tuple(n for n in tied if n != lot.winner), drawn=True, lot=lot)
