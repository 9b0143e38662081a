"""Planted data from other suites, for the CSP browser test here: the portal (tests/browser/conftest.py) and an
election project (tests/secretariat/elections/conftest.py)."""

from tests.browser.conftest import world  # noqa: F401 (a fixture)
from tests.secretariat.elections.conftest import project_2025, valgstyret  # noqa: F401 (fixtures)
