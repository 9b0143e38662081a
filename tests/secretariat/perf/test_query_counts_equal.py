"""Pages whose work used to grow per row (issue 17): the protokoll (per item), the API meetings list (quorum per
meeting), the API agenda-item list (a set of queries per item), a meeting's agenda in the API, the follow-up
dashboard and a body's complete iCal feed. Each makes exactly the same number of queries for a small kommune and
for one five times bigger — counts, not timings (benchmarks/run_all.py has the timings)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from secretariat.demo.scale import ScaleSeeder
from secretariat.meetings.models import Meeting
from workflows.meeting import MeetingState

from .test_query_counts_flat import BIGGER, SMALL


def _pages() -> dict[str, tuple[str, str | None]]:
    """label -> (url, username): the pages, for the meeting of kommunestyret with the most items."""
    held = (Meeting.objects.filter(organization__slug="kommunestyret",
                                   state__in=[MeetingState.PROTOKOLL_GODKJENT, MeetingState.ARKIVERT])
            .annotate(n=Count("agenda_items")).order_by("-n", "-start").first())
    return {
        "protokoll (public)": (f"/innsyn/moter/{held.pk}/protokoll/", None),
        "API meetings": ("/api/meetings/", None),
        "API meetings (fagleder)": ("/api/meetings/", "scale-fagleder"),
        "API agenda items": ("/api/agenda-items/", None),
        "API agenda items (fagleder)": ("/api/agenda-items/", "scale-fagleder"),
        "API meeting with its agenda": (f"/api/meetings/{held.pk}/", "scale-fagleder"),
        "follow-up dashboard": ("/intern/oppfolging/", "scale-kd"),
        "iCal kommunestyret": ("/ical/organizations/kommunestyret.ics", None),
    }


def _count_pages() -> tuple[dict[str, int], dict[str, int]]:
    """Queries per page, and how many rows the page's growing part had (so the test knows the sizes differ)."""
    counts = {}
    for label, (url, username) in _pages().items():
        client = Client()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (label, response.status_code)
        counts[label] = len(ctx.captured_queries)
    held = Meeting.objects.filter(organization__slug="kommunestyret").annotate(n=Count("agenda_items"))
    sizes = {"items of the biggest meeting": max(m.n for m in held), "meetings": Meeting.objects.count()}
    return counts, sizes


def test_these_pages_make_the_same_queries_for_a_small_and_a_five_times_bigger_kommune(db, settings):
    settings.SAKSGANG_PUBLIC_CACHE_SECONDS = 0  # count the real work, not cache hits
    results = []
    for size in (SMALL, BIGGER):
        with transaction.atomic():
            ScaleSeeder("small", counts=size).run()
            results.append(_count_pages())
            transaction.set_rollback(True)
    (small, small_sizes), (bigger, bigger_sizes) = results
    assert bigger_sizes["meetings"] > 3 * small_sizes["meetings"]
    assert bigger_sizes["items of the biggest meeting"] > small_sizes["items of the biggest meeting"]
    assert small == bigger


@pytest.mark.parametrize("n_meetings", [3, 9])
def test_the_api_meeting_list_reads_every_quorum_in_one_query(db, client, formannskapet, n_meetings,
                                                              django_assert_num_queries):
    """Quorum per meeting in the list: 3 queries (count, page, attendance counts) for 3 meetings as for 9."""
    import datetime as dt

    from django.utils import timezone

    for n in range(n_meetings):
        Meeting.objects.create(organization=formannskapet, start=timezone.now() + dt.timedelta(days=n + 1))
    with django_assert_num_queries(3):
        data = client.get("/api/meetings/").json()
    assert len(data["results"]) == n_meetings
    assert all(m["quorum"]["present"] == 0 and m["quorum"]["seats"] == formannskapet.seats for m in data["results"])
