"""Public pages use a fixed number of queries, whatever the number of meetings, items and members."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.meetings.models import Ballot, Proposal, Vote
from secretariat.meetings.services import agenda_item_add
from tests.factories import MembershipFactory, PartyFactory
from tests.helpers import case_in_state, decide_in_meeting

MAX_QUERIES = 20


def _add_items(portal, n, *, kommunestyret, saksbehandler, fagleder, kommunedirektor):
    people = {"organization": kommunestyret, "officer": saksbehandler, "fagleder": fagleder,
              "kommunedirektor": kommunedirektor}
    party = PartyFactory()
    for i in range(n):
        past_case = case_in_state("klar", title=f"Ekstra vedtatt sak {i}", **people)
        item = agenda_item_add(actor=fagleder, meeting=portal.past_meeting, case=past_case)
        member = MembershipFactory(organization=kommunestyret, electoral_list=party)
        proposal = Proposal.objects.create(agenda_item=item, by="Kommunedirektøren", text="Innstillingen")
        vote = Vote.objects.create(agenda_item=item, proposal=proposal, adopted=True, for_count=1)
        Ballot.objects.create(vote=vote, membership=member, choice="for")
        past_case.refresh_from_db()
        decide_in_meeting(past_case, actor=fagleder, text=f"Vedtak barnehage {i}.")
        upcoming_case = case_in_state("klar", title=f"Ekstra sak {i}", **people)
        agenda_item_add(actor=fagleder, meeting=portal.upcoming_meeting, case=upcoming_case)
        MembershipFactory(organization=kommunestyret, electoral_list=party)


def _pages(portal):
    return [
        "/innsyn/", "/innsyn/moter/", f"/innsyn/moter/{portal.past_meeting.pk}/",
        f"/innsyn/moter/{portal.upcoming_meeting.pk}/", f"/innsyn/moter/{portal.upcoming_meeting.pk}/kort-fortalt/",
        f"/innsyn/saker/{portal.public.pk}/", "/innsyn/sok/?q=barnehage", "/innsyn/sok/?q=sak&organ=kommunestyret",
        "/innsyn/sok/rss/?q=barnehage", "/innsyn/rss/", "/innsyn/atom/", "/innsyn/slik-kan-du-pavirke/",
        "/innsyn/tilgjengelighet/",
    ]


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_public_pages_use_a_bounded_number_of_queries_independent_of_the_items(
        client, portal, kommunestyret, saksbehandler, fagleder, kommunedirektor, django_assert_max_num_queries):
    people = {"kommunestyret": kommunestyret, "saksbehandler": saksbehandler, "fagleder": fagleder,
              "kommunedirektor": kommunedirektor}
    _add_items(portal, 1, **people)
    few = {url: _count(client, url) for url in _pages(portal)}
    _add_items(portal, 5, **people)
    for url in _pages(portal):
        with django_assert_max_num_queries(MAX_QUERIES):
            many = _count(client, url)
        assert many == few[url], f"{url}: {few[url]} spørringer med få saker, {many} med mange"
