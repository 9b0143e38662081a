"""koml. § 11-5: an employee's personnel matters (arbeidstakers tjenstlige forhold) are a mandatory ground under
the second paragraph, not «tredje ledd bokstav a»; the third paragraph has two grounds, personvern (a) and
tungtveiende offentlige interesser (b). Existing items keep their ground under its new code (issue 13)."""

from django.db import migrations, models

# old code -> new code, applied in this order so no code is re-mapped twice.
REMAP = [("11-5-3-a", "11-5-2-arb"), ("11-5-3-b", "11-5-3-a"), ("11-5-3-c", "11-5-3-b")]


def forwards(apps, schema_editor):
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    for old, new in REMAP:
        AgendaItem.objects.filter(closed_basis=old).update(closed_basis=new)


def backwards(apps, schema_editor):
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    for old, new in reversed(REMAP):
        AgendaItem.objects.filter(closed_basis=new).update(closed_basis=old)


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0003_agenda_counter'),
    ]

    operations = [
        migrations.AlterField(
            model_name='agendaitem',
            name='closed_basis',
            field=models.CharField(blank=True, choices=[('11-5-2', 'koml. § 11-5 andre ledd (lovbestemt taushetsplikt)'), ('11-5-2-arb', 'koml. § 11-5 andre ledd (arbeidstakers tjenstlige forhold)'), ('11-5-3-a', 'koml. § 11-5 tredje ledd bokstav a (personvern)'), ('11-5-3-b', 'koml. § 11-5 tredje ledd bokstav b (tungtveiende offentlige interesser)')], max_length=12, verbose_name='hjemmel for lukking'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
