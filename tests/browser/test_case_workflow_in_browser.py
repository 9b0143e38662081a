"""Issue 2's walk-through in a real browser: a saksbehandler drafts and submits a case, the kommunedirektør
approves it, and the full audit history is on the case page."""

import pytest

from secretariat.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/logg-inn/")
    page.fill("#id_username", username)
    page.fill("#id_password", "passord-123")
    page.click("button[type=submit]")


def test_draft_submit_approve_and_read_the_history(page, live_server, formannskapet, saksbehandler,
                                                   kommunedirektor):
    log_in(page, live_server, "saksbehandler")
    page.goto(f"{live_server.url}/intern/saker/ny/")
    page.fill("#id_arkivsaksnummer", "26/5151")
    page.fill("#id_title", "Nye benker langs Strandvegen")
    page.select_option("#id_organization", label="Formannskapet")
    page.fill("#id_summary", "Kommunen setter opp ti nye benker, så det blir lettere å ta en pause på turen.")
    page.fill("#id_recommendation", "Formannskapet vedtar å sette opp ti benker.")
    page.click("button:has-text('Lagre')")
    page.wait_for_selector("h1:has-text('Nye benker langs Strandvegen')")
    page.fill("#comment-submit", "Klar for godkjenning.")
    page.click("button:has-text('Send til godkjenning')")
    page.wait_for_selector("text=Til godkjenning")

    page.click("button:has-text('Logg ut')")
    log_in(page, live_server, "kommunedirektor")
    page.click("text=Nye benker langs Strandvegen")  # waiting on the kommunedirektør's overview
    page.fill("#comment-approve", "Forsvarlig utredet.")
    page.click("button:has-text('Godkjenn innstillingen')")
    page.wait_for_selector(".badge:has-text('Klar til behandling')")

    history = page.inner_text("#historikk + ol")
    for text in ("Sak opprettet", "Send til godkjenning", "Godkjenn innstillingen", "Ola Bergstrøm", "Trine Aalvik",
                 "Forsvarlig utredet."):
        assert text in history
    assert Case.objects.get(arkivsaksnummer="26/5151").state == "klar"
