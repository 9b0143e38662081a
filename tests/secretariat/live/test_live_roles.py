"""Every live route with every role, ids from elsewhere, and wrong input (HTTP): the public page is open after the
notice; a member's page and actions are the body's members and substitutes'; the møteleder's controls are the
secretariat's. A refusal changes nothing and says why in Norwegian; nothing answers 500."""

import pytest
from django.urls import reverse

from secretariat.accounts.roles import Role
from secretariat.live import services
from secretariat.live.models import ElectronicBallot, ElectronicVote, EVoteState, Speech, SpeechState
from tests.factories import MembershipFactory, PersonFactory, UserFactory

from .http import JSON, control_post, member_post, open_vote, user_for

pytestmark = pytest.mark.django_db

CONTROL_ACTIONS = ("apne", "stem-for", "avslutt", "avbryt", "gi-ordet", "ferdig", "flytt", "stryk", "sett-opp")
MEMBER_ACTIONS = ("ordet", "trekk", "stem")


def _nothing_changed(live, evote):
    assert not ElectronicBallot.objects.filter(vote=evote).exists()
    assert ElectronicVote.objects.get(pk=evote.pk).state == EVoteState.OPEN
    assert not Speech.objects.exists()


def test_each_role_gets_what_is_its_own_and_nothing_else(client, live, fagleder, saksbehandler, kommunedirektor,
                                                          kommunestyret):
    evote = open_vote(client, live, fagleder)
    meeting = live.meeting
    page, public = reverse("live:member", args=[meeting.pk]), reverse("live:public", args=[meeting.pk])
    # Anonymous: the public page only; everything else sends to the log-in.
    client.logout()
    assert client.get(public).status_code == 200
    for url in (page, *[reverse("live:action", args=[meeting.pk, a]) for a in MEMBER_ACTIONS],
                *[reverse("live:control", args=[meeting.pk, a]) for a in CONTROL_ACTIONS]):
        response = client.post(url, {"vote": evote.pk, "choice": "for"}) if "handling" in url or "styring" in url \
            else client.get(url)
        assert response.status_code == 302 and "/logg-inn/" in response["Location"], url
    # The page's script (logged out meanwhile) hears why, in JSON it can read.
    for url in (reverse("live:action", args=[meeting.pk, "stem"]), reverse("live:control", args=[meeting.pk, "apne"])):
        response = client.post(url, {"vote": evote.pk, "choice": "for"}, headers=JSON)
        assert response.status_code == 401 and response.json()["error"].startswith("Du er logget ut."), url
    # Staff who are not the secretariat, and a folkevalgt of another body: neither page nor action nor control.
    outsider = UserFactory(username="utenfor", role=Role.FOLKEVALGT)
    MembershipFactory(person=PersonFactory(given_name="Ulla", family_name="Utenfor", user=outsider),
                      organization=kommunestyret, term=live.fsk.term)
    for user in (saksbehandler, kommunedirektor, outsider):
        client.force_login(user)
        assert client.get(page).status_code == 403, user
        for action in MEMBER_ACTIONS:
            response = member_post(client, live, user, action, {"vote": evote.pk, "choice": "for", "kind": "innlegg"})
            assert response.status_code == 403, (user, action)
            assert response.json() == {"ok": False, "error": "Bare organets medlemmer kan be om ordet og stemme."}
        for action in CONTROL_ACTIONS:
            response = control_post(client, live, user, action, {"vote": evote.pk})
            assert response.status_code == 403 and response.json()["error"] == "Bare politisk sekretariat styrer møtet."
        # Without the script: the usual 403 page.
        assert client.post(reverse("live:action", args=[meeting.pk, "stem"]), {"vote": evote.pk}).status_code == 403
    # A member of the body may not run the meeting.
    for action in CONTROL_ACTIONS:
        response = control_post(client, live, live.users["aud"], action, {"vote": evote.pk, "choice": "for",
                                                                          "membership": live.fsk.m.aud.pk})
        assert response.status_code == 403, action
    # A substitute who is not called in follows the meeting (the notice went to her too) but takes no part.
    astrid = user_for(live.fsk.s.astrid, "astrid")
    client.force_login(astrid)
    assert client.get(page).status_code == 200
    said = member_post(client, live, astrid, "stem", {"vote": evote.pk, "choice": "for"})
    assert said.status_code == 400 and "ikke med i behandlingen" in said.json()["error"]
    said = member_post(client, live, astrid, "ordet", {"kind": "innlegg"})
    assert said.status_code == 400 and "ikke med i behandlingen" in said.json()["error"]
    # The secretariat runs the meeting but does not vote as a member.
    said = member_post(client, live, fagleder, "stem", {"vote": evote.pk, "choice": "for"})
    assert said.status_code == 400 and "ikke medlem av" in said.json()["error"]
    _nothing_changed(live, evote)


