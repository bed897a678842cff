from django.db import migrations


def install(apps, schema_editor):
    from consultations.append_only import install as install_guards

    install_guards(apps, schema_editor)


def uninstall(apps, schema_editor):
    from consultations.append_only import uninstall as uninstall_guards

    uninstall_guards(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("consultations", "0006_history_triggers")]

    operations = [migrations.RunPython(install, uninstall)]
