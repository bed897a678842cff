from django.db import migrations


def load(apps, schema_editor):
    from education.library import load_library

    load_library(apps.get_model("education", "Exercise"), apps.get_model("education", "EducationTopic"))


class Migration(migrations.Migration):
    dependencies = [("education", "0001_library_and_programmes")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
