"""The browser path of the foundation: a saksbehandler drafts and submits, the kommunedirektør approves,
and the audit history shows every step. Through HTTP, with real log-ins."""

import pytest
from django.urls import reverse

from secretariat.cases.models import Case

from ...helpers import new_case


def login(client, user):
    client.logout()
    response = client.post(reverse("login"), {"username": user.username, "password": "passord-123"})
    assert response.status_code == 302


def test_draft_submit_approve_and_see_history(client, formannskapet, saksbehandler, kommunedirektor):
    login(client, saksbehandler)
    response = client.post(reverse("cases:create"), {
        "arkivsaksnummer": "26/4242", "title": "Utvidelse av Fjordvik barnehage", "organization": formannskapet.pk,
        "summary": "Barnehagen blir større, så flere barn får plass.", "recommendation": "Utvidelsen vedtas.",
    })
    case = Case.objects.get(arkivsaksnummer="26/4242")
    assert response.status_code == 302 and response.url == reverse("cases:detail", args=[case.pk])

    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Send til godkjenning" in page and "Godkjenn innstillingen" not in page
    client.post(reverse("cases:transition", args=[case.pk]),
                {"transition": "submit", "expected_state": "utredning", "comment": "Klar."})
    case.refresh_from_db()
    assert case.state == "til_godkjenning"

    login(client, kommunedirektor)
    page = client.get(reverse("staff:dashboard")).content.decode()
    assert "Utvidelse av Fjordvik barnehage" in page  # waiting for the kommunedirektør
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Godkjenn innstillingen" in page
    response = client.post(reverse("cases:transition", args=[case.pk]),
                           {"transition": "approve", "expected_state": "til_godkjenning", "comment": "Ok."},
                           follow=True)
    page = response.content.decode()
    assert "Klar til behandling" in page
    for text in ("Sak opprettet", "Send til godkjenning", "Godkjenn innstillingen", "Ola Bergstrøm", "Trine Aalvik"):
        assert text in page


def test_the_case_list_filters_by_state_body_and_officer(client, formannskapet, kommunestyret, saksbehandler,
                                                         other_saksbehandler, fagleder):
    new_case(organization=formannskapet, officer=saksbehandler, title="Sak i formannskapet")
    new_case(organization=kommunestyret, officer=other_saksbehandler, title="Sak i kommunestyret")
    client.force_login(fagleder)
    page = client.get(reverse("cases:list"), {"organization": "kommunestyret"}).content.decode()
    assert "Sak i kommunestyret" in page and "Sak i formannskapet" not in page
    page = client.get(reverse("cases:list"), {"case_officer": "saksbehandler"}).content.decode()
    assert "Sak i formannskapet" in page and "Sak i kommunestyret" not in page
    page = client.get(reverse("cases:list"), {"state": "klar"}).content.decode()
    assert "Ingen saker passer" in page


def test_edit_is_audited_with_the_changed_fields(client, formannskapet, saksbehandler):
    case = new_case(organization=formannskapet, officer=saksbehandler)
    client.force_login(saksbehandler)
    data = {"arkivsaksnummer": case.arkivsaksnummer, "title": "Ny tittel", "organization": formannskapet.pk,
            "summary": case.paper.summary, "recommendation": "Endret innstilling."}
    assert client.post(reverse("cases:edit", args=[case.pk]), data).status_code == 302
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Sak endret" in page and "title" in page and "recommendation" in page


def test_exempt_content_is_hidden_from_other_saksbehandlere(client, formannskapet, saksbehandler,
                                                           other_saksbehandler):
    case = new_case(organization=formannskapet, officer=saksbehandler, title="Oppsigelse av Per Hemmelig",
                    exempt=True, exempt_basis="offl13_fvl13_1", public_title="Personalsak",
                    background="HEMMELIG-INNHOLD")
    client.force_login(other_saksbehandler)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Personalsak" in page and "Per Hemmelig" not in page and "HEMMELIG-INNHOLD" not in page
    assert "Unntatt offentlighet, offl. § 13 jf. fvl. § 13 første ledd nr. 1" in page
    client.force_login(saksbehandler)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Per Hemmelig" in page and "HEMMELIG-INNHOLD" in page


@pytest.mark.parametrize("path", ["/intern/", "/intern/saker/", "/intern/saker/ny/"])
def test_staff_pages_need_a_login(client, db, path):
    response = client.get(path)
    assert response.status_code == 302 and "/logg-inn/" in response.url
