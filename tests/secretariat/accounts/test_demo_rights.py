"""The demo's fagleder keeps the reference data in the admin but has no user, group or permission rights
(finding 8), on a fresh demo and, through the data migration, on an existing database."""

import importlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from secretariat.accounts.roles import Role
from workflows.models import AuditEntry

User = get_user_model()


def test_the_demo_fagleder_cannot_touch_users_or_groups_but_keeps_the_reference_data(db, client):
    call_command("seed_demo")
    fagleder = User.objects.get(username="fagleder")
    assert fagleder.is_staff and not fagleder.is_superuser
    assert not fagleder.has_perm("auth.change_user")
    assert not any(p.startswith("auth.") for p in fagleder.get_all_permissions())
    for model in ("organization", "person", "membership", "party", "administrativeunit"):
        assert fagleder.has_perm(f"organizations.change_{model}"), model

    client.force_login(fagleder)
    assert client.get("/admin/organizations/person/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403
    kd = User.objects.get(username="kommunedirektor")
    response = client.post(f"/admin/auth/user/{fagleder.pk}/change/",
                           {"username": "fagleder", "is_superuser": "on", "is_staff": "on",
                            "groups": [Group.objects.get(name=Role.KOMMUNEDIREKTOR.value).pk]})
    assert response.status_code == 403
    fagleder.refresh_from_db()
    assert not fagleder.is_superuser and not fagleder.groups.filter(name=Role.KOMMUNEDIREKTOR.value).exists()
    # The roles page is where the demo fagleder gives roles now.
    assert client.get("/intern/roller/").status_code == 200
    assert client.post("/intern/roller/", {"user": kd.pk, "choice": "grant:folkevalgt",
                                           "reason": "Forsøk"}).status_code == 403


def test_the_data_migration_takes_auth_rights_from_the_fagleder_group_and_audits_it(db):
    group = Group.objects.get(name=Role.FAGLEDER.value)
    kept = Permission.objects.get(content_type__app_label="organizations", codename="change_person")
    group.permissions.add(kept, *Permission.objects.filter(content_type__app_label="auth",
                                                           codename__in=["view_user", "change_user", "view_group"]))
    migration = importlib.import_module("secretariat.accounts.migrations.0002_fagleder_without_auth_permissions")

    migration.remove_auth_permissions(apps, None)

    assert list(group.permissions.all()) == [kept]
    entry = AuditEntry.objects.filter(object_id=group.pk, content_type__model="group").latest("pk")
    assert entry.action == "permissions_revoked" and entry.actor_name == "System"
    assert entry.changes["permissions"]["removed"] == ["auth.change_user", "auth.view_group", "auth.view_user"]
    migration.remove_auth_permissions(apps, None)  # a second run changes and writes nothing
    assert AuditEntry.objects.filter(object_id=group.pk, content_type__model="group").latest("pk") == entry
