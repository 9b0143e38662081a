from django.urls import reverse

from .scenario import PUBLIC_DECISION, PUBLIC_SUMMARY, SECRETS


def test_calendar_lists_upcoming_and_past_meetings_by_body(client, portal):
    page = client.get(reverse("innsyn:meetings"), {"organ": "kommunestyret"}).content.decode()
    assert reverse("innsyn:meeting", args=[portal.upcoming_meeting.pk]) in page
    assert reverse("innsyn:meeting", args=[portal.past_meeting.pk]) in page
    assert page.index("Kommende møter") < page.index("Tidligere møter")
    other = client.get(reverse("innsyn:meetings"), {"organ": "finnes-ikke"}).content.decode()
    assert reverse("innsyn:meeting", args=[portal.past_meeting.pk]) not in other


def test_front_page_links_next_kommunestyre_meeting(client, portal):
    page = client.get(reverse("innsyn:index")).content.decode()
    assert "Neste møte i kommunestyret" in page
    assert reverse("innsyn:meeting", args=[portal.upcoming_meeting.pk]) in page


def test_meeting_page_shows_kort_fortalt_before_the_decision(client, portal):
    page = client.get(reverse("innsyn:meeting", args=[portal.past_meeting.pk])).content.decode()
    assert portal.public_item.label in page
    assert PUBLIC_SUMMARY in page and PUBLIC_DECISION in page
    assert page.index(PUBLIC_SUMMARY) < page.index(PUBLIC_DECISION)
    assert "Vedtatt med 20 mot 7 stemmer" in page
    assert "Kommunestyresalen" in page


def test_meeting_page_links_each_item_to_its_moment_in_the_video(client, portal):
    page = client.get(reverse("innsyn:meeting", args=[portal.past_meeting.pk])).content.decode()
    assert "https://www.youtube.com/watch?v=fjordvikks&amp;t=754" in page
    assert "(fra 12:34)" in page
    # The closed item gets no video moment.
    assert "t=2000" not in page


def test_closed_item_is_shown_without_content(client, portal):
    page = client.get(reverse("innsyn:meeting", args=[portal.past_meeting.pk])).content.decode()
    assert portal.closed_item.label in page
    assert "Lukket møte, koml. § 11-5 tredje ledd bokstav b" in page
    assert SECRETS["closed_summary"] not in page and SECRETS["closed_decision"] not in page


def test_exempt_item_is_shown_by_public_title_with_marking(client, portal):
    page = client.get(reverse("innsyn:meeting", args=[portal.upcoming_meeting.pk])).content.decode()
    assert "Personalsak" in page
    assert "Unntatt offentlighet, offl. § 13 jf. fvl. § 13 første ledd nr. 1" in page
    assert SECRETS["exempt_title"] not in page and SECRETS["exempt_summary"] not in page


def test_unapproved_minutes_are_not_shown(client, portal):
    page = client.get(reverse("innsyn:meeting", args=[portal.past_meeting.pk])).content.decode()
    assert "Protokollen publiseres når den er godkjent" in page
    assert client.get(reverse("innsyn:minutes", args=[portal.past_meeting.pk])).status_code == 404


def test_unknown_meeting_is_404(client, db):
    assert client.get(reverse("innsyn:meeting", args=[999999])).status_code == 404


def test_public_pages_declare_norwegian_and_have_a_skip_link(client, portal):
    page = client.get(reverse("innsyn:meeting", args=[portal.past_meeting.pk])).content.decode()
    assert '<html lang="nb">' in page
    assert 'href="#hovedinnhold"' in page and '<main id="hovedinnhold"' in page


def test_approved_minutes_are_shown_without_closed_content(client, portal, fagleder, django_assert_max_num_queries):
    from .scenario import approve_minutes

    approve_minutes(portal.past_meeting, fagleder=fagleder)
    meeting_page = client.get(reverse("innsyn:meeting", args=[portal.past_meeting.pk])).content.decode()
    assert reverse("innsyn:minutes", args=[portal.past_meeting.pk]) in meeting_page
    with django_assert_max_num_queries(12):
        response = client.get(reverse("innsyn:minutes", args=[portal.past_meeting.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert PUBLIC_DECISION in page and "Godkjent i møtet" in page
    assert SECRETS["closed_decision"] not in page and SECRETS["closed_summary"] not in page


def _vote(item, ballots, *, adopted=True):
    from secretariat.meetings.models import Ballot, Proposal, Vote

    proposal = Proposal.objects.create(agenda_item=item, by="Kommunedirektøren", text="Innstillingen",
                                       is_recommendation=True)
    choices = [c for _, c in ballots]
    vote = Vote.objects.create(agenda_item=item, proposal=proposal, adopted=adopted, for_count=choices.count("for"),
                               against_count=choices.count("mot"))
    for membership, choice in ballots:
        Ballot.objects.create(vote=vote, membership=membership, choice=choice)
    return vote


def test_meeting_and_case_pages_show_how_each_party_voted(client, portal, kommunestyret):
    from tests.factories import MembershipFactory, PartyFactory, PersonFactory

    red, blue = PartyFactory(name="Raudlista", abbreviation="RL"), PartyFactory(name="Blålista", abbreviation="BLÅ")
    members = [MembershipFactory(organization=kommunestyret, electoral_list=party,
                                 person=PersonFactory(given_name=name, family_name="Li"))
               for name, party in [("Anne", red), ("Berit", red), ("Cato", blue), ("Dag", blue)]]
    _vote(portal.public_item, [(members[0], "for"), (members[1], "for"), (members[2], "for"), (members[3], "mot")])
    _vote(portal.closed_item, [(members[0], "for"), (members[1], "mot"), (members[2], "for"), (members[3], "for")])
    meeting_page = client.get(reverse("innsyn:meeting", args=[portal.past_meeting.pk])).content.decode()
    case_page = client.get(reverse("innsyn:case", args=[portal.public.pk])).content.decode()
    for page in (meeting_page, case_page):
        assert "Innstillingen ble vedtatt med 3 mot 1 stemmer" in page
        assert '<th scope="row">RL</th><td>2</td><td>0</td>' in page
        assert "Cato Li (BLÅ) for, Dag Li (BLÅ) mot" in page  # a split party: named members
    # The closed item's vote is not shown member by member.
    assert "Anne Li (RL)" not in meeting_page and "Berit Li" not in meeting_page
