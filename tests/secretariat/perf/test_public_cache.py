"""Cached public pages, feeds and iCal bodies never outlive a change: a closed item's content disappears at once."""

import pytest
from django.db import connection

from calendars import views as calendar_views
from secretariat.meetings.services import agenda_item_close
from tests.secretariat.innsyn.scenario import PUBLIC_SUMMARY, build_portal

# A word only in the public case's assessment (not its title): it is searchable only while the content is public.
ASSESSMENT_WORD = "sentrum"
SUMMARY_PART = "gir plass til 80 barn"


@pytest.fixture
def portal(kommunestyret, saksbehandler, fagleder, kommunedirektor):
    return build_portal(organization=kommunestyret, officer=saksbehandler, fagleder=fagleder,
                        kommunedirektor=kommunedirektor)


@pytest.mark.django_db
def test_a_cached_case_page_search_and_feed_lose_the_content_the_moment_the_item_is_closed(client, portal,
                                                                                           fagleder):
    assert SUMMARY_PART in PUBLIC_SUMMARY
    case_url = f"/innsyn/saker/{portal.public.pk}/"
    search_url = f"/innsyn/sok/?q={ASSESSMENT_WORD}"
    before = {url: client.get(url).content.decode() for url in (case_url, search_url, "/innsyn/rss/")}
    assert SUMMARY_PART in before[case_url]
    if connection.vendor == "postgresql":
        assert "Ny barnehage på Nordneset" in before[search_url]
    # The second request is served from the cache: it is the same page.
    second = client.get(case_url)
    assert second["X-Saksgang-Cache"] == "hit"

    agenda_item_close(actor=fagleder, item=portal.public_item, closed=True, basis="11-5-3-b")

    after_case = client.get(case_url)
    assert after_case.get("X-Saksgang-Cache") != "hit"
    assert SUMMARY_PART not in after_case.content.decode()
    assert "Ny barnehage på Nordneset" not in client.get(search_url).content.decode()
    assert SUMMARY_PART not in client.get("/innsyn/rss/").content.decode()


@pytest.mark.django_db
def test_a_page_that_warned_about_bad_input_is_not_cached(client, portal):
    client.get("/innsyn/moter/?ar=99999")
    assert client.get("/innsyn/moter/?ar=99999").get("X-Saksgang-Cache") != "hit"


@pytest.mark.django_db
def test_ical_answers_if_none_match_before_building_anything(client, portal, fagleder, monkeypatch):
    url = f"/ical/organizations/{portal.past_meeting.organization.slug}.ics"
    first = client.get(url)
    assert first.status_code == 200 and b"BEGIN:VCALENDAR" in first.content
    etag = first["ETag"]
    public_etag = client.get("/ical/public.ics")["ETag"]

    def must_not_build(*args, **kwargs):
        raise AssertionError("the feed body was built for a conditional request that matches")

    monkeypatch.setattr(calendar_views, "_build_body", must_not_build)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/ical/public.ics", HTTP_IF_NONE_MATCH=public_etag).status_code == 304
    monkeypatch.undo()

    agenda_item_close(actor=fagleder, item=portal.public_item, closed=True, basis="11-5-3-b")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


@pytest.mark.django_db
def test_the_public_ical_keeps_a_twelve_month_window_and_one_body_its_whole_history(client, kommunestyret,
                                                                                    fagleder):
    import datetime as dt

    from django.utils import timezone

    from secretariat.meetings.services import meeting_create

    old = timezone.now() - dt.timedelta(days=500)
    meeting_create(actor=fagleder, organization=kommunestyret, start=old, location="Gammelsalen")
    assert b"Gammelsalen" not in client.get("/ical/public.ics").content
    assert b"Gammelsalen" in client.get(f"/ical/organizations/{kommunestyret.slug}.ics").content


@pytest.mark.django_db
def test_an_anonymous_api_list_is_cached_until_the_next_write_and_a_known_caller_always_gets_a_fresh_one(
        client, portal, fagleder, saksbehandler):
    from rest_framework.authtoken.models import Token

    url = "/api/agenda-items/"
    first = client.get(url)
    assert first.status_code == 200 and SUMMARY_PART in first.content.decode()
    second = client.get(url)
    assert second["X-Saksgang-Cache"] == "hit" and second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "application/json"
    # Someone the API knows (session or token) sees more than the public: never the cached public list.
    token = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=saksbehandler).key}"}
    assert client.get(url, **token).get("X-Saksgang-Cache") != "hit"
    client.force_login(fagleder)
    assert client.get(url).get("X-Saksgang-Cache") != "hit"
    client.logout()

    agenda_item_close(actor=fagleder, item=portal.public_item, closed=True, basis="11-5-3-b")

    after = client.get(url)
    assert after.get("X-Saksgang-Cache") != "hit"
    assert SUMMARY_PART not in after.content.decode()


@pytest.mark.django_db
def test_a_feed_built_from_cached_events_is_byte_for_byte_the_one_icalendar_writes(portal, fagleder):
    from calendars import ics, selectors

    def body(cached):
        meetings = selectors.with_feed_agenda(selectors.organization_meetings(portal.past_meeting.organization))
        data = [ics.meeting_event_data(m) for m in meetings]
        return ics.calendar_bytes(data, name="Kommunestyret – møter", cached=cached), data

    reference, data = body(cached=False)
    assert reference == ics.build_calendar([ics.event_from_data(d) for d in data],
                                           name="Kommunestyret – møter").to_ical()
    assert body(cached=True)[0] == reference  # every event built and stored
    assert body(cached=True)[0] == reference  # every event from the cache
    title = portal.public_item.title.encode()
    assert title in reference.replace(b"\r\n ", b"")

    portal.public_item.public_title = "Anonymisert tittel"
    portal.public_item.save()
    changed = body(cached=True)[0].replace(b"\r\n ", b"")
    assert b"Anonymisert tittel" in changed and title not in changed  # the changed event is built again
