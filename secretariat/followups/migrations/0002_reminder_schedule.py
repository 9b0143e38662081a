from django.db import migrations


def create_schedule(apps, schema_editor):
    from secretariat.followups.beat import ensure_periodic_tasks

    ensure_periodic_tasks(apps.get_model("django_celery_beat", "CrontabSchedule"),
                          apps.get_model("django_celery_beat", "PeriodicTask"))


class Migration(migrations.Migration):
    dependencies = [
        ("followups", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, migrations.RunPython.noop)]
