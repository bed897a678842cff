"""A search by name reads a trigram index (issue 12): pg_trgm's GIN operator class over her
upper-cased names on the visibility rows, so `icontains` (UPPER(name) LIKE UPPER('%text%'))
finds the women with a matching name without reading all of the clinic's rows; the clinic is
then checked on those few. (With the clinic in the same GIN index, through btree_gin, the
planner never chose it.) PostgreSQL only; SQLite (make run) keeps the scan. pg_trgm is a
"trusted" extension since PostgreSQL 13: the database's owner may create it."""

from django.db import migrations

INDEXES = {
    "visibility_last_name_trgm": "last_name",
    "visibility_first_name_trgm": "first_name",
}


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        # The expression is the one Django writes for icontains: UPPER("name"::text).
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON consultations_visibility "  # nosec B608
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops) WITH (fastupdate = off)")


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0016_work_cards"),
    ]

    operations = [
        migrations.RunPython(install, uninstall),
    ]
