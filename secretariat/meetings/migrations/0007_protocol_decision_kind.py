# Issue 13: a decision that went on to another body is that body's innstilling, not a vedtak.

from django.db import migrations, models
from django.db.models import Exists, OuterRef, Q


def derive_kind(apps, schema_editor):
    """Existing decisions: an innstilling when the item's outcome says it was forwarded, or when the case has a
    later consultation (it went on to another body) and this consultation was not the authoritative one."""
    Decision = apps.get_model("meetings", "Decision")
    AgendaItemOutcome = apps.get_model("meetings", "AgendaItemOutcome")
    Consultation = apps.get_model("cases", "Consultation")
    forwarded = AgendaItemOutcome.objects.filter(agenda_item_id=OuterRef("agenda_item_id"), forwarded_to__isnull=False)
    later = Consultation.objects.filter(case_id=OuterRef("consultation__case_id"),
                                        sequence__gt=OuterRef("consultation__sequence"))
    (Decision.objects.annotate(forwarded=Exists(forwarded), later=Exists(later))
     .filter(Q(forwarded=True) | Q(later=True, consultation__authoritative=False))
     .update(kind="innstilling"))


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0001_initial'),
        ('meetings', '0006_votes_vote_kind_and_setteleder'),
    ]

    operations = [
        migrations.AddField(
            model_name='decision',
            name='kind',
            field=models.CharField(choices=[('vedtak', 'Vedtak'), ('innstilling', 'Innstilling')], default='vedtak', max_length=12, verbose_name='vedtak eller innstilling'),
        ),
        migrations.RunPython(derive_kind, migrations.RunPython.noop),
    ]
