"""A consultation's parts (red-flag answers, test results, pain scores, programme items,
questionnaires, amendments) get their history from one trigger per statement, with the same
rows as before (consultations/history.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from consultations.history import install

    install(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0022_visibility_triggers_on_real_changes"),
        ("assessments", "0006_pgq_wording"),
        ("education", "0004_supine_caution_without_trimester_rule"),
        ("portal", "0003_clinician_side"),
    ]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
