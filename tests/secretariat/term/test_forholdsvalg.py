"""The arithmetic of the konstituering against the words of kommuneloven: forholdsvalg (§ 7-5 andre ledd, § 7-6
første til femte ledd), the gender rule of avtalevalg (§ 7-7 tredje ledd) and flertallsvalg (§ 7-8). Each rule is a
worked example written out with its arithmetic; properties of the allocation are checked with hypothesis."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secretariat.term import apportionment as ap


def _list(name, votes, genders):
    return ap.ElectionList(name=name, votes=votes, candidates=tuple(
        ap.Candidate(key=f"{name}{i}", name=f"{name}{i}", gender=g) for i, g in enumerate(genders, start=1)))


def _pick(name):
    return lambda names: name


def _no_lots(names):
    raise AssertionError(f"no lot decides anything here, but one was drawn between {names}")


def test_seats_go_by_divisors_1_2_3_and_equal_quotients_to_more_ballots_then_lots():
    """§ 7-6 første ledd: «fordeles organets medlemsplasser på de ulike listene etter hvor mange stemmesedler hver
    liste har fått, ved bruk av delingstall 1, 2, 3, 4 osv. Hvis flere lister har samme kvotient, tilfaller plassen
    den av listene som har fått flest stemmer. Har listene fått like mange stemmer, avgjøres valget ved
    loddtrekning.» Lots decide «valget» only when there are fewer seats left than lists so tied."""
    # Seven seats; the new kommunestyret's 27 members vote for their groups' lists: Ap 8, H 7, Sp 4, FrP 4, SV 2,
    # KrF 2.
    #            / 1    / 2    / 3
    #   Ap        8      4     2,67
    #   H         7     3,5    2,33
    #   Sp        4      2
    #   FrP       4      2
    #   SV        2
    #   KrF       2
    # Seat 1: Ap 8. Seat 2: H 7. Seats 3–5: three quotients of 4 (Ap 8/2, Sp 4/1, FrP 4/1): seat 3 is Ap's (8
    # ballots, more than 4); Sp and FrP have 4 ballots each, but four seats are left: each gets one of them (seat 4
    # Sp's, the list given first, seat 5 FrP's), so no lot is drawn; it would decide nothing. Seat 6: H 7/2 = 3,5.
    # Seat 7: Ap 8/3 = 2,67 (more than H 7/3 = 2,33).
    lists = [_list("Ap", 8, "MK" * 4), _list("H", 7, "KM" * 4), _list("Sp", 4, "KMK"), _list("FrP", 4, "MKM"),
             _list("SV", 2, "KM"), _list("KrF", 2, "MK")]
    steps = ap.allocate_seats(lists, 7, draw=_no_lots)
    assert [(s.list_name, s.quotient) for s in steps] == [
        ("Ap", 8), ("H", 7), ("Ap", 4), ("Sp", 4), ("FrP", 4), ("H", Fraction(7, 2)), ("Ap", Fraction(8, 3))]
    assert (steps[2].tie_rule, set(steps[2].tie_with)) == ("stemmetall", {"Sp", "FrP"})
    assert (steps[3].tie_rule, steps[3].tie_with, steps[3].lot) == ("alle", ("FrP",), None)
    assert steps[4].tie_rule == ""
    result = ap.proportional_election(lists, 7, draw=_no_lots)
    assert result.seats_by_list() == {"Ap": 3, "H": 2, "Sp": 1, "FrP": 1, "SV": 0, "KrF": 0}
    # With four seats, seat 4 is the last: Sp and FrP cannot both have it, and the lot decides.
    steps = ap.allocate_seats(lists, 4, draw=_pick("FrP"))
    assert [s.list_name for s in steps] == ["Ap", "H", "Ap", "FrP"]
    assert (steps[3].tie_rule, steps[3].tie_with, steps[3].lot.between) == ("loddtrekning", ("Sp",), ("Sp", "FrP"))


def test_the_lot_is_drawn_between_exactly_the_lists_with_equal_quotient_and_equal_ballots():
    """§ 7-6 første ledd, tredje punktum: «Har listene fått like mange stemmer, avgjøres valget ved loddtrekning.»"""
    # Three seats, A 6, B 3, C 3. Seat 1: A 6/1. Seat 2: A 6/2 = 3 ties with B 3/1 and C 3/1; A has most ballots.
    # Seat 3: B 3 and C 3 tie on quotient and ballots: the lot decides (A 6/3 = 2 is lower).
    lists = [_list("A", 6, "KMK"), _list("B", 3, "KM"), _list("C", 3, "MK")]
    assert ap.proportional_election(lists, 3, draw=_pick("C")).seats_by_list() == {"A": 2, "B": 0, "C": 1}
    assert ap.proportional_election(lists, 3, draw=_pick("B")).seats_by_list() == {"A": 2, "B": 1, "C": 0}
    drawn = []
    ap.allocate_seats(lists, 3, draw=lambda names: drawn.append(sorted(names)) or names[0])
    assert drawn == [["B", "C"]]


def test_members_are_picked_in_the_order_of_the_list():
    """§ 7-6 andre ledd: «pekes medlemmene fra den enkelte listen ut i den rekkefølgen de står oppført på det
    innleverte listeforslaget.»"""
    # Two seats from K M K M: nos. 1 and 2 (both genders already); the substitutes are the rest in order.
    members, substitutes, corrections, warnings = ap.elect_from_list(_list("V", 5, "KMKM").candidates, 2)
    assert [c.name for c in members] == ["V1", "V2"]
    assert [c.name for c in substitutes] == ["V3", "V4"]
    assert corrections == warnings == []


def test_three_or_fewer_members_need_both_genders_and_a_woman_moves_up():
    """§ 7-6 tredje ledd: «Får listen tre eller færre medlemmer i organet, skal begge kjønn være representert fra
    listen. Viser det seg at utpekingen etter andre ledd vil føre til at kravene [...] ikke blir oppfylt, skal
    kandidater fra det underrepresenterte kjønnet rykke opp på listen inntil kravet er oppfylt.»"""
    # Ap wins 3 seats; its list is M M M K M K M: the first woman (no. 4) moves up ahead of the last elected man
    # (no. 3). Femte ledd: 3 + 2 = 5 substitutes wanted, 4 left (M3, M5, K6, M7); four need 40 %: 2 of each (40 %
    # of 4 = 1,6), and only one woman is left.
    members, substitutes, corrections, warnings = ap.elect_from_list(_list("Ap", 8, "MMMKMKM").candidates, 3)
    assert [c.name for c in members] == ["Ap1", "Ap2", "Ap4"]
    assert [c.name for c in substitutes] == ["Ap3", "Ap5", "Ap6", "Ap7"]
    assert corrections == ["Ap4 rykker opp som medlem foran Ap3 (kjønnsbalanse, koml. § 7-6 tredje ledd)."]
    assert warnings == ["Kravet om minst 2 kvinner blant varamedlemmer kan ikke oppfylles fra lista (har 1)."]


def test_eight_members_need_four_of_each_gender_forty_per_cent():
    """§ 7-6 tredje ledd, første punktum: «Hvis en liste får minst fire medlemmer i organet, skal hvert kjønn være
    representert med minst 40 prosent fra listen.» 40 % of 8 is 3,2: four of each (three women would be 37,5 %).
    The 1992 act's table (6–8 members: three of each) no longer holds."""
    # 8 seats from M M M M M K K K K K M M: the first 8 are five men and three women; K9 moves up ahead of M5.
    members, _subs, corrections, warnings = ap.elect_from_list(_list("H", 30, "MMMMMKKKKKMM").candidates, 8)
    assert [c.name for c in members] == ["H1", "H2", "H3", "H4", "H6", "H7", "H8", "H9"]
    assert corrections == ["H9 rykker opp som medlem foran H5 (kjønnsbalanse, koml. § 7-6 tredje ledd)."]
    assert sum(c.gender == "K" for c in members) == 4


