"""Forholdsvalg (koml. §§ 7-5, 7-6) against worked examples, written out with their arithmetic, and properties of
the d'Hondt allocation (hypothesis)."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from secretariat.term import apportionment as ap


def _list(name, votes, genders):
    return ap.ElectionList(name=name, votes=votes, candidates=tuple(
        ap.Candidate(key=f"{name}{i}", name=f"{name}{i}", gender=g) for i, g in enumerate(genders, start=1)))


def _pick(name):
    return lambda names: name


def test_the_formannskap_example_with_a_tie_by_ballots_and_a_tie_by_lots():
    # Seven seats; the new kommunestyret's groups vote for their own lists: Ap 8, H 7, Sp 4, FrP 4, SV 2, KrF 2.
    #            / 1    / 2    / 3
    #   Ap        8      4     2,67
    #   H         7     3,5    2,33
    #   Sp        4      2
    #   FrP       4      2
    #   SV        2
    #   KrF       2
    # Seat 1: Ap 8. Seat 2: H 7. Seats 3–5: three quotients of 4 (Ap 8/2, Sp 4/1, FrP 4/1): equal quotients go
    # to the list with more ballots, so seat 3 is Ap's (8 ballots); Sp and FrP have 4 ballots each, so seat 4 is
    # drawn by lot (here FrP) and seat 5 is Sp's. Seat 6: H 7/2 = 3,5. Seat 7: Ap 8/3 = 2,67 (beats H 7/3 = 2,33).
    lists = [_list("Ap", 8, "MK" * 4), _list("H", 7, "KM" * 4), _list("Sp", 4, "KMK"), _list("FrP", 4, "MKM"),
             _list("SV", 2, "KM"), _list("KrF", 2, "MK")]
    steps = ap.allocate_seats(lists, 7, draw=_pick("FrP"))
    assert [(s.list_name, s.quotient) for s in steps] == [
        ("Ap", 8), ("H", 7), ("Ap", 4), ("FrP", 4), ("Sp", 4), ("H", Fraction(7, 2)), ("Ap", Fraction(8, 3))]
    assert (steps[2].tie_rule, set(steps[2].tie_with)) == ("stemmetall", {"Sp", "FrP"})
    assert (steps[3].tie_rule, steps[3].tie_with) == ("loddtrekning", ("Sp",))
    assert steps[4].tie_rule == ""
    result = ap.proportional_election(lists, 7, draw=_pick("FrP"))
    assert result.seats_by_list() == {"Ap": 3, "H": 2, "Sp": 1, "FrP": 1, "SV": 0, "KrF": 0}


def test_a_lot_decides_who_gets_the_last_seat():
    # Three seats, A 6, B 3, C 3. Seat 1: A 6/1. Seat 2: A 6/2 = 3 ties with B 3/1 and C 3/1; A has most ballots.
    # Seat 3: B 3 and C 3 tie on quotient and ballots: the lot decides (A 6/3 = 2 is lower).
    lists = [_list("A", 6, "KMK"), _list("B", 3, "KM"), _list("C", 3, "MK")]
    assert ap.proportional_election(lists, 3, draw=_pick("C")).seats_by_list() == {"A": 2, "B": 0, "C": 1}
    assert ap.proportional_election(lists, 3, draw=_pick("B")).seats_by_list() == {"A": 2, "B": 1, "C": 0}
    drawn = []
    ap.allocate_seats(lists, 3, draw=lambda names: drawn.append(sorted(names)) or names[0])
    assert drawn == [["B", "C"]]  # the lot was drawn between exactly the two tied lists, once


def test_gender_balance_moves_a_woman_up_and_says_when_the_list_cannot_meet_it():
    # Ap wins 3 seats; its list is M M M K M K M. Three members need both genders (§ 7-6 (3) jf. § 7-5: 2–3 seats
    # → each gender at least 1): the first woman (no. 4) moves up ahead of the last elected man (no. 3).
    # Substitutes: 3 + 2 = 5 wanted, 4 left (M no. 3, M no. 5, K no. 6, M no. 7); 4 need 2 of each, only 1 woman.
    lst = _list("Ap", 8, "MMMKMKM")
    members, substitutes, corrections, warnings = ap.elect_from_list(lst.candidates, 3)
    assert [c.name for c in members] == ["Ap1", "Ap2", "Ap4"]
    assert [c.name for c in substitutes] == ["Ap3", "Ap5", "Ap6", "Ap7"]
    assert corrections == ["Ap4 rykker opp som medlem foran Ap3 (kjønnsbalanse, koml. § 7-6 (3))."]
    assert warnings == ["Kravet om minst 2 kvinner blant varamedlemmer kan ikke oppfylles fra lista (har 1)."]


def test_four_seats_need_two_of_each_gender():
    # 4 seats from M M M K K M: elected first M1 M2 M3 K4 (one woman); 4–5 seats need 2 of each, so K5 moves up
    # ahead of M3. Substitutes 4 + 2 = 6 wanted, two men left (M3, M6): both genders cannot be met.
    lst = _list("H", 20, "MMMKKM")
    members, substitutes, corrections, warnings = ap.elect_from_list(lst.candidates, 4)
    assert [c.name for c in members] == ["H1", "H2", "H4", "H5"]
    assert [c.name for c in substitutes] == ["H3", "H6"]
    assert len(corrections) == 1 and "H5 rykker opp som medlem foran H3" in corrections[0]
    assert warnings == ["Kravet om minst 1 kvinner blant varamedlemmer kan ikke oppfylles fra lista (har 0)."]


def test_the_minimum_per_gender_follows_the_table_of_the_law():
    assert [ap.min_per_gender(n) for n in range(1, 13)] == [0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5]


def test_a_list_without_candidates_left_gives_its_seat_to_the_others():
    # A would win all three (9 > 4,5 > 3 > 2), but has one candidate: seats 2 and 3 go to B (2) and A is done.
    lists = [_list("A", 9, "K"), _list("B", 2, "MKM")]
    assert ap.proportional_election(lists, 3).seats_by_list() == {"A": 1, "B": 2}


votes = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=6)


def _lists(vs):
    return [_list(f"L{i}", v, "KM" * 8) for i, v in enumerate(vs)]


def _alphabetical(names):
    return sorted(names)[0]


@settings(max_examples=150, deadline=None)
@given(vs=votes, seats=st.integers(min_value=1, max_value=15))
def test_the_seats_add_up(vs, seats):
    result = ap.proportional_election(_lists(vs), seats, draw=_alphabetical)
    open_lists = sum(1 for v in vs if v > 0)
    assert sum(result.seats_by_list().values()) == min(seats, 16 * open_lists)


@settings(max_examples=150, deadline=None)
@given(vs=votes, seats=st.integers(min_value=1, max_value=15), who=st.integers(min_value=0, max_value=5))
def test_one_more_ballot_never_costs_a_list_a_seat(vs, seats, who):
    who = who % len(vs)
    before = ap.proportional_election(_lists(vs), seats, draw=_alphabetical).seats_by_list()
    more = list(vs)
    more[who] += 1
    after = ap.proportional_election(_lists(more), seats, draw=_alphabetical).seats_by_list()
    assert after[f"L{who}"] >= before[f"L{who}"]


@settings(max_examples=150, deadline=None)
@given(vs=votes, seats=st.integers(min_value=1, max_value=14))
def test_one_more_seat_never_costs_any_list_a_seat(vs, seats):
    before = ap.proportional_election(_lists(vs), seats, draw=_alphabetical).seats_by_list()
    after = ap.proportional_election(_lists(vs), seats + 1, draw=_alphabetical).seats_by_list()
    assert all(after[name] >= before[name] for name in before)


@settings(max_examples=150, deadline=None)
@given(genders=st.lists(st.sampled_from("KM"), min_size=1, max_size=14), seats=st.integers(min_value=1, max_value=9))
def test_the_members_of_a_list_meet_the_gender_rule_whenever_the_list_can(genders, seats):
    seats = min(seats, len(genders))
    lst = _list("L", 10, "".join(genders))
    members, _subs, _corrections, warnings = ap.elect_from_list(lst.candidates, seats)
    need = ap.min_per_gender(seats)
    can = all(genders.count(g) >= need for g in "KM")
    for g in "KM":
        assert sum(c.gender == g for c in members) >= min(need, genders.count(g))
    assert can == (not any("blant medlemmer kan ikke" in w for w in warnings))
    assert len(members) == seats
