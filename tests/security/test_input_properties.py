"""Property tests (hypothesis) for the parsers every request value goes through: numbers and years
(secretariat.common.parsing), dates (secretariat.common.dates), JSON bodies (secretariat.api.parsers) and the
transition input (secretariat.api.transitions). Whatever comes in, a parser answers with a value inside its bounds
or with its own refusal (ValueError / a message / a DRF error: a 400), never with another exception (a 500)."""

import datetime as dt
import json

import pytest
from django.http import QueryDict
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rest_framework.exceptions import ParseError, ValidationError

from secretariat.api.parsers import MAX_DEPTH, json_depth, parse_object
from secretariat.api.transitions import _parse
from secretariat.cases.models import Case
from secretariat.common.dates import EARLIEST_YEAR, LATEST_YEAR, UNUSUAL_DAYS_AHEAD, UNUSUAL_DAYS_BACK, unusual_date_problem
from secretariat.common.parsing import YEAR_MAX, YEAR_MIN, bounded_int, year_param
from secretariat.common.validators import first_bad_path
from secretariat.meetings.models import Meeting

PURE = settings(max_examples=300, deadline=None, database=None)
WITH_DB = settings(max_examples=60, deadline=None, database=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

anything_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(),
                            st.binary().map(lambda b: b.decode("latin-1")))
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
              st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20)),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)),
    max_leaves=30)


def _depth(value) -> int:
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    return 0


# --- numbers and years ---------------------------------------------------------------------------------------


@PURE
@given(value=anything_scalar, low=st.integers(-1000, 1000), span=st.integers(0, 10**6))
@example(value="99999999999999999999", low=0, span=10)
@example(value="²", low=0, span=10)
@example(value="1e5", low=0, span=10**6)
def test_bounded_int_gives_a_number_in_range_or_value_error(value, low, span):
    high = low + span
    try:
        result = bounded_int(value, low=low, high=high)
    except ValueError as exc:
        assert str(exc)  # a message to show
    else:
        assert type(result) is int and low <= result <= high


@PURE
@given(number=st.integers(-10**6, 10**6))
def test_bounded_int_reads_every_whole_number_written_out(number):
    for written in (number, str(number), f" {number} "):
        if -500 <= number <= 500:
            assert bounded_int(written, low=-500, high=500) == number
        else:
            with pytest.raises(ValueError):
                bounded_int(written, low=-500, high=500)


@PURE
@given(value=st.one_of(st.none(), st.text(), st.integers().map(str)))
def test_year_param_never_raises(value):
    year, problem = year_param(value)
    if year is not None:
        assert YEAR_MIN <= year <= YEAR_MAX and problem == ""
    else:
        assert problem or value in (None, "")


# --- dates ---------------------------------------------------------------------------------------------------


@PURE
@given(day=st.one_of(st.dates(), st.datetimes(timezones=st.just(dt.UTC))), confirmed=st.booleans())
def test_unusual_dates(day, confirmed):
    today = dt.date(2026, 11, 29)
    problem = unusual_date_problem(day, confirmed=confirmed, today=today)
    date = day.date() if isinstance(day, dt.datetime) else day
    if not EARLIEST_YEAR <= date.year <= LATEST_YEAR:
        assert problem  # refused even when confirmed (year 1 was accepted)
    elif confirmed or today - dt.timedelta(UNUSUAL_DAYS_BACK) <= date <= today + dt.timedelta(UNUSUAL_DAYS_AHEAD):
        assert problem == ""
    else:
        assert "Kryss av" in problem


# --- JSON bodies ---------------------------------------------------------------------------------------------


@PURE
@given(value=json_values)
def test_parse_object_accepts_exactly_the_clean_shallow_objects(value):
    text = json.dumps(value)
    assert json_depth(text) == _depth(value)
    acceptable = isinstance(value, dict) and _depth(value) <= MAX_DEPTH and first_bad_path(value) is None
    try:
        parsed = parse_object(text.encode())
    except ParseError as exc:
        assert str(exc.detail) and not acceptable
    else:
        assert acceptable and parsed == value


@PURE
@given(raw=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
@example(raw=b"[" * 100_000)
@example(raw=b'{"a": ' + b"{" * 5000 + b"}" * 5000 + b"}")
@example(raw=b'{"a": NaN}')
@example(raw=b"\xff\xfe")
def test_parse_object_on_any_bytes_gives_a_dict_or_a_parse_error(raw):
    try:
        assert isinstance(parse_object(raw), dict)
    except ParseError:
        pass


# --- the transition input ------------------------------------------------------------------------------------

transition_names = st.sampled_from(["send_notice", "cancel", "hold", "draft_minutes", "approve_minutes", "archive",
                                    "schedule", "decide", "forward", "postpone", "withdraw", "", "nope"])
input_names = st.sampled_from(["transition", "comment", "expected_state", "override_reason", "reason",
                               "approval_label", "signers", "meeting", "organization", "agenda_item", "date",
                               "display_start", "start_time", "supplementary", "decision_text", "x"])


@pytest.mark.django_db
@WITH_DB
@given(data=st.one_of(
    st.dictionaries(input_names, json_values, max_size=6),
    st.builds(lambda name, extra: {"transition": name, **extra}, transition_names,
              st.dictionaries(input_names, anything_scalar, max_size=5)),
    json_values))
@example(data={"transition": "approve_minutes", "signers": ["99999999999999999999"]})
@example(data={"transition": "approve_minutes", "signers": ["²"]})
@example(data={"transition": "cancel", "expected_state": ["planlagt"]})
@example(data=["transition", "cancel"])
@example(data={"transition": "forward", "organization": "x\x00"})
@example(data={"transition": "schedule", "meeting": 10**30, "supplementary": "ja"})
def test_the_transition_input_is_parsed_or_refused_with_a_400(data):
    for obj in (Meeting(), Case()):
        _parsed_or_400(obj, data)


def _parsed_or_400(obj, data):
    try:
        name, values = _parse(obj, data)
    except ValidationError as exc:
        assert exc.detail
    else:
        assert isinstance(data, dict) and isinstance(name, str) and isinstance(values, dict)


@pytest.mark.django_db
@WITH_DB
@given(pairs=st.lists(st.tuples(input_names, st.text(max_size=30)), max_size=8))
def test_the_transition_input_from_a_staff_form_is_parsed_or_refused_with_a_400(pairs):
    form = QueryDict(mutable=True)
    for key, value in pairs:
        form.appendlist(key, value)
    for obj in (Meeting(), Case()):
        try:
            _parse(obj, form)
        except ValidationError as exc:
            assert exc.detail


def test_the_property_tests_use_todays_rule():
    # The bounds tested above are the ones the meeting form and API use (not a copy).
    assert unusual_date_problem(timezone.localdate(), confirmed=False) == ""
