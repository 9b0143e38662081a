"""Take the user, group and permission rights away from the fagleder group on existing databases.

The demo gave the group auth.change_user, with which a fagleder could make themselves superuser and
kommunedirektør in the admin and then approve an innstilling (koml. § 13-1 reserves that for the
kommunedirektør). Roles are now given on the audited roles page; only a superuser changes privileges.
The removal is written to the audit trail like every other privilege change.
"""

from django.db import migrations
from django.utils import timezone


def remove_auth_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("workflows", "AuditEntry")
    group = Group.objects.filter(name="fagleder").first()
    if group is None:
        return
    dangerous = list(group.permissions.filter(content_type__app_label="auth").select_related("content_type"))
    if not dangerous:
        return
    before = sorted(f"{p.content_type.app_label}.{p.codename}"
                    for p in group.permissions.select_related("content_type"))
    removed = sorted(f"{p.content_type.app_label}.{p.codename}" for p in dangerous)
    group.permissions.remove(*dangerous)
    content_type, _ = ContentType.objects.get_or_create(app_label="auth", model="group")
    AuditEntry.objects.create(
        content_type=content_type, object_id=group.pk, object_repr=group.name, actor=None, actor_name="System",
        at=timezone.now(), action="permissions_revoked", action_label="Rettigheter fjernet",
        comment="Fagleder gir roller på rollesiden; bare en superbruker endrer brukere, grupper og rettigheter.",
        changes={"permissions": {"added": [], "removed": removed, "from": before,
                                 "to": sorted(set(before) - set(removed))}},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_role_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("workflows", "0001_initial"),
    ]
    operations = [migrations.RunPython(remove_auth_permissions, migrations.RunPython.noop)]
