"""The personal feed at a secret, revocable token URL, and who may rotate the token."""

import datetime as dt

import pytest
import vobject

from calendars import services
from calendars.models import CalendarToken
from calendars.personal import register_source, registered_sources
from secretariat.accounts.roles import Role
from secretariat.meetings.services import meeting_create
from secretariat.organizations.models import MembershipRole
from tests.factories import MembershipFactory, PersonFactory, UserFactory

from .conftest import oslo
from .test_public_feeds import next_weekday

pytestmark = pytest.mark.django_db


def feed_uids(client, token):
    response = client.get(f"/ical/personal/{token}.ics")
    assert response.status_code == 200
    cal = vobject.readOne(response.content.decode())
    cal.validate()
    return {e.uid.value for e in getattr(cal, "vevent_list", [])}


def test_the_feed_has_the_meetings_of_the_persons_bodies_only(client, member, fagleder, formannskapet,
                                                              kommunestyret):
    mine = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(2, 1)))
    meeting_create(actor=fagleder, organization=kommunestyret, start=oslo(next_weekday(2, 2)))
    token = services.token_ensure(person=member)
    assert feed_uids(client, token.token) == {f"{mine.uid}@saksgang"}
    response = client.get(f"/ical/personal/{token.token}.ics")
    assert "private" in response["Cache-Control"]


def test_the_feed_is_complete_not_a_window(client, member, fagleder, formannskapet):
    """Issue 17: the personal feed keeps the member's whole history (only the public feed has a 12-month window)."""
    from secretariat.meetings.models import Meeting

    old = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(2, 1)))
    three_years_ago = old.start - dt.timedelta(days=3 * 365)
    Meeting.objects.filter(pk=old.pk).update(start=three_years_ago, end=None)
    member.memberships.filter(organization=formannskapet).update(
        start_date=three_years_ago.date() - dt.timedelta(days=30))
    token = services.token_ensure(person=member)
    assert f"{old.uid}@saksgang" in feed_uids(client, token.token)


def test_a_substitute_gets_the_meetings_they_are_called_to(client, member, fagleder, formannskapet, kommunestyret):
    from secretariat.meetings.models import Absence

    regular = PersonFactory(given_name="Ola", family_name="Fravær")
    regular_membership = MembershipFactory(person=regular, organization=kommunestyret)
    substitute_membership = MembershipFactory(person=member, organization=kommunestyret,
                                              role=MembershipRole.SUBSTITUTE, substitute_order=1)
    ks_meeting = meeting_create(actor=fagleder, organization=kommunestyret, start=oslo(next_weekday(3, 2)))
    other_ks = meeting_create(actor=fagleder, organization=kommunestyret, start=oslo(next_weekday(3, 9)))
    Absence.objects.create(meeting=ks_meeting, membership=regular_membership, substitute=substitute_membership)
    token = services.token_ensure(person=member)
    uids = feed_uids(client, token.token)
    assert f"{ks_meeting.uid}@saksgang" in uids
    assert f"{other_ks.uid}@saksgang" not in uids  # a varamedlem is not in every meeting


def test_a_registered_source_adds_its_events(client, member):
    def officiant_source(person):
        if person.pk != member.pk:
            return []
        start = oslo(next_weekday(6, 5), hour=12)
        return [{"uid": "vielse-1@saksgang", "summary": "Vielse", "start": start,
                 "end": start + dt.timedelta(minutes=30), "sequence": 0, "status": "CONFIRMED",
                 "last_modified": start}]

    register_source(officiant_source)
    try:
        token = services.token_ensure(person=member)
        assert "vielse-1@saksgang" in feed_uids(client, token.token)
    finally:
        from calendars import personal

        personal._sources.remove(officiant_source)
    assert officiant_source not in registered_sources()


def test_an_unknown_token_is_404(client, member):
    assert client.get("/ical/personal/finnes-ikke.ics").status_code == 404


def test_a_rotated_token_is_404_and_the_new_one_works(client, member, folkevalgt):
    old = services.token_ensure(person=member)
    client.force_login(folkevalgt)
    response = client.post(f"/intern/kalender/personer/{member.pk}/", {"action": "rotate"})
    assert response.status_code == 302
    client.logout()
    assert client.get(f"/ical/personal/{old.token}.ics").status_code == 404
    new = CalendarToken.objects.active().get(person=member)
    assert new.token != old.token
    assert client.get(f"/ical/personal/{new.token}.ics").status_code == 200


def test_a_revoked_token_is_404(client, member, fagleder):
    token = services.token_ensure(person=member)
    services.token_revoke(person=member, actor=fagleder)
    assert client.get(f"/ical/personal/{token.token}.ics").status_code == 404


def test_the_persons_page_shows_webcal_and_https_links(client, member, folkevalgt):
    token = services.token_ensure(person=member)
    client.force_login(folkevalgt)
    page = client.get("/intern/kalender/min/", follow=True)
    html = page.content.decode()
    assert f"webcal://testserver/ical/personal/{token.token}.ics" in html
    assert f"http://testserver/ical/personal/{token.token}.ics" in html


def test_another_folkevalgt_cannot_see_or_rotate_my_link(client, member):
    other = UserFactory(username="annen-folkevalgt", role=Role.FOLKEVALGT)
    token = services.token_ensure(person=member)
    client.force_login(other)
    assert client.get(f"/intern/kalender/personer/{member.pk}/").status_code == 403
    assert client.post(f"/intern/kalender/personer/{member.pk}/", {"action": "rotate"}).status_code == 403
    assert CalendarToken.objects.active().get(person=member) == token


def test_fagleder_can_rotate_anyones_link_and_it_is_audited(client, member, fagleder):
    from workflows.models import AuditEntry

    services.token_ensure(person=member)
    client.force_login(fagleder)
    assert client.post(f"/intern/kalender/personer/{member.pk}/", {"action": "rotate"}).status_code == 302
    assert CalendarToken.objects.filter(person=member).count() == 2
    assert AuditEntry.for_object(member).filter(action="kalendernokkel_byttet").exists()
