"""seed_scale builds a consistent kommune, and the access policy's invariants hold on it: exempt, closed-item and
exempt-section text is never found by the public search, in the feeds or on the public pages."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F

from secretariat import access
from secretariat.cases.models import Case, CaseSearchText, validate_exemption
from secretariat.demo.scale_text import CLOSED_MARKER, COMMON_WORD, EXEMPT_MARKER, SECTION_MARKER
from secretariat.innsyn.selectors import search_cases
from secretariat.meetings.models import AgendaItem, Ballot, Decision, Meeting
from workflows.models import AuditEntry

MARKERS = (EXEMPT_MARKER, CLOSED_MARKER, SECTION_MARKER)


@pytest.fixture
def seeded(db):
    out = io.StringIO()
    call_command("seed_scale", "--size", "small", stdout=out)
    return out.getvalue()


def test_small_has_the_shape_of_a_kommune(seeded):
    assert "seed_scale small" in seeded
    assert Case.objects.count() == 300 and Meeting.objects.count() == 40
    assert AuditEntry.objects.count() == 2800 and Ballot.objects.count() >= 500
    assert Case.objects.filter(exempt=True).exists() and AgendaItem.objects.filter(closed=True).exists()
    assert access.public_cases().count() > 100
    for case in Case.objects.filter(exempt=True):
        validate_exemption(exempt=True, basis=case.exempt_basis, public_title=case.public_title)
    # every decision belongs to its item's consultation; a held meeting has no undecided cases left "satt opp"
    assert not Decision.objects.exclude(agenda_item__consultation=F("consultation")).exists()
    assert not Case.objects.filter(state="satt_opp", consultations__agenda_items__meeting__state__in=[
        "arkivert", "protokoll_godkjent"], consultations__agenda_items__decision__isnull=True).exists()


def test_seed_scale_refuses_a_database_that_has_cases(seeded):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="allerede saker"):
        call_command("seed_scale", "--size", "small", stdout=io.StringIO())


def test_no_protected_text_reaches_public_search_feeds_or_pages(seeded, client):
    # The markers are really there (so the checks below could fail) …
    assert Case.objects.filter(paper__background__contains=EXEMPT_MARKER).exists()
    assert Case.objects.filter(paper__background__contains=CLOSED_MARKER).exists()
    assert Case.objects.filter(paper__assessment__contains=SECTION_MARKER).exists()
    # … and ordinary public words are found.
    assert len(search_cases(q=COMMON_WORD)) > 0
    if connection.vendor == "postgresql":
        assert CaseSearchText.objects.count() == Case.objects.count()
    for marker in MARKERS:
        assert search_cases(q=marker) == [], marker
        # The search page and its feed echo the query itself, so there: no hits at all.
        assert client.get(f"/innsyn/sok/?q={marker}").context["hits"] == []
        assert "<item>" not in client.get(f"/innsyn/sok/rss/?q={marker}").content.decode()
        for url in ("/innsyn/rss/", "/innsyn/atom/", "/ical/public.ics", "/innsyn/", "/innsyn/moter/",
                    "/api/cases/", "/api/decisions/"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert marker not in response.content.decode(), (marker, url)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        for marker in MARKERS:
            assert not CaseSearchText.objects.filter(vector=SearchQuery(marker, config="simple")).exists()
            assert not CaseSearchText.objects.filter(vector=SearchQuery(marker, config=access.search_config())).exists()
    # The public pages of exempt and closed cases show none of it either.
    shown = access.public_cases(Case.objects.filter(exempt=True)).first()
    closed = access.public_cases(Case.objects.filter(consultations__agenda_items__closed=True)).first()
    for case in (shown, closed):
        if case is not None:
            page = client.get(f"/innsyn/saker/{case.pk}/").content.decode()
            assert not any(m in page for m in MARKERS)
