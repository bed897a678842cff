"""Who took over a colleague's draft, and when (issue 11.2); her details as they were when a
referral closed, which the receiving clinic keeps seeing (issue 11.4)."""

import django.db.models.deletion
from django.conf import settings
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
        ("consultations", "0011_confirmed_from_previous"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(uninstall_history_triggers, install_history_triggers),
        migrations.AddField(
            model_name="consultation",
            name="taken_over_from",
            field=models.ForeignKey(blank=True, editable=False, null=True,
                                    on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name="consultation",
            name="taken_over_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="referral",
            name="patient_snapshot",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(install_history_triggers, uninstall_history_triggers),
    ]
