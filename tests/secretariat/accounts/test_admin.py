"""Finding 8 through /admin/: a fagleder with user rights cannot make anyone (themselves included) superuser,
staff or kommunedirektør; only a superuser can, and that is audited."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from secretariat.accounts.roles import Role
from workflows.models import AuditEntry

User = get_user_model()


def privileges(user):
    user = User.objects.get(pk=user.pk)
    return (user.is_superuser, user.is_staff, sorted(user.groups.values_list("name", flat=True)),
            sorted(user.user_permissions.values_list("codename", flat=True)))


def change_form(user, **extra):
    data = {
        "username": user.username, "first_name": user.first_name, "last_name": user.last_name,
        "email": user.email, "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"), "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "last_login_0": "", "last_login_1": "", "_save": "Lagre",
    }
    data.update(extra)
    return data


def escalation():
    return {
        "is_superuser": "on", "is_staff": "on",
        "groups": [Group.objects.get(name=Role.KOMMUNEDIREKTOR.value).pk,
                   Group.objects.get(name=Role.FAGLEDER.value).pk],
        "user_permissions": [Permission.objects.get(content_type__app_label="auth", codename="change_group").pk],
    }


def test_fagleder_posting_escalation_on_a_users_change_form_changes_only_the_name(client, fagleder_with_user_rights,
                                                                                   saksbehandler):
    before = privileges(saksbehandler)
    client.force_login(fagleder_with_user_rights)

    page = client.get(f"/admin/auth/user/{saksbehandler.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="is_superuser"' not in html and 'name="groups"' not in html and 'name="is_staff"' not in html

    response = client.post(f"/admin/auth/user/{saksbehandler.pk}/change/",
                           change_form(saksbehandler, first_name="Olav", **escalation()))

    assert response.status_code == 302
    assert User.objects.get(pk=saksbehandler.pk).first_name == "Olav"  # the form was accepted …
    assert privileges(saksbehandler) == before  # … and the privilege fields were not read
    assert not AuditEntry.objects.filter(object_id=saksbehandler.pk,
                                         action__in=["role_granted", "superuser_granted", "staff_granted",
                                                     "permissions_granted"], actor=fagleder_with_user_rights)


def test_fagleder_cannot_open_or_post_their_own_user_nor_a_kommunedirektor_nor_a_superuser(
        client, fagleder_with_user_rights, kommunedirektor, superuser):
    client.force_login(fagleder_with_user_rights)
    for target in (fagleder_with_user_rights, kommunedirektor, superuser):
        before = privileges(target)
        response = client.post(f"/admin/auth/user/{target.pk}/change/", change_form(target, **escalation()))
        assert response.status_code == 403, target.username
        assert privileges(target) == before
        # Setting their password would be taking over their account.
        response = client.post(f"/admin/auth/user/{target.pk}/password/",
                               {"password1": "Nytt-passord-42!", "password2": "Nytt-passord-42!",
                                "usable_password": "true"})
        assert response.status_code == 403
        assert not User.objects.get(pk=target.pk).check_password("Nytt-passord-42!")


def test_fagleder_cannot_create_a_privileged_user(client, fagleder_with_user_rights):
    client.force_login(fagleder_with_user_rights)

    response = client.post("/admin/auth/user/add/", {
        "username": "nykd", "password1": "Langt-passord-42!", "password2": "Langt-passord-42!",
        "usable_password": "true", "_save": "Lagre", **escalation(),
    })

    assert response.status_code == 302
    created = User.objects.get(username="nykd")
    assert privileges(created) == (False, False, [], [])


def test_fagleder_cannot_open_the_groups(client, fagleder_with_user_rights):
    client.force_login(fagleder_with_user_rights)
    group = Group.objects.get(name=Role.FAGLEDER.value)
    permissions_before = sorted(group.permissions.values_list("pk", flat=True))

    assert client.get("/admin/auth/group/").status_code == 403
    assert client.get(f"/admin/auth/group/{group.pk}/change/").status_code == 403
    response = client.post(f"/admin/auth/group/{group.pk}/change/",
                           {"name": group.name, "permissions": list(Permission.objects.values_list("pk", flat=True))})
    assert response.status_code == 403
    assert sorted(group.permissions.values_list("pk", flat=True)) == permissions_before
    assert client.post("/admin/auth/group/add/", {"name": "allmakt"}).status_code == 403
    assert not Group.objects.filter(name="allmakt").exists()
    assert "/admin/auth/group/" not in client.get("/admin/").content.decode()


def test_superuser_can_still_do_everything_in_the_admin_and_it_is_audited(client, superuser, saksbehandler):
    client.force_login(superuser)
    kd = Group.objects.get_or_create(name=Role.KOMMUNEDIREKTOR.value)[0]
    sb = Group.objects.get(name=Role.SAKSBEHANDLER.value)

    response = client.post(f"/admin/auth/user/{saksbehandler.pk}/change/",
                           change_form(saksbehandler, is_staff="on", groups=[kd.pk, sb.pk]))
    assert response.status_code == 302
    assert privileges(saksbehandler)[:3] == (False, True, ["kommunedirektor", "saksbehandler"])

    rows = {e.action: e for e in AuditEntry.objects.filter(object_id=saksbehandler.pk, actor=superuser)}
    assert set(rows) == {"staff_granted", "role_granted"}
    granted = rows["role_granted"]
    assert (granted.from_state, granted.to_state) == ("saksbehandler", "kommunedirektor,saksbehandler")
    assert granted.comment == f"Endret via /admin/auth/user/{saksbehandler.pk}/change/"

    # Groups and their permissions are the superuser's to edit.
    assert client.get("/admin/auth/group/").status_code == 200
    response = client.post(f"/admin/auth/group/{sb.pk}/change/", {
        "name": sb.name,
        "permissions": [Permission.objects.get(content_type__app_label="auth", codename="view_user").pk],
    })
    assert response.status_code == 302
    assert AuditEntry.objects.filter(object_id=sb.pk, content_type__model="group", action="permissions_granted",
                                     actor=superuser).exists()

    # And making someone superuser, then taking it away again.
    client.post(f"/admin/auth/user/{saksbehandler.pk}/change/",
                change_form(User.objects.get(pk=saksbehandler.pk), is_staff="on", is_superuser="on",
                            groups=[sb.pk]))
    assert privileges(saksbehandler)[:3] == (True, True, ["saksbehandler"])
    actions = list(AuditEntry.objects.filter(object_id=saksbehandler.pk, content_type__model="user")
                   .values_list("action", flat=True))
    assert actions[-2:] in (["superuser_granted", "role_revoked"], ["role_revoked", "superuser_granted"])


def test_fagleder_cannot_make_an_api_token_for_someone_else_even_with_token_rights(client, fagleder_with_user_rights,
                                                                                   kommunedirektor):
    from rest_framework.authtoken.models import Token

    Group.objects.get(name=Role.FAGLEDER.value).permissions.add(
        *Permission.objects.filter(content_type__app_label="authtoken"))
    client.force_login(fagleder_with_user_rights)

    assert client.get("/admin/authtoken/tokenproxy/").status_code == 403
    response = client.post("/admin/authtoken/tokenproxy/add/", {"user": kommunedirektor.pk})
    assert response.status_code == 403
    assert not Token.objects.filter(user=kommunedirektor).exists()
