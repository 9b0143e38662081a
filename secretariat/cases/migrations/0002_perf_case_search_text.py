"""The stored public search vector of a case (issue 17): a table, a GIN index on PostgreSQL, and the first fill."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


GIN = "cases_casesearchtext_vector_gin"


def create_gin_index(apps, schema_editor):
    # GIN is PostgreSQL's; on SQLite (the demo) search falls back to a plain scan.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {GIN} ON cases_casesearchtext USING gin (vector)")


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN}")


def fill_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The fill uses today's models, which read tables and columns of later migrations: on a new database (no case
    # yet) there is nothing to fill, and the tables it would read may not exist yet.
    if not apps.get_model("cases", "Case").objects.exists():
        return
    from secretariat.access.search import refresh_public_search_vectors

    refresh_public_search_vectors()


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='CaseSearchText',
            fields=[
                ('case', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_text', serialize=False, to='cases.case')),
                ('vector', django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                'verbose_name': 'søketekst',
                'verbose_name_plural': 'søketekster',
            },
        ),
        migrations.RunPython(create_gin_index, drop_gin_index),
        migrations.RunPython(fill_vectors, migrations.RunPython.noop),
    ]