def test_ids_from_another_meeting_body_or_member_are_refused(client, live, fagleder, meeting_factory_other,
                                                             kommunestyret):
    other_vote, other_proposal = meeting_factory_other
    other_meeting = other_vote.agenda_item.meeting
    services.evote_cancel(actor=fagleder, evote=other_vote)
    elsewhere = services.speech_request(actor=live.users["anna"], meeting=other_meeting, kind="innlegg")
    evote = open_vote(client, live, fagleder)
    for action, data, expected in [
        ("gi-ordet", {"speech": elsewhere.pk}, "finnes ikke i dette møtet"),
        ("flytt", {"speech": elsewhere.pk, "direction": "opp"}, "finnes ikke i dette møtet"),
        ("stryk", {"speech": elsewhere.pk}, "finnes ikke i dette møtet"),
        ("avbryt", {"vote": other_vote.pk}, "finnes ikke i dette møtet"),
        ("apne", {"proposal": other_proposal.pk}, "hører ikke til dette møtet"),
    ]:
        response = control_post(client, live, fagleder, action, data)
        assert response.status_code == 400 and expected in response.json()["error"], action
    response = member_post(client, live, live.users["anna"], "trekk", {"speech": elsewhere.pk})
    assert response.status_code == 400 and "finnes ikke i dette møtet" in response.json()["error"]
    # A member of another body, for a hand-entered vote or a place on the speaker list.
    stranger = MembershipFactory(organization=kommunestyret, term=live.fsk.term)
    for action, data in (("stem-for", {"vote": evote.pk, "membership": stranger.pk, "choice": "for"}),
                         ("sett-opp", {"membership": stranger.pk, "kind": "innlegg"})):
        response = control_post(client, live, fagleder, action, data)
        assert response.status_code == 400 and "hører ikke til dette organet" in response.json()["error"], action
    # Another member's request for the floor is not yours to withdraw.
    mine = member_post(client, live, live.users["henrik"], "ordet", {"kind": "innlegg"})
    assert mine.status_code == 200
    henriks = Speech.objects.get(membership=live.fsk.m.henrik)
    response = member_post(client, live, live.users["anna"], "trekk", {"speech": henriks.pk})
    assert response.status_code == 400 and response.json()["error"] == "Du kan bare trekke din egen forespørsel om ordet."
    assert Speech.objects.get(pk=henriks.pk).state == SpeechState.WAITING
    assert not ElectronicBallot.objects.exists() and elsewhere.state == SpeechState.WAITING


