import datetime as dt

import pytest

from secretariat.elections.services import election_project_create
from secretariat.organizations.models import OrganizationType

from ...factories import OrganizationFactory

ELECTION_DAY_2025 = dt.date(2025, 9, 8)


@pytest.fixture
def valgstyret(body):
    return OrganizationFactory(body=body, name="Valgstyret", slug="valgstyret",
                               organization_type=OrganizationType.VALGSTYRE, seats=7)


@pytest.fixture
def project_2025(valgstyret, fagleder):
    return election_project_create(actor=fagleder, election_type="kommunestyrevalg", election_day=ELECTION_DAY_2025)
