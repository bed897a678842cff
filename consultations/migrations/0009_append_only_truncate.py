from django.db import migrations


def install(apps, schema_editor):
    from consultations.append_only import install_truncate_guard

    install_truncate_guard(apps, schema_editor)


def uninstall(apps, schema_editor):
    from consultations.append_only import uninstall_truncate_guard

    uninstall_truncate_guard(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("consultations", "0008_encrypt_cpr")]

    operations = [migrations.RunPython(install, uninstall)]
