"""A version number on every editable record (pgp_clinic/versioning.py): a stale save is
refused instead of overwriting another clinician's."""

from django.db import migrations, models


def drop_history_triggers(apps, schema_editor):
    # SQLite rebuilds a table to add a column; a trigger on another table that names it
    # (the referral's looks up its pregnancy) would stop the rename. Dropped, then recreated.
    from consultations.history import uninstall

    uninstall(apps, schema_editor)


def install_history_triggers(apps, schema_editor):
    # SQLite triggers list the columns, which have changed (PostgreSQL's take the whole row).
    from consultations.history import install

    install(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0009_append_only_truncate"),
        ("assessments", "0004_questionnaire_added_after_signing"),
    ]

    operations = [
        migrations.RunPython(drop_history_triggers, install_history_triggers),
        migrations.AddField(
            model_name="patient", name="version", field=models.PositiveIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="pregnancy", name="version", field=models.PositiveIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="referral", name="version", field=models.PositiveIntegerField(default=1),
        ),
        migrations.RunPython(install_history_triggers, drop_history_triggers),
    ]
