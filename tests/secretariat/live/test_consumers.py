"""The live pages' websockets on the real Redis channel layer (SAKSGANG_TEST_REDIS_URL): each socket gets the full
state for its own viewer on connect and after every change; a reconnect gets what was missed; the public socket
shows nothing the public may not see; sockets that are not for the viewer are refused."""

import pytest
from asgiref.sync import sync_to_async
from django.db import connection

from secretariat.live import services
from secretariat.live.models import ElectronicBallot, Speech
from secretariat.meetings.services import agenda_item_close, live_set_current_item, proposal_add

from .sockets import connect, next_state, run, state_where

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_socket_gets_its_own_view_of_each_change(redis_layer, live, fagleder):
    meeting = live.meeting

    async def scenario():
        public, ok, _ = await connect(f"/ws/innsyn/moter/{meeting.pk}/direkte/")
        assert ok
        member, ok, _ = await connect(f"/ws/direkte/{meeting.pk}/", live.users["aud"])
        assert ok
        control, ok, _ = await connect(f"/ws/direkte/{meeting.pk}/styring/", fagleder)
        assert ok
        first = [await next_state(c) for c in (public, member, control)]
        assert all(m["version"] == first[0]["version"] for m in first)
        assert "Budsjett" in first[0]["html"] and "Ingen avstemning pågår" in first[0]["html"]

        evote = await sync_to_async(services.evote_open)(actor=fagleder, meeting=meeting, proposal=live.proposal)
        opened = [await next_state(c) for c in (public, member, control)]
        assert opened[0]["version"] == first[0]["version"] + 1
        assert "Avstemning pågår" in opened[0]["html"] and "Avgitt:" not in opened[0]["html"]  # no live count
        assert 'value="for"' in opened[1]["html"] and "Stem for" in opened[1]["html"]
        assert "Åpne avstemning" not in opened[2]["html"] and "Avslutt avstemningen" in opened[2]["html"]
        assert [m["announce"] for m in opened] == ["", *["Avstemningen over forslag 1 er åpnet."] * 2]

        for key in live.users:
            await sync_to_async(services.evote_cast)(actor=live.users[key], evote=evote,
                                                     choice="mot" if key == "svein" else "for")
        await state_where(control, "Avgitt: <span data-count=\"cast\">7</span> av 7")
        await state_where(member, "Du har stemt: <strong>For</strong>")
        await sync_to_async(services.evote_close)(actor=fagleder, evote=evote)
        closed = [await state_where(c, "vedtatt med 6 mot 1") for c in (public, member, control)]
        assert all("Innstillingen ble vedtatt med 6 mot 1 stemmer" in m["html"] for m in closed)
        said = closed[1]["announce"]  # the result is read out (a screen reader's live region), perhaps one state later
        while not said:
            said = (await next_state(member))["announce"]
        assert said.endswith("Forslag 1: Innstillingen ble vedtatt med 6 mot 1 stemmer.")
        # The møteleder takes up the next item in møtemodus (the meeting's own service): the pages follow.
        await sync_to_async(live_set_current_item)(actor=fagleder, meeting=meeting, item=live.second)
        for c in (public, member):
            await state_where(c, "Skolebruksplan")
        await state_where(control, f"Talerliste i {live.second.label}")
        for c in (public, member, control):
            await c.disconnect()

    run(scenario)


def test_a_dropped_member_gets_the_current_state_on_reconnect_and_votes_once(redis_layer, live, fagleder):
    meeting = live.meeting
    evote = services.evote_open(actor=fagleder, meeting=meeting, proposal=live.proposal)

    async def scenario():
        member, ok, _ = await connect(f"/ws/direkte/{meeting.pk}/", live.users["anna"])
        before = await next_state(member)
        await member.disconnect()  # the connection drops ...
        await sync_to_async(services.evote_cast)(actor=live.users["anna"], evote=evote, choice="for")
        await sync_to_async(services.evote_cast)(actor=live.users["henrik"], evote=evote, choice="mot")
        member, ok, _ = await connect(f"/ws/direkte/{meeting.pk}/", live.users["anna"])  # ... and comes back
        after = await next_state(member)
        assert after["version"] == before["version"] + 2
        assert "Du har stemt: <strong>For</strong>" in after["html"] and "Stem for" not in after["html"]
        with pytest.raises(Exception, match="allerede stemt"):
            await sync_to_async(services.evote_cast)(actor=live.users["anna"], evote=evote, choice="mot")
        await member.disconnect()

    run(scenario)
    assert list(ElectronicBallot.objects.filter(vote=evote).values_list("membership__person__given_name", "choice")
                .order_by("membership__person__given_name")) == [("Anna", "for"), ("Henrik", "mot")]


def test_sockets_refuse_who_they_are_not_for_and_the_public_never_sees_a_closed_item(redis_layer, live, fagleder,
                                                                                      meeting):
    from secretariat.accounts.roles import Role
    from tests.factories import UserFactory

    outsider = UserFactory(username="utenfor", role=Role.FOLKEVALGT)
    live_set_current_item(actor=fagleder, meeting=live.meeting, item=live.second)
    # A secret ballot (each cast its own transaction here): every cast writes every tally row, so the rows' last
    # writer (PostgreSQL's xmin, shared with the voter row) never tells which choice the last voter made.
    election = proposal_add(actor=fagleder, item=live.second, by="Valgnemnda", text="Hanne Fsk velges.")
    secret = services.evote_open(actor=fagleder, meeting=live.meeting, proposal=election, kind="valg", secret=True)
    services.evote_cast(actor=live.users["anna"], evote=secret, choice="for")
    services.evote_cast(actor=live.users["henrik"], evote=secret, choice="mot")
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT xmin::text FROM live_secrettally WHERE vote_id = %s", [secret.pk])
        assert len(cursor.fetchall()) == 1
    services.evote_cancel(actor=fagleder, evote=secret)
    agenda_item_close(actor=fagleder, item=live.second, closed=True, basis="11-5-3-a")
    services.speech_request(actor=live.users["anna"], meeting=live.meeting, kind="innlegg")

    async def scenario():
        for path, user in ((f"/ws/direkte/{live.meeting.pk}/", None),
                           (f"/ws/direkte/{live.meeting.pk}/", outsider),
                           (f"/ws/direkte/{live.meeting.pk}/styring/", live.users["anna"])):
            communicator, ok, code = await connect(path, user)
            assert not ok, path
        public, ok, _ = await connect(f"/ws/innsyn/moter/{live.meeting.pk}/direkte/")
        state = await next_state(public)
        assert "Lukket møte" in state["html"] and "Anna Fsk" not in state["html"]
        assert "Talerliste" not in state["html"]
        member, ok, _ = await connect(f"/ws/direkte/{live.meeting.pk}/", live.users["aud"])
        assert "Anna Fsk" in (await next_state(member))["html"]  # the body's members see the closed item
        # Anna gets the floor behind closed doors: the members hear it, the public socket says nothing.
        speech = await sync_to_async(Speech.objects.get)(membership=live.fsk.m.anna, state="venter")
        await sync_to_async(services.speech_start)(actor=fagleder, speech=speech)
        assert (await state_where(member, "Har ordet"))["announce"] == "Anna Fsk har ordet."
        told = await next_state(public)
        assert told["announce"] == "" and "Anna Fsk" not in told["html"]
        await public.disconnect()
        await member.disconnect()

    run(scenario)
