"""The model-level guard: inside a request only a superuser changes privileges, whatever the path; every change is
audited, also outside requests (seed_demo, commands, tests)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from secretariat.accounts.roles import Role, assign_role, ensure_role_groups
from workflows.models import AuditEntry

from .escalation_urls import ATTEMPTS

pytestmark = pytest.mark.urls("tests.secretariat.accounts.escalation_urls")


def privileges(user):
    user = get_user_model().objects.get(pk=user.pk)
    return (user.is_superuser, user.is_staff, sorted(user.groups.values_list("name", flat=True)),
            sorted(user.user_permissions.values_list("codename", flat=True)))


def group_state():
    return sorted(Group.objects.values_list("name", flat=True)), sorted(
        Group.objects.get(name="fagleder").permissions.values_list("codename", flat=True))


# A refused m2m write fails inside Django's own atomic block, which (as in production, where it is the outermost
# transaction) rolls back; these tests therefore run with real transactions, not inside a test transaction.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", sorted(ATTEMPTS))
def test_a_fagleder_cannot_escalate_on_any_path_inside_a_request(client, fagleder, attempt):
    ensure_role_groups()
    before, groups_before, audits = privileges(fagleder), group_state(), AuditEntry.objects.count()
    client.force_login(fagleder)

    response = client.post(f"/test-escalation/{attempt}/")

    assert response.status_code == 403
    assert privileges(fagleder) == before
    assert group_state() == groups_before
    assert AuditEntry.objects.count() == audits


@pytest.mark.django_db(transaction=True)
def test_anonymous_requests_cannot_change_privileges_either(client):
    ensure_role_groups()
    groups_before = group_state()
    response = client.post("/test-escalation/group-permissions/")
    assert response.status_code == 403
    assert group_state() == groups_before


def test_a_superuser_request_may_and_it_is_audited(client, superuser):
    client.force_login(superuser)

    assert client.post("/test-escalation/kommunedirektor/").status_code == 200

    entry = AuditEntry.objects.get(action="role_granted", object_id=superuser.pk)
    assert entry.actor == superuser
    assert (entry.from_state, entry.to_state) == ("", "kommunedirektor")
    assert entry.changes["groups"]["added"] == ["kommunedirektor"]
    assert entry.comment == "Endret via /test-escalation/kommunedirektor/"


def test_outside_a_request_changes_are_trusted_and_audited_as_the_system(db):
    user = get_user_model().objects.create_user("ny", password="passord-123")

    assign_role(user, Role.SAKSBEHANDLER)
    assign_role(user, Role.FOLKEVALGT)
    user.groups.remove(Group.objects.get(name=Role.SAKSBEHANDLER.value))
    user.is_staff = True
    user.save()

    rows = list(AuditEntry.objects.filter(object_id=user.pk).values_list("action", "from_state", "to_state",
                                                                         "actor_name"))
    assert rows == [
        ("role_granted", "", "saksbehandler", "System"),
        ("role_granted", "saksbehandler", "folkevalgt,saksbehandler", "System"),
        ("role_revoked", "folkevalgt,saksbehandler", "folkevalgt", "System"),
        ("staff_granted", "", "staff", "System"),
    ]


def test_group_permission_changes_are_audited_on_the_group(db):
    group = Group.objects.get(name="saksbehandler")
    permission = Permission.objects.get(content_type__app_label="auth", codename="view_user")

    group.permissions.add(permission)
    permission.group_set.remove(group)  # from the other side

    rows = list(AuditEntry.objects.filter(object_id=group.pk, content_type__model="group")
                .values_list("action", "changes"))
    assert [a for a, _ in rows] == ["permissions_granted", "permissions_revoked"]
    assert rows[0][1]["permissions"]["added"] == ["auth.view_user"]
    assert rows[1][1]["permissions"]["removed"] == ["auth.view_user"]


def test_a_login_still_works_for_everyone(client, fagleder):
    """Logging in saves last_login on the user: not a privilege change, so never refused."""
    fagleder.set_password("passord-123")
    fagleder.save()
    response = client.post("/logg-inn/", {"username": "fagleder", "password": "passord-123"})
    assert response.status_code == 302
