"""Browser tests: real headless Chromium (Debian's) driven by Playwright against pytest-django's live_server.
Select them with `-m browser`; skip them with `-m "not browser"`."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses that unless told it is safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("SAKSGANG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: runs in a real headless Chromium (Playwright)")


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def phone_page(chromium):
    context = chromium.new_context(locale="nb-NO", viewport={"width": 375, "height": 740}, is_mobile=True,
                                   has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


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
    return portal


def run_axe(page) -> list[dict]:
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(n["target"]) for n in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} – {targets}")
    return "\n".join(lines)
