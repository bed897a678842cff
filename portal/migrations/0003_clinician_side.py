"""Which values were worse than at her last visit (P1), kept with her report for the worklist."""

from django.db import migrations, models


def uninstall_history_triggers(apps, schema_editor):
    # SQLite rebuilds the table to add a column and its triggers list the columns
    # (consultations/migrations/0011_confirmed_from_previous.py); PostgreSQL's are replaced.
    from consultations.history import uninstall

    uninstall(apps, schema_editor)


def install_history_triggers(apps, schema_editor):
    from consultations.history import install

    install(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_report_text_length"),
    ]

    operations = [
        migrations.RunPython(uninstall_history_triggers, install_history_triggers),
        migrations.AddField(
            model_name="patientreport",
            name="worsening",
            field=models.JSONField(blank=True, default=dict, editable=False,
                                   verbose_name="worse than at her last visit"),
        ),
        migrations.RunPython(install_history_triggers, uninstall_history_triggers),
    ]
