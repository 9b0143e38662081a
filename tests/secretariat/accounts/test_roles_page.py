"""The roles page /intern/roller/: the fagleder gives and takes folkevalgt and saksbehandler, with a reason, audited;
never fagleder, kommunedirektør or superuser, not even by a forged POST."""

import pytest
from django.contrib.auth import get_user_model

from secretariat.accounts.roles import Role
from tests.factories import UserFactory
from workflows.models import AuditEntry

URL = "/intern/roller/"
User = get_user_model()


def roles_of(user):
    return sorted(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


@pytest.fixture
def ny(db):
    return UserFactory(username="ny", first_name="Nina", last_name="Nyvik")


def test_fagleder_sees_users_with_their_roles_and_the_menu_link(client, fagleder, saksbehandler, kommunedirektor):
    client.force_login(fagleder)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ola Bergstrøm" in html and "Trine Aalvik" in html
    assert "Kommunedirektør (eller delegert)" in html
    assert f'<a href="{URL}"' in html  # in the staff menu
    # The options offered: for the saksbehandler, not for the kommunedirektør or the fagleder themselves.
    assert f'value="{saksbehandler.pk}"' in html
    assert f'value="{kommunedirektor.pk}"' not in html and f'value="{fagleder.pk}"' not in html
    assert 'value="grant:kommunedirektor"' not in html and 'value="grant:fagleder"' not in html


def test_fagleder_grants_folkevalgt_with_a_reason_and_it_is_audited(client, fagleder, ny):
    client.force_login(fagleder)

    response = client.post(URL, {"user": ny.pk, "choice": "grant:folkevalgt", "reason": "Valgt inn i kommunestyret"})

    assert response.status_code == 302
    assert roles_of(ny) == ["folkevalgt"]
    entry = AuditEntry.objects.get(object_id=ny.pk, content_type__model="user", action="role_granted")
    assert entry.actor == fagleder
    assert (entry.from_state, entry.to_state) == ("", "folkevalgt")
    assert entry.comment == "Valgt inn i kommunestyret"
    assert entry.changes["groups"]["added"] == ["folkevalgt"]
    page = client.get(URL).content.decode()
    assert "Rollen folkevalgt er gitt for Nina Nyvik." in page
    assert "Valgt inn i kommunestyret" in page  # in the list of recent changes


def test_fagleder_revokes_saksbehandler_and_it_is_audited(client, fagleder, saksbehandler):
    client.force_login(fagleder)

    response = client.post(URL, {"user": saksbehandler.pk, "choice": "revoke:saksbehandler",
                                 "reason": "Sluttet i kommunen"})

    assert response.status_code == 302
    assert roles_of(saksbehandler) == []
    entry = AuditEntry.objects.get(object_id=saksbehandler.pk, action="role_revoked")
    assert (entry.actor, entry.from_state, entry.to_state, entry.comment) == (
        fagleder, "saksbehandler", "", "Sluttet i kommunen")


def test_a_reason_is_required(client, fagleder, ny):
    client.force_login(fagleder)
    response = client.post(URL, {"user": ny.pk, "choice": "grant:saksbehandler", "reason": "  "})
    assert response.status_code == 400
    assert "Skriv en begrunnelse for endringen." in response.content.decode()
    assert roles_of(ny) == []
    assert not AuditEntry.objects.filter(object_id=ny.pk, content_type__model="user").exists()


@pytest.mark.parametrize("role", [Role.KOMMUNEDIREKTOR, Role.FAGLEDER])
def test_a_forged_post_granting_a_protected_role_is_refused(client, fagleder, ny, role):
    client.force_login(fagleder)
    audits = AuditEntry.objects.count()

    response = client.post(URL, {"user": ny.pk, "choice": f"grant:{role.value}", "reason": "Forsøk"})

    assert response.status_code == 403
    assert "kan bare gis eller fjernes av en superbruker" in response.content.decode()
    assert roles_of(ny) == []
    assert AuditEntry.objects.count() == audits


def test_fagleder_cannot_change_their_own_roles(client, fagleder):
    client.force_login(fagleder)
    response = client.post(URL, {"user": fagleder.pk, "choice": "grant:saksbehandler", "reason": "Meg selv"})
    assert response.status_code == 403
    assert "Du kan ikke endre dine egne roller." in response.content.decode()
    assert roles_of(fagleder) == ["fagleder"]


def test_fagleder_cannot_change_the_roles_of_a_kommunedirektor_another_fagleder_or_a_superuser(
        client, fagleder, kommunedirektor, superuser):
    other_fagleder = UserFactory(username="fagleder2", role=Role.FAGLEDER)
    client.force_login(fagleder)
    for target in (kommunedirektor, other_fagleder, superuser):
        before = roles_of(target)
        for choice in ("grant:folkevalgt", "revoke:saksbehandler"):
            response = client.post(URL, {"user": target.pk, "choice": choice, "reason": "Forsøk"})
            assert response.status_code == 403, (target.username, choice)
        assert roles_of(target) == before
    assert "bare endres av en superbruker" in response.content.decode()


def test_a_nonsense_post_is_refused_clearly(client, fagleder, ny):
    client.force_login(fagleder)
    for data in ({"user": ny.pk, "choice": "grant:superuser", "reason": "x"},
                 {"user": ny.pk, "choice": "promote:folkevalgt", "reason": "x"},
                 {"user": "999999", "choice": "grant:folkevalgt", "reason": "x"}):
        response = client.post(URL, data)
        assert response.status_code == 400
        assert "Velg en bruker, en rolle" in response.content.decode()
    assert roles_of(ny) == []
    assert not User.objects.get(pk=ny.pk).is_superuser


@pytest.mark.parametrize("who", ["saksbehandler", "folkevalgt", "kommunedirektor"])
def test_other_roles_get_403_and_change_nothing(client, request, who, ny):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"user": ny.pk, "choice": "grant:saksbehandler", "reason": "Forsøk"})
    assert response.status_code == 403
    assert roles_of(ny) == []
    assert f'href="{URL}"' not in client.get("/intern/").content.decode()


def test_anonymous_is_sent_to_log_in(client, ny):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/logg-inn/")
    response = client.post(URL, {"user": ny.pk, "choice": "grant:saksbehandler", "reason": "Forsøk"})
    assert response.status_code == 302
    assert roles_of(ny) == []


def test_a_superuser_may_use_the_page_too(client, superuser, ny):
    client.force_login(superuser)
    response = client.post(URL, {"user": ny.pk, "choice": "grant:saksbehandler", "reason": "Ny i sekretariatet"})
    assert response.status_code == 302
    assert roles_of(ny) == ["saksbehandler"]
    assert AuditEntry.objects.get(object_id=ny.pk, action="role_granted").actor == superuser
