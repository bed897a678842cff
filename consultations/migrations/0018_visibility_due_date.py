"""The patient list sorted by due date reads an index (issue 12): her newest due date among
the episodes a clinic may see is kept on the visibility row (visibility.py: the refresh
function computes it; a new trigger on the pregnancy table refreshes her rows when a due date
changes), filled here from the data in one statement."""

from django.db import migrations, models


def install(apps, schema_editor):
    from consultations import visibility

    visibility.install_triggers(apps, schema_editor)
    visibility.fill_due_dates(apps, schema_editor)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS consultations_pregnancy_visibility "
                              "ON consultations_pregnancy")


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0004_staff_and_secure_defaults"),
        ("consultations", "0017_visibility_name_trigram"),
    ]

    operations = [
        migrations.AddField(
            model_name="visibility",
            name="current_edd",
            field=models.DateField(null=True),
        ),
        migrations.AddIndex(
            model_name="visibility",
            index=models.Index(fields=["clinic", "current_edd", "last_name", "patient"],
                               name="visibility_by_due"),
        ),
        migrations.RunPython(install, uninstall),
    ]