WRONG_MEMBER_INPUT = [
    ("stem", {}, "Ingen avstemning er valgt."),
    ("stem", {"vote": "abc", "choice": "for"}, "finnes ikke i dette møtet"),
    ("stem", {"vote": "99999999999999999999", "choice": "for"}, "finnes ikke i dette møtet"),
    ("stem", {"vote": "@vote", "choice": ""}, "Velg for, mot eller blank."),
    ("stem", {"vote": "@vote", "choice": "FOR"}, "«for», «mot» eller «blank»"),
    ("stem", {"vote": "@vote", "choice": "x" * 100_000}, "«for», «mot» eller «blank»"),
    ("ordet", {"kind": "tale"}, "Velg innlegg eller replikk."),
    ("ordet", {}, "Velg innlegg eller replikk."),
    ("trekk", {"speech": "-1"}, "finnes ikke i dette møtet"),
]
WRONG_CONTROL_INPUT = [
    ("apne", {"proposal": "@proposal", "kind": "folkeavstemning"}, "Velg sak, valg eller ansettelse."),
    ("apne", {}, "Velg forslaget det skal stemmes over."),
    ("stem-for", {"vote": "@vote", "choice": "for"}, "Velg hvem stemmen er fra."),
    ("avslutt", {"vote": "@vote", "casting_vote": "kanskje"}, "Oppgi «for» eller «mot»."),
    ("avslutt", {"vote": "@vote", "lots_winner": "blank"}, "Oppgi «for» eller «mot»."),
    ("gi-ordet", {"speech": "@speech", "time_limit_minutes": "NaN"}, "Taletiden"),
    ("gi-ordet", {"speech": "@speech", "time_limit_minutes": "0"}, ""),
    ("gi-ordet", {"speech": "@speech", "time_limit_minutes": "1e9"}, ""),
    ("flytt", {"speech": "@speech", "direction": "sidelengs"}, "Velg opp eller ned."),
    ("flytt", {"speech": "@speech", "direction": "opp"}, "står allerede først."),
]


def test_wrong_input_gets_a_norwegian_message_and_changes_nothing(client, live, fagleder):
    evote = open_vote(client, live, fagleder)
    assert member_post(client, live, live.users["anna"], "ordet", {"kind": "innlegg"}).status_code == 200
    speech = Speech.objects.get()
    fill = {"@vote": str(evote.pk), "@proposal": str(live.proposal.pk), "@speech": str(speech.pk)}

    def filled(data):
        return {k: fill.get(v, v) for k, v in data.items()}

    for action, data, expected in WRONG_MEMBER_INPUT:
        response = member_post(client, live, live.users["aud"], action, filled(data))
        assert response.status_code == 400, (action, data)
        assert expected in response.json()["error"], (action, response.json())
    for action, data, expected in WRONG_CONTROL_INPUT:
        response = control_post(client, live, fagleder, action, filled(data))
        assert response.status_code == 400, (action, data)
        assert response.json()["ok"] is False and expected in response.json()["error"], (action, response.json())
    # No such action or meeting; not a GET.
    unknown = member_post(client, live, live.users["aud"], "stem-to-ganger", {})
    assert unknown.status_code == 404 and unknown.json()["error"] == "Ukjent møte eller handling."
    assert control_post(client, live, fagleder, "slett-alt", {}).status_code == 404
    client.force_login(fagleder)
    assert client.post(reverse("live:control", args=[live.meeting.pk + 1000, "ferdig"]), {}, headers=JSON
                       ).status_code == 404
    assert client.post(reverse("live:control", args=[live.meeting.pk, "slett-alt"]), {}).status_code == 404
    client.force_login(fagleder)
    assert client.get(reverse("live:control", args=[live.meeting.pk, "avslutt"])).status_code == 405
    assert not ElectronicBallot.objects.exists()
    assert Speech.objects.get().state == SpeechState.WAITING and Speech.objects.count() == 1
    assert ElectronicVote.objects.get().state == EVoteState.OPEN
    # Without JavaScript the same refusal comes back as a message on the page.
    client.force_login(live.users["aud"])
    response = client.post(reverse("live:action", args=[live.meeting.pk, "stem"]), {"vote": evote.pk,
                                                                                     "choice": "kanskje"}, follow=True)
    assert response.status_code == 200 and "«for», «mot» eller «blank»" in response.content.decode()


def test_a_next_address_off_the_site_is_not_followed(client, live, fagleder):
    evote = open_vote(client, live, fagleder)
    client.force_login(live.users["aud"])
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example/"):
        response = client.post(reverse("live:action", args=[live.meeting.pk, "stem"]),
                               {"vote": evote.pk, "choice": "for", "next": target})
        assert response.status_code == 302 and "evil" not in response["Location"], target
