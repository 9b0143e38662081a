"""The portal's planted data (tests/browser/conftest.py), for the CSP browser test here."""

from tests.browser.conftest import world  # noqa: F401 (a fixture)