def test_the_fewest_of_each_gender_by_number_follows_forty_per_cent():
    """§ 7-6 tredje ledd and § 7-7 tredje ledd: four or more, at least 40 per cent (rounded up); two or three, both
    genders; one person cannot be of both."""
    assert [ap.min_per_gender(n) for n in range(1, 13)] == [0, 1, 1, 2, 2, 3, 3, 4, 4, 4, 5, 5]


def test_substitutes_are_members_plus_two_in_list_order_as_far_as_the_list_goes():
    """§ 7-6 femte ledd: «Hver liste skal tildeles varamedlemmer. Så langt det er mulig, skal det være to flere
    varamedlemmer enn faste medlemmer. Varamedlemsplassene fordeles i samsvar med andre og tredje ledd.»"""
    # Two members from K M M M K M M K: substitutes 2 + 2 = 4 from the rest (M3 M4 K5 M6 M7 K8) in order: M3 M4 K5
    # M6; four substitutes need 2 of each: K8 moves up ahead of M6. The order is the list's: M3, M4, K5, K8.
    members, substitutes, corrections, _ = ap.elect_from_list(_list("Sp", 6, "KMMMKMMK").candidates, 2)
    assert [c.name for c in members] == ["Sp1", "Sp2"]
    assert [c.name for c in substitutes] == ["Sp3", "Sp4", "Sp5", "Sp8"]
    assert corrections == ["Sp8 rykker opp som varamedlem foran Sp6 (kjønnsbalanse, koml. § 7-6 tredje ledd)."]
    # A list with one member gets three substitutes, of both genders.
    one, subs, _, _ = ap.elect_from_list(_list("SV", 2, "KKKKM").candidates, 1)
    assert [c.name for c in one] == ["SV1"] and [c.name for c in subs] == ["SV2", "SV3", "SV5"]


