"""Forholdsvalg on lists (koml. §§ 7-5, 7-6): pure arithmetic, no database.

The law (kommuneloven 2018 § 7-6, carried on from koml. 1992 § 37):
- (1) the seats go to the lists «etter hvor mange stemmesedler hver liste har fått» (the wording the department
  quotes in its letter of 11 October 2019 on §§ 7-5 and 7-6, which says the 2018 sections carry on §§ 36–37 of
  the 1992 act): each list's number is divided by 1 – 2 – 3 – 4 …, and the seats go one by one to the largest
  quotients (d'Hondt, as DOMAIN.md §7b says; the statute's own text could not be read from here, so: check).
  Equal quotients: the list with the larger number of ballots wins the seat; equal numbers too: lots
  (loddtrekning). A list with no candidate left drops out and the remaining seats go to the other lists.
- (2) the candidates of a list are elected in the order they stand on it (since 2018 a ballot may not be changed).
- (3) each gender must be represented among the members elected from a list as § 7-5 requires of the list itself:
  2–3 seats: both genders; 4–5: at least 2 of each; 6–8: at least 3; 9: at least 4; more than 9: at least 40 %.
  Where the elected fall short, candidates of the under-represented gender move up ahead of the last elected of
  the other gender. The same holds for the substitutes.
- substitutes: from each list as many as it got members, plus two (EXTRA_SUBSTITUTES), in list order.
Where a list lacks candidates of a gender the rule cannot be met from that list: the result says so (for
formannskapet, whose members must sit in kommunestyret, the rule applies «så langt det er mulig»).
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

# koml. § 7-6: as many substitutes from a list as it got members, plus two (check: a setting with this default).
EXTRA_SUBSTITUTES = 2
GENDERS = ("K", "M")
GENDER_WORDS = {"K": "kvinner", "M": "menn"}


def min_per_gender(seats: int) -> int:
    """The fewest of each gender among `seats` elected (koml. § 7-5 / § 7-6 (3))."""
    if seats <= 1:
        return 0
    if seats <= 3:
        return 1
    if seats <= 5:
        return 2
    if seats <= 8:
        return 3
    if seats == 9:
        return 4
    return math.ceil(Fraction(2, 5) * seats)


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


@dataclass(frozen=True)
class SeatStep:
    """One seat given: to which list, at which quotient (votes / divisor), and how a tie was settled."""

    number: int
    list_name: str
    votes: int
    divisor: int
    quotient: Fraction
    tie_with: tuple[str, ...] = ()
    tie_rule: str = ""  # "", "stemmetall" (more ballots) or "loddtrekning" (lots)


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


Draw = Callable[[Sequence[str]], str]


def draw_lots(names: Sequence[str]) -> str:
    """Loddtrekning: a fair pick (the result records that lots were drawn and between whom)."""
    return secrets.choice(list(names))


def allocate_seats(lists: Sequence[ElectionList], seats: int, *, draw: Draw = draw_lots) -> list[SeatStep]:
    """d'Hondt (koml. § 7-6 (1)): the seats one by one to the largest quotient votes / (seats won + 1)."""
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
        rule = ""
        if len(tied) > 1:
            most = max(votes[n] for n in tied)
            leaders = [n for n in tied if votes[n] == most]
            if len(leaders) == 1:
                winner, rule = leaders[0], "stemmetall"
            else:
                winner, rule = draw(leaders), "loddtrekning"
        else:
            winner = tied[0]
        steps.append(SeatStep(number=number, list_name=winner, votes=votes[winner], divisor=won[winner] + 1,
                              quotient=best, tie_with=tuple(n for n in tied if n != winner), tie_rule=rule))
        won[winner] += 1
    return steps


def _balanced(pool: Sequence[Candidate], count: int, *, what: str, one: str) -> tuple[list[Candidate], list[str], list[str]]:
    """The first `count` of `pool` in list order, corrected so each gender has min_per_gender(count) (§ 7-6 (3)):
    the under-represented gender's next candidates move up ahead of the last elected of the other gender."""
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
                warnings.append(f"Kravet om minst {need} {GENDER_WORDS[gender]} blant {what} kan ikke oppfylles fra "
                                f"lista (har {have}).")
                break
            up, out = waiting[0], displaced[-1]
            chosen[chosen.index(out)] = up
            corrections.append(f"{up.name} rykker opp som {one} foran "
                               f"{out.name} (kjønnsbalanse, koml. § 7-6 (3)).")
    order = {id(c): i for i, c in enumerate(pool)}
    chosen.sort(key=lambda c: order[id(c)])
    return chosen, corrections, warnings


def elect_from_list(candidates: Sequence[Candidate], seats: int, *, extra_substitutes: int = EXTRA_SUBSTITUTES
                    ) -> tuple[list[Candidate], list[Candidate], list[str], list[str]]:
    """Members and substitutes of one list: (members, substitutes, corrections, warnings)."""
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
