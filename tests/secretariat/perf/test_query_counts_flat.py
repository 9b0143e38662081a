"""Queries per page do not grow with the data: the same ceiling for a small and a five-times bigger kommune."""

import pytest
from django.contrib.auth import get_user_model

from secretariat.demo.scale import ScaleSeeder, Size
from secretariat.followups.models import FollowUpReport

SMALL = Size(organizations=6, persons=60, meetings=12, cases=60, ballots=120, followups=24, audit=200,
             documents=100, real_documents=0)
BIGGER = Size(organizations=6, persons=60, meetings=40, cases=300, ballots=560, followups=116, audit=600,
              documents=300, real_documents=0)

# page -> (user, ceiling)
PAGES = {
    "/api/cases/": (None, 8),
    "/api/decisions/": (None, 6),
    "/innsyn/moter/": (None, 10),
    "/innsyn/rss/": (None, 8),
    "/innsyn/sok/?q=skole": (None, 10),
    "/intern/saker/": ("scale-sb01", 14),
}


@pytest.fixture(params=[SMALL, BIGGER], ids=["small", "bigger"])
def kommune(request, db, settings):
    settings.SAKSGANG_PUBLIC_CACHE_SECONDS = 0  # count the real work, not cache hits
    ScaleSeeder("small", counts=request.param).run()
    return request.param


@pytest.mark.parametrize("url", list(PAGES))
def test_a_page_uses_the_same_number_of_queries_at_every_size(kommune, client, url, django_assert_max_num_queries):
    username, ceiling = PAGES[url]
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    with django_assert_max_num_queries(ceiling):
        assert client.get(url).status_code == 200


def test_the_public_follow_up_report_needs_no_query_per_decision(kommune, client, django_assert_max_num_queries):
    report = FollowUpReport.objects.order_by("pk").first()
    with django_assert_max_num_queries(10):
        assert client.get(f"/intern/oppfolging/rapport/{report.pk}/offentlig/").status_code == 200
