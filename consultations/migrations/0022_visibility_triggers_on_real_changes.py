"""The visibility triggers work only when a row really changes (issue 12, draft save and
sign): a consultation's update refreshes her visibility rows only when its clinic, woman or
episode changes (a full-row save names those columns unchanged), a new visit in an episode
the clinic has written in already leaves her row alone, and her patient row's update copies
her name and last visit only when they changed. Same rows, less work, fewer row locks between
two clinicians saving for one woman (consultations/visibility.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from consultations import visibility

    visibility.install_triggers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0021_visibility_by_name_covers_name_key"),
    ]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
