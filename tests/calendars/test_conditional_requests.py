"""Feeds answer conditional requests: 304 on a matching ETag or an unchanged Last-Modified."""

import pytest

from secretariat.meetings.services import meeting_create

from .conftest import oslo
from .test_public_feeds import next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(fagleder, formannskapet):
    return meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(4, 6)))


def test_it_answers_304_when_the_etag_matches(client, meeting):
    first = client.get("/ical/public.ics")
    etag = first["ETag"]
    assert etag
    again = client.get("/ical/public.ics", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_the_etag_changes_when_a_meeting_changes(client, meeting):
    etag = client.get("/ical/public.ics")["ETag"]
    meeting.location = "Nytt sted"
    meeting.save()
    response = client.get("/ical/public.ics", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_it_answers_304_when_not_modified_since(client, meeting):
    last_modified = client.get("/ical/organizations/formannskapet.ics")["Last-Modified"]
    response = client.get("/ical/organizations/formannskapet.ics", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 304


@pytest.mark.parametrize("header", ['"unterminated', "W/", ",,,", "not-an-etag", '"a" garbage "b', "\x00\x01"])
def test_a_malformed_if_none_match_gets_a_normal_200(client, meeting, header):
    response = client.get("/ical/public.ics", HTTP_IF_NONE_MATCH=header)
    assert response.status_code == 200
    assert b"BEGIN:VCALENDAR" in response.content


def test_a_malformed_if_modified_since_gets_a_normal_200(client, meeting):
    response = client.get("/ical/public.ics", HTTP_IF_MODIFIED_SINCE="igår en gang")
    assert response.status_code == 200


def test_a_head_request_is_answered_with_the_etag(client, meeting):
    etag = client.get("/ical/public.ics")["ETag"]
    response = client.head("/ical/public.ics")
    assert response.status_code == 200
    assert response["ETag"] == etag


# --- a 304 from the version alone (issue 17): no query, no session -------------------------------------------------

@pytest.mark.parametrize("path", ["/ical/public.ics", "/ical/organizations/formannskapet.ics"])
def test_a_304_is_answered_from_the_cache_without_a_query(client, meeting, django_assert_max_num_queries, path):
    etag = client.get(path)["ETag"]
    with django_assert_max_num_queries(0):
        response = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag and response["Last-Modified"]


def test_a_304_reads_no_session_for_a_logged_in_reader(client, meeting, fagleder, django_assert_max_num_queries):
    client.force_login(fagleder)  # a browser with a session cookie: the feed never asks who it is
    etag = client.get("/ical/organizations/formannskapet.ics")["ETag"]
    with django_assert_max_num_queries(0):
        response = client.get("/ical/organizations/formannskapet.ics", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_a_sequence_bump_without_a_save_is_not_answered_304(client, meeting):
    from secretariat.common.calendar_sequence import bump_sequence

    etag = client.get("/ical/organizations/formannskapet.ics")["ETag"]
    bump_sequence(meeting)  # a queryset update(): no post_save, the public version moves all the same
    response = client.get("/ical/organizations/formannskapet.ics", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_an_inactive_body_is_404_even_with_a_known_etag(client, meeting, formannskapet):
    etag = client.get("/ical/organizations/formannskapet.ics")["ETag"]
    formannskapet.is_active = False
    formannskapet.save()
    assert client.get("/ical/organizations/formannskapet.ics", HTTP_IF_NONE_MATCH=etag).status_code == 404
