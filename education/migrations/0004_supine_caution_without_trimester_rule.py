"""The shared library again: back-lying exercises are no longer ruled out in the third
trimester (no source in the clinical brief; issue 13 item 8), with a caution guided by how
she feels. Clinic versions of an exercise are left as the clinic wrote them."""

from django.db import migrations


def load(apps, schema_editor):
    from education.library import load_library

    load_library(apps.get_model("education", "Exercise"), apps.get_model("education", "EducationTopic"))


class Migration(migrations.Migration):
    dependencies = [("education", "0003_version")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
