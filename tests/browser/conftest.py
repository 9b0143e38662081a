"""Browser tests: real headless Chromium (Debian's) driven by Playwright against pytest-django's live_server.
Select them with `-m browser`; skip them with `-m "not browser"`."""

import pytest

from tests.browser_support import AXE_JS, CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, describe, run_axe  # noqa: F401


@pytest.fixture
def world(kommunestyret, saksbehandler, fagleder, kommunedirektor):
    import datetime as dt

    from django.utils import timezone

    from secretariat.innsyn.models import Hearing, InfluencePage
    from tests.factories import MembershipFactory, PartyFactory, PersonFactory
    from tests.secretariat.innsyn.scenario import approve_minutes, build_portal

    portal = build_portal(organization=kommunestyret, officer=saksbehandler, fagleder=fagleder,
                          kommunedirektor=kommunedirektor)
    approve_minutes(portal.past_meeting, fagleder=fagleder)
    InfluencePage.objects.create(intro="Du kan påvirke politikken.", question_time="Spørretime før hvert møte.")
    today = timezone.localdate()
    Hearing.objects.create(title="Høring om arealplan", summary="Hvor skal det bygges?", url="https://example.no/h",
                           opens=today, deadline=today + dt.timedelta(days=20))
    party = PartyFactory(name="Bygdelista", abbreviation="BL")
    MembershipFactory(person=PersonFactory(given_name="Randi", family_name="Fjeld", email="randi@example.no"),
                      organization=kommunestyret, electoral_list=party)
    _publish_fixed_rates(kommunestyret)
    return portal


def _publish_fixed_rates(kommunestyret):
    """The kommune publishes its list of fast godtgjøring (issue 15): /innsyn/godtgjoring/ is a public page."""
    import datetime as dt
    from decimal import Decimal

    from secretariat.remuneration.models import FixedRate, FixedRole, RateTable

    table = RateTable.objects.create(
        name="Forskrift om godtgjøring", valid_from=dt.date(2023, 10, 1), mayor_annual_pay=Decimal("1200000"),
        lost_income_daily_cap=Decimal("3000"), lost_income_fixed_daily=Decimal("800"), km_rate=Decimal("5.30"),
        expense_cap=Decimal("1500"), publish_fixed_rates=True)
    FixedRate.objects.create(table=table, role=FixedRole.MAYOR, percent=Decimal("100"))
    FixedRate.objects.create(table=table, role=FixedRole.MEMBER, organization=kommunestyret, percent=Decimal("1.5"))

