"""Referral.consultation was written when a referral opened and never read (issue 18): the
receiving clinic reads her signed notes through the shared pregnancy episode."""

from django.db import migrations


def uninstall_history_triggers(apps, schema_editor):
    # The referral table's history trigger lists its columns (and SQLite rebuilds the table
    # to drop one): take the triggers off first and put them back after.
    from consultations.history import uninstall

    uninstall(apps, schema_editor)


def install_history_triggers(apps, schema_editor):
    from consultations.history import install

    install(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0014_referral_open_index"),
    ]

    operations = [
        migrations.RunPython(uninstall_history_triggers, install_history_triggers),
        migrations.RemoveField(model_name="referral", name="consultation"),
        migrations.RunPython(install_history_triggers, uninstall_history_triggers),
    ]
