"""Eligibility (dl. §§ 56, 70–72): age at the START of the period (1 January 2029), occupation, record."""

import datetime as dt

import pytest

from secretariat.appointments import services
from secretariat.appointments.eligibility import check_candidate

from .conftest import eligible_data

pytestmark = pytest.mark.django_db


def _rules(round_, fagleder, **data):
    c = services.candidate_register(actor=fagleder, round=round_, data=eligible_data("Test", **data))
    return c, {r.rule: r for r in check_candidate(c)}


@pytest.mark.parametrize("birth_date, ok", [
    (dt.date(2008, 1, 1), True),    # 21 on 1 January 2029
    (dt.date(2008, 1, 2), False),   # 20 on 1 January 2029, turns 21 the next day
    (dt.date(1959, 1, 2), True),    # 69 on 1 January 2029
    (dt.date(1959, 1, 1), False),   # 70 on 1 January 2029
])
def test_meddommer_age_21_to_under_70_at_the_start_of_the_period(meddommer_round, fagleder, birth_date, ok):
    candidate, rules = _rules(meddommer_round, fagleder, birth_date=birth_date)
    assert rules["alder"].ok is ok
    assert candidate.eligible is ok
    if not ok:
        assert "01.01.2029" in rules["alder"].reason
        assert "dl. § 70" in rules["alder"].reason


@pytest.mark.parametrize("birth_date, ok", [
    (dt.date(2004, 1, 1), True),    # 25 on 1 January 2029
    (dt.date(2004, 1, 2), False),   # 24
    (dt.date(1959, 1, 2), True),    # 69
    (dt.date(1959, 1, 1), False),   # 70
])
def test_forliksrad_age_25_to_under_70_at_the_start_of_the_period(forliksrad_round, fagleder, birth_date, ok):
    _candidate, rules = _rules(forliksrad_round, fagleder, birth_date=birth_date)
    assert rules["alder"].ok is ok
    if not ok:
        assert "dl. § 56" in rules["alder"].reason


def test_a_22_year_old_may_be_meddommer_but_not_in_the_forliksrad(meddommer_round, forliksrad_round, fagleder):
    born = dt.date(2006, 6, 1)
    assert _rules(meddommer_round, fagleder, birth_date=born)[1]["alder"].ok
    result = _rules(forliksrad_round, fagleder, birth_date=born)[1]["alder"]
    assert not result.ok
    assert result.reason == "Er 22 år ved periodens start 01.01.2029; må ha fylt 25 år (dl. § 56)."


def test_a_police_officer_is_excluded_by_occupation(meddommer_round, fagleder):
    candidate, rules = _rules(meddommer_round, fagleder, occupation="politi")
    assert not rules["yrke"].ok
    assert rules["yrke"].reason == "Utelukket på grunn av stilling: Polititjenestemann eller ansatt i politiet (dl. § 71)."
    assert candidate.eligible is False
    assert all(r.ok for name, r in rules.items() if name != "yrke")


@pytest.mark.parametrize("occupation", ["storting", "patale", "domstol", "advokat"])
def test_other_excluded_occupations(meddommer_round, fagleder, occupation):
    assert not _rules(meddommer_round, fagleder, occupation=occupation)[1]["yrke"].ok


def test_the_excluded_list_is_a_setting(settings, meddommer_round, fagleder):
    settings.SAKSGANG_EXCLUDED_OCCUPATIONS = ["politi"]
    assert _rules(meddommer_round, fagleder, occupation="prest")[1]["yrke"].ok


def test_a_criminal_record_with_remarks_excludes(meddommer_round, fagleder):
    rules = _rules(meddommer_round, fagleder, criminal_record="med_merknader")[1]
    assert not rules["vandel"].ok and "dl. § 72" in rules["vandel"].reason


def test_a_missing_record_check_is_shown_as_not_done(meddommer_round, fagleder):
    rules = _rules(meddommer_round, fagleder, criminal_record="ikke_innhentet")[1]
    assert rules["vandel"].reason == "Politiattest er ikke innhentet ennå (dl. § 72)."


@pytest.mark.parametrize("field, value, rule, text", [
    ("resident_in_kommune", False, "bosted", "Er ikke registrert bosatt i kommunen"),
    ("adequate_norwegian", False, "norsk", "Har ikke tilfredsstillende norskkunnskaper"),
    ("voting_rights", False, "stemmerett", "Har ikke stemmerett"),
    ("bankrupt", True, "konkurs", "Er under konkursbehandling"),
    ("voting_rights", None, "stemmerett", "ikke kontrollert"),
])
def test_residence_language_voting_rights_and_bankruptcy(meddommer_round, fagleder, field, value, rule, text):
    result = _rules(meddommer_round, fagleder, **{field: value})[1][rule]
    assert not result.ok
    assert text in result.reason


def test_earlier_periods_over_the_limit_are_flagged(meddommer_round, fagleder):
    assert _rules(meddommer_round, fagleder, earlier_periods=1)[1]["tidligere_perioder"].ok
    result = _rules(meddommer_round, fagleder, earlier_periods=2)[1]["tidligere_perioder"]
    assert not result.ok and "2 perioder" in result.reason


def test_every_rule_gives_a_row_even_when_all_pass(meddommer_round, fagleder):
    candidate, rules = _rules(meddommer_round, fagleder)
    assert set(rules) == {"alder", "bosted", "norsk", "stemmerett", "konkurs", "yrke", "vandel", "tidligere_perioder"}
    assert candidate.eligible is True


def test_other_appointments_need_18_years_residence_and_voting_rights_only(body, formannskapet, fagleder):
    import datetime as dt

    round_ = services.round_create(actor=fagleder, kind="annet", title="Stemmestyre Sentrum 2027",
                                   period_start=dt.date(2027, 1, 1), period_end=dt.date(2027, 12, 31),
                                   pool_name="Stemmestyre Sentrum", pools=[("annet", "", 5)])
    young = services.candidate_register(actor=fagleder, round=round_, data=eligible_data(
        "Ung", birth_date=dt.date(2008, 12, 31), occupation="politi", criminal_record="ikke_innhentet"))
    assert young.eligible is True
    assert [r["rule"] for r in young.eligibility] == ["alder", "bosted", "stemmerett"]
    too_young = services.candidate_register(actor=fagleder, round=round_,
                                            data=eligible_data("Yngre", birth_date=dt.date(2009, 1, 2)))
    assert too_young.failed_reasons == [
        "Er 17 år ved periodens start 01.01.2027; må ha fylt 18 år (valgbar ved kommunestyrevalg)."]
