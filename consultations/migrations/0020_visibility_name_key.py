"""A search by name reads one value a row (issue 12): her first and last name upper-cased in
one stored generated column on the visibility rows, matched with one LIKE a word instead of
two UPPER() and two LIKEs. A common name (Hansen, Jensen: hundreds of a clinic's women) is
matched against every row the clinic sees, so that per-row cost is what grows with the
clinic (docs/performance.md). The two trigram indexes of 0017 become one over the new value,
for the rare names the planner finds through it, and the planner is given the statistics to
tell a rare name from a common one. PostgreSQL only for the index; SQLite
(make run) keeps the scan."""

from django.db import migrations, models
from django.db.models.functions import Concat, Upper

OLD_INDEXES = {
    "visibility_last_name_trgm": "last_name",
    "visibility_first_name_trgm": "first_name",
}


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in OLD_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    # The expression is the one Django writes for contains: "name_key"::text LIKE ...
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS visibility_name_key_trgm ON consultations_visibility "
        "USING gin ((name_key::text) gin_trgm_ops) WITH (fastupdate = off)")
    # How many women a LIKE '%word%' matches is estimated from this column's histogram only
    # when it has ~1,000 entries; with the default 100 the planner guesses from the word's
    # length, takes a long common name (Christiansen: 8,093 women in the region) for a rare
    # one and reads them all through the trigram index (55 ms at 1M, against 6 ms for the
    # clinic's own rows). docs/performance.md, tests/performance/test_indexes.py.
    schema_editor.execute(
        "ALTER TABLE consultations_visibility ALTER COLUMN name_key SET STATISTICS 1000")
    schema_editor.execute("ANALYZE consultations_visibility")


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS visibility_name_key_trgm")
    for name, column in OLD_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON consultations_visibility "  # nosec B608
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops) WITH (fastupdate = off)")


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0019_dashboard_drafts_and_sent_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="visibility",
            name="name_key",
            field=models.GeneratedField(
                db_persist=True, output_field=models.TextField(),
                expression=Concat(Upper("first_name"), models.Value("\x1f"), Upper("last_name"))),
        ),
        migrations.RunPython(install, uninstall),
    ]
