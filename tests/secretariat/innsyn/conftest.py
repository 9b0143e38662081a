import pytest

from .scenario import build_portal


@pytest.fixture
def portal(kommunestyret, saksbehandler, fagleder, kommunedirektor):
    return build_portal(organization=kommunestyret, officer=saksbehandler, fagleder=fagleder,
                        kommunedirektor=kommunedirektor)
