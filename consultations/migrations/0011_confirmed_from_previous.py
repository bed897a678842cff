"""The values a follow-up took over from the last visit, and that visit's day
(consultations/carry_forward.py)."""

from django.db import migrations, models


def uninstall_history_triggers(apps, schema_editor):
    # SQLite rebuilds the table to add a column, and the other tables' triggers that read it
    # would stop the rebuild; they also list the columns. (PostgreSQL's are simply replaced.)
    from consultations.history import uninstall

    uninstall(apps, schema_editor)


def install_history_triggers(apps, schema_editor):
    from consultations.history import install

    install(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0010_versions"),
    ]

    operations = [
        migrations.RunPython(uninstall_history_triggers, install_history_triggers),
        migrations.AddField(
            model_name="consultation",
            name="confirmed_from_previous",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
        migrations.AddField(
            model_name="consultation",
            name="previous_visit_on",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(install_history_triggers, uninstall_history_triggers),
    ]
