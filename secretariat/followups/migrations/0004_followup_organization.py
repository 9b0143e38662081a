"""The body on the follow-up (issue 17): added empty, filled from each decision's consultation, then required."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_organization(apps, schema_editor):
    # One UPDATE … SET organization_id = (SELECT …) for every row: ten years of follow-ups in one statement.
    FollowUp = apps.get_model("followups", "FollowUp")
    Decision = apps.get_model("meetings", "Decision")
    body = Decision.objects.filter(pk=OuterRef("decision_id")).values("consultation__organization_id")[:1]
    # The new key's check runs at once: a deferred check would leave pending trigger events, and PostgreSQL then
    # refuses the ALTER TABLE that makes the column required in this same transaction.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    FollowUp.objects.filter(organization__isnull=True).update(organization_id=Subquery(body))
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


class Migration(migrations.Migration):

    dependencies = [
        ("followups", "0003_dates_legality_signers"),
        ("meetings", "0001_initial"),
        ("organizations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="followup",
            name="organization",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="followups", to="organizations.organization", verbose_name="organ"),
        ),
        migrations.RunPython(fill_organization, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="followup",
            name="organization",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="followups",
                                    to="organizations.organization", verbose_name="organ"),
        ),
        migrations.AddIndex(
            model_name="followup",
            index=models.Index(fields=["state", "organization", "deadline"], name="followup_state_org_idx"),
        ),
    ]
