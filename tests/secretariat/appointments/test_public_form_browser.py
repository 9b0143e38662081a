"""The public candidate form in a real headless Chromium: no axe (WCAG 2.1 AA) violations, errors announced,
and a proposal submitted by keyboard-free filling works end to end."""

import os
from pathlib import Path

import pytest

from secretariat.appointments.models import Candidate

AXE_JS = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("SAKSGANG_CHROMIUM", "/usr/bin/chromium")

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _axe(page) -> list[str]:
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))  # not an inline <script>: the page's CSP forbids those
    result = page.evaluate("async () => await axe.run(document, {runOnly: {type: 'tag', values: "
                           "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    return [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}" for v in result["violations"]]


def test_the_form_is_accessible_and_works_in_a_browser(live_server, page, meddommer_round):
    page.goto(f"{live_server.url}/intern/oppnevninger/kandidat/{meddommer_round.pk}/")
    assert page.locator("html").get_attribute("lang") == "nb"
    assert _axe(page) == []

    page.get_by_role("button", name="Send forslaget").click()
    assert page.get_by_role("alert").filter(has_text="Skjemaet har feil").is_visible()
    assert page.get_by_label("Fornavn").get_attribute("aria-invalid") == "true"
    assert _axe(page) == []
    assert Candidate.objects.count() == 0

    page.get_by_label("Fornavn").fill("Ingrid")
    page.get_by_label("Etternavn").fill("Solberg")
    page.get_by_label("Fødselsdato").fill("17.05.1985")
    page.get_by_label("Kjønn").select_option("K")
    page.get_by_label("Adresse").fill("Fjordvegen 3")
    page.get_by_label("Postnummer").fill("5999")
    page.get_by_label("Poststed").fill("Fjordvik")
    page.get_by_label("Kandidaten er registrert bosatt i kommunen").check()
    page.get_by_label("Kandidaten snakker og forstår norsk godt").check()
    page.get_by_label("Kandidaten vet om forslaget").check()
    page.get_by_role("button", name="Send forslaget").click()
    assert page.get_by_role("heading", name="Takk for forslaget").is_visible()
    assert Candidate.objects.get().name == "Ingrid Solberg"
