"""The politikerportal on a phone (375 px, touch) in real Chromium: the member's meetings, a meeting with its agenda,
a paper where selecting text fills the highlight and the saved highlight is marked, and the permisjon page. No page
scrolls sideways, and axe-core finds no WCAG 2.0/2.1 A/AA violation on any of them."""

import pytest

from secretariat.meetings.services import agenda_item_add, meeting_send_notice
from tests.helpers import case_in_state
from tests.secretariat.members.conftest import fsk, meeting_in  # noqa: F401 (fixtures)

from .conftest import describe, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, where: str) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375, f"{where} scrolls sideways"
    violations = run_axe(page)
    assert not violations, f"{where}:\n{describe(violations)}"


def test_the_portal_works_on_a_phone(phone_page, live_server, fsk, meeting_in, fagleder, saksbehandler,  # noqa: F811
                                     kommunedirektor):
    page = phone_page
    meeting = meeting_in(20)
    case = case_in_state("klar", organization=fsk.org, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor, title="Ny gangveg på Neset",
                         summary="Kommunen bygger gangveg langs fylkesvegen. Det koster 4 millioner kroner.")
    agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    meeting_send_notice(actor=fagleder, meeting=meeting)

    page.goto(f"{live_server.url}/logg-inn/?next=/folkevalgt/")
    page.fill("#id_username", "aud")
    page.fill("#id_password", "passord-123")
    page.click("button[type=submit]")
    page.get_by_role("heading", name="Politikerportalen").wait_for()
    _check(page, "forsiden")

    page.get_by_role("link", name="Formannskapet").first.click()
    page.get_by_role("heading", name="Saksliste").wait_for()
    _check(page, "møtesiden")

    page.get_by_role("link", name="Les saksframlegget og ta notater").first.click()
    page.get_by_role("heading", name="Mine notater").wait_for()
    # Select a passage in «Kort fortalt», as a finger would; the form takes the passage and its section.
    page.evaluate("""() => {
        const text = document.querySelector('[data-section=summary] .paper-text').firstChild;
        const range = document.createRange();
        range.setStart(text, text.textContent.indexOf('gangveg'));
        range.setEnd(text, text.textContent.indexOf('gangveg') + 'gangveg langs fylkesvegen'.length);
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
        document.dispatchEvent(new Event('touchend'));
    }""")
    assert page.input_value("#id_quote") == "gangveg langs fylkesvegen"
    assert page.input_value("#id_section") == "summary"
    page.fill("#id_text", "Spør om kostnadene.")
    page.click("button:has-text('Lagre notat')")
    page.locator("[data-section=summary] mark.highlight").wait_for()
    assert page.locator("[data-section=summary] mark.highlight").inner_text() == "gangveg langs fylkesvegen"
    _check(page, "saksframlegget med notat")

    page.get_by_role("link", name="Permisjon og fritak").click()
    page.get_by_role("heading", name="Ny søknad").wait_for()
    _check(page, "permisjonssiden")
