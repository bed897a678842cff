"""Her free text is at most 1000 characters in the database too (portal/models.py)."""

import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models


def uninstall_history_triggers(apps, schema_editor):
    # SQLite rebuilds the table to add a constraint, and its history triggers would go with
    # the old table (pattern: consultations/migrations/0011_confirmed_from_previous.py).
    from consultations.history import uninstall

    uninstall(apps, schema_editor)


def install_history_triggers(apps, schema_editor):
    from consultations.history import install

    install(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_links_and_reports"),
    ]

    operations = [
        migrations.RunPython(uninstall_history_triggers, install_history_triggers),
        migrations.AddConstraint(
            model_name="patientreport",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("hardest"), 1000),
                name="portal_report_hardest_at_most_1000"),
        ),
        migrations.RunPython(install_history_triggers, uninstall_history_triggers),
    ]
