from django.db import migrations


def install(apps, schema_editor):
    from consultations.history import install as install_triggers

    install_triggers(apps, schema_editor)


def uninstall(apps, schema_editor):
    from consultations.history import uninstall as uninstall_triggers

    uninstall_triggers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0005_history"),
        ("assessments", "0003_questionnaire_response"),
        ("education", "0002_load_shared_library"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