@pytest.mark.parametrize("genders, seats, shortfalls", [
    # Seven to elect, seven names with two women: 40 % of 7 names is 2,8, so at least three of each.
    ("MMMKMKM", 7, [("K", 2, 3)]),
    # Five names with two women: 40 % of 5 is exactly 2.
    ("MKMKM", 7, []),
    # Three names can never be 40 % of each (one of three is 33 %).
    ("KMK", 7, [("M", 1, 2)]),
    # Two or three to elect: both genders on the list is enough.
    ("MMMK", 3, []),
    ("MM", 2, [("K", 0, 1)]),
    # One to elect: the law sets no rule for the list.
    ("M", 1, []),
])
def test_a_listeforslag_has_forty_per_cent_of_each_gender(genders, seats, shortfalls):
    """§ 7-5 andre ledd: «Hvis det skal velges fire medlemmer eller flere, skal hvert kjønn være representert med
    minst 40 prosent blant de foreslåtte kandidatene på den enkelte listen. Hvis det skal velges to eller tre
    medlemmer, skal begge kjønn være representert.»"""
    assert ap.list_gender_shortfalls(list(genders), seats) == shortfalls


def test_a_list_without_candidates_left_gives_its_seat_to_the_others():
    """Not in § 7-6: a list with more seats than names. The surplus goes on to the next quotients."""
    # A would win all three (9 > 4,5 > 3 > 2), but has one candidate: seats 2 and 3 go to B (2 and 1).
    lists = [_list("A", 9, "K"), _list("B", 2, "MKM")]
    assert ap.proportional_election(lists, 3).seats_by_list() == {"A": 1, "B": 2}


def test_more_than_half_of_the_votes_cast_elects_in_the_first_vote():
    """§ 7-8 første punktum: «Ved flertallsvalg er den personen valgt som har fått mer enn halvparten av de avgitte
    stemmene.»"""
    # 27 votes: 14 is more than 13,5.
    result = ap.majority_election({"Kari": 14, "Lars": 13})
    assert (result.elected, result.decided_in, result.votes, result.cast) == ("Kari", 1, 14, 27)
    # 13 of 26 is exactly half, not more: no one is elected.
    assert ap.majority_election({"Kari": 13, "Lars": 13}).needs_new_vote


def test_without_a_majority_a_new_vote_is_held_and_most_votes_win():
    """§ 7-8 andre og tredje punktum: «Hvis ingen får mer enn halvparten av stemmene, holdes en ny avstemning. Den
    som får flest stemmer ved den nye avstemningen, blir valgt.» The new vote is not limited to two candidates."""
    first = {"Kari": 12, "Lars": 10, "Ingrid": 5}  # 12 of 27: no majority
    assert ap.majority_election(first).needs_new_vote
    result = ap.majority_election(first, {"Kari": 11, "Lars": 9, "Ingrid": 7})  # most wins without a majority
    assert (result.elected, result.decided_in, result.votes, result.cast, result.drawn) == ("Kari", 2, 11, 27, False)


def test_equal_votes_in_the_new_vote_are_decided_by_lot():
    """§ 7-8 fjerde punktum: «Hvis to eller flere kandidater får like mange stemmer, avgjøres valget ved
    loddtrekning.»"""
    drawn = []
    result = ap.majority_election({"Kari": 13, "Lars": 13, "Ingrid": 1}, {"Kari": 13, "Lars": 13, "Ingrid": 1},
                                  draw=lambda names: drawn.append(sorted(names)) or "Lars")
    assert drawn == [["Kari", "Lars"]]
    assert (result.elected, result.drawn, result.tie_with) == ("Lars", True, ("Kari",))


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


@settings(max_examples=150, deadline=None)
@given(first=st.dictionaries(st.sampled_from(["A", "B", "C", "D"]), st.integers(min_value=0, max_value=30),
                             min_size=1).filter(lambda d: sum(d.values()) > 0))
def test_a_first_vote_elects_exactly_when_someone_has_more_than_half(first):
    result = ap.majority_election(first)
    cast = sum(first.values())
    assert result.needs_new_vote == (not any(2 * v > cast for v in first.values()))
    if not result.needs_new_vote:
        assert 2 * first[result.elected] > cast
