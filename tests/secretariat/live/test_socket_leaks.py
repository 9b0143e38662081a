"""What the live sockets carry to whom (the real Redis channel layer, planted marker strings): nothing of a meeting
before its notice, nothing of a tilleggssak before its own notice, an exempt case by its public title only, and a
secret ballot's result without a name — to the public, and to a member of the body, whatever they send; and the
member's and the møteleder's sockets only to whom they are for."""

import pytest
from asgiref.sync import sync_to_async

from secretariat.live import services
from secretariat.meetings.services import (
    agenda_item_add,
    live_set_current_item,
    meeting_create,
    meeting_send_supplementary_notice,
    proposal_add,
)
from tests.helpers import case_in_state

from .http import user_for
from .sockets import connect, next_state, run, state_where

pytestmark = pytest.mark.django_db(transaction=True)

MARKER = "QQLIVELEKKASJEQQ"
NAMES = ("Anna Fsk", "Anders Fsk", "Aud Fsk", "Henrik Fsk", "Hanne Fsk", "Sigrid Fsk", "Svein Fsk")


def test_the_sockets_carry_nothing_their_viewer_may_not_see(redis_layer, live, fagleder, fsk, saksbehandler,
                                                             kommunedirektor):
    planned = meeting_create(actor=fagleder, organization=fsk.org, start=live.meeting.start)
    # A secret ballot in the first item, closed: the result, never who voted what.
    election = proposal_add(actor=fagleder, item=live.first, by="Valgnemnda", text="Hanne Fsk velges.")
    secret = services.evote_open(actor=fagleder, meeting=live.meeting, proposal=election, kind="valg", secret=True)
    for key, choice in zip(live.users, ["for", "for", "mot", "for", "blank", "for", "mot"], strict=True):
        services.evote_cast(actor=live.users[key], evote=secret, choice=choice)
    services.evote_close(actor=fagleder, evote=secret)
    # A personnel case added after the notice (a tilleggssak), and taken up before its own notice is sent.
    exempt = case_in_state("klar", organization=fsk.org, officer=saksbehandler, fagleder=fagleder,
                           kommunedirektor=kommunedirektor, title=f"Oppsigelse av {MARKER}TITTEL",
                           public_title="Personalsak", exempt=True, exempt_basis="offl13_fvl13_1",
                           summary=f"Arbeidsforholdet til {MARKER}SAMMENDRAG.",
                           recommendation=f"Formannskapet godkjenner {MARKER}INNSTILLING.")

    astrid = user_for(live.fsk.s.astrid, "astrid")  # a substitute, not called in

    async def scenario():
        for path, user in ((f"/ws/innsyn/moter/{planned.pk}/direkte/", None),
                           (f"/ws/direkte/{planned.pk}/", live.users["aud"])):
            _communicator, ok, code = await connect(path, user)
            assert not ok and code == 4403, path  # nothing before the notice
        # Staff who are not the secretariat have neither the member's socket nor the møteleder's; a substitute
        # not called in follows as a member (the notice went to her) but not as the møteleder.
        for user, member_ok in ((saksbehandler, False), (kommunedirektor, False), (astrid, True), (None, False)):
            communicator, ok, code = await connect(f"/ws/direkte/{live.meeting.pk}/", user)
            assert ok == member_ok, user
            if ok:
                await next_state(communicator)
                await communicator.disconnect()
            _communicator, ok, code = await connect(f"/ws/direkte/{live.meeting.pk}/styring/", user)
            assert not ok and code == 4403, user
        public, ok, _ = await connect(f"/ws/innsyn/moter/{live.meeting.pk}/direkte/")
        member, ok, _ = await connect(f"/ws/direkte/{live.meeting.pk}/", live.users["aud"])
        for communicator in (public, member):
            state = await next_state(communicator)
            assert "4 mot 2" in state["html"] and "(hemmelig)" in state["html"], state["html"]
            results = state["html"].split("Resultater i saken", 1)[1].split("</ul>", 1)[0]
            assert not any(name in results for name in NAMES)
        item = await sync_to_async(agenda_item_add)(actor=fagleder, meeting=live.meeting, case=exempt)
        await sync_to_async(live_set_current_item)(actor=fagleder, meeting=live.meeting, item=item)
        for communicator in (public, member):  # a member too: the tilleggssak's notice is not sent yet
            state = await state_where(communicator, "ikke kunngjort ennå")
            assert MARKER not in state["html"] and "Personalsak" not in state["html"]
        await sync_to_async(meeting_send_supplementary_notice)(actor=fagleder, meeting=live.meeting)
        await public.send_json_to({"type": "sync"})
        state = await state_where(public, "Personalsak")
        assert MARKER not in state["html"] and "Talerliste" not in state["html"]
        # A member asks for the floor in it: the public hears nothing of it, whatever it sends.
        await sync_to_async(services.speech_request)(actor=live.users["anna"], meeting=live.meeting, kind="innlegg")
        await public.send_json_to({"type": "stem", "vote": secret.pk})
        assert (await public.receive_json_from())["type"] == "error"
        await public.send_json_to({"type": "sync"})
        await member.disconnect()
        told = await public.drain()
        assert told and all(m["type"] == "state" for m in told)
        for state in told:
            assert MARKER not in state["html"] and "Anna Fsk" not in state["html"] and state["announce"] == ""

    run(scenario)
