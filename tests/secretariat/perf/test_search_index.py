"""Public search reads a stored, GIN-indexed vector of public text only, rebuilt the moment protection changes."""

import pytest
from django.db import connection

from secretariat.cases.models import Case
from secretariat.innsyn.selectors import search_cases
from secretariat.innsyn.selectors.search import ranked_public_cases
from secretariat.meetings.services import agenda_item_close
from tests.secretariat.innsyn.scenario import build_portal

pytestmark = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="tsvector and GIN are PostgreSQL's")


@pytest.fixture
def portal(kommunestyret, saksbehandler, fagleder, kommunedirektor):
    return build_portal(organization=kommunestyret, officer=saksbehandler, fagleder=fagleder,
                        kommunedirektor=kommunedirektor)


@pytest.mark.django_db
def test_the_search_plan_uses_the_gin_index(portal):
    qs = ranked_public_cases(Case.objects.all(), "barnehage", limit=50)
    with connection.cursor() as cursor:
        # A test table is tiny, so the planner may rather walk the primary key and filter (seen under xdist).
        # With plain scans and index scans off, only a bitmap scan can find the rows: it must come from the GIN
        # index, which is what this test asks (on the large data the planner picks it by itself; see README).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = qs.explain()
    assert "cases_casesearchtext_vector_gin" in plan, plan


@pytest.mark.django_db
def test_closing_an_item_takes_its_case_text_out_of_the_index_at_once(portal, fagleder):
    assert [h.case.pk for h in search_cases(q="sentrum")] == [portal.public.pk]
    agenda_item_close(actor=fagleder, item=portal.public_item, closed=True, basis="11-5-3-b")
    assert search_cases(q="sentrum") == []
    # its public title is still found
    assert [h.case.pk for h in search_cases(q="Nordneset")] == [portal.public.pk]
    agenda_item_close(actor=fagleder, item=portal.public_item, closed=False)
    assert [h.case.pk for h in search_cases(q="sentrum")] == [portal.public.pk]


@pytest.mark.django_db
def test_an_exempt_case_is_found_by_its_public_title_only(portal):
    from tests.secretariat.innsyn.scenario import MARKER

    assert search_cases(q=MARKER) == []
    # marking a public case exempt afterwards removes its text from the vector at once
    case = Case.objects.get(pk=portal.public.pk)
    case.exempt, case.exempt_basis, case.public_title = True, "offl13_fvl13_1", "Anonymisert klagesak"
    case.save()
    assert search_cases(q="sentrum") == []
    assert [h.title for h in search_cases(q="Nordneset")] == []
    assert [h.title for h in search_cases(q="klagesak")] == ["Anonymisert klagesak"]
