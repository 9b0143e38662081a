"""The rules that keep the suite honest (issue 11, part 7) are themselves tested: a missing component fails in CI,
the SMTP inbox fails when mail does not come, a browser test without its marker is refused, and the fast password
hasher is used only under pytest."""

from types import SimpleNamespace

import pytest
from django.conf import settings

from tests import browser_support
from tests.components import components_required, require_component


def test_tests_hash_passwords_fast_and_production_keeps_the_real_hashers():
    from secretariat import settings as project_settings

    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert "MD5" not in str(getattr(project_settings, "PASSWORD_HASHERS", "")), "MD5 only under pytest"


def test_a_missing_component_skips_locally(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("SAKSGANG_REQUIRE_COMPONENTS", raising=False)
    assert not components_required()
    require_component("LibreOffice", True, "finnes")  # present: nothing happens
    with pytest.raises(pytest.skip.Exception, match="LibreOffice mangler: installer den"):
        require_component("LibreOffice", False, "installer den")


@pytest.mark.parametrize("env", [{"CI": "true"}, {"SAKSGANG_REQUIRE_COMPONENTS": "1"}])
def test_a_missing_component_fails_in_ci(monkeypatch, env):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("SAKSGANG_REQUIRE_COMPONENTS", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert components_required()
    with pytest.raises(pytest.fail.Exception, match="Chromium mangler"):
        require_component("Chromium", False, "installer den")


def test_the_smtp_inbox_fails_when_no_mail_arrives_in_time(smtp_server):
    with pytest.raises(AssertionError, match="fikk 0 av 1 forventede e-poster"):
        smtp_server.wait_for(1, subject="Innkalling", timeout=0.2)


def test_the_smtp_inbox_returns_the_mail_the_test_waits_for(smtp_server):
    from django.core.mail import send_mail

    send_mail("Annet: ikke denne", "x", None, ["a@example.no"])
    send_mail("Innkalling: Formannskapet", "Saksliste", None, ["b@example.no"])
    [notice] = smtp_server.wait_for(1, subject="Innkalling:", to="b@example.no")
    assert notice.get_content().strip() == "Saksliste"
    with pytest.raises(AssertionError):
        smtp_server.wait_for(2, subject="Innkalling:", timeout=0.2)


def _item(nodeid: str, fixtures: list[str], marked: bool):
    return SimpleNamespace(nodeid=nodeid, fixturenames=fixtures,
                           get_closest_marker=lambda name: object() if marked and name == "browser" else None)


def test_a_browser_test_without_the_browser_marker_is_refused():
    items = [_item("t.py::plain", ["db"], False), _item("t.py::marked", ["page"], True)]
    browser_support.pytest_collection_modifyitems(None, items)  # fine
    with pytest.raises(pytest.UsageError, match=r"t\.py::unmarked"):
        browser_support.pytest_collection_modifyitems(None, items + [_item("t.py::unmarked", ["phone_page"], False)])
