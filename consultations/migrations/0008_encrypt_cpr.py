"""CPR numbers encrypted at rest: the plain column is replaced by a Fernet token and a keyed
digest (consultations/cpr_crypto.py). Existing rows are encrypted on the way."""

from django.db import migrations, models


def encrypt_existing(apps, schema_editor):
    from consultations import cpr_crypto

    Patient = apps.get_model("consultations", "Patient")
    for pk, cpr in Patient.objects.values_list("pk", "cpr"):
        Patient.objects.filter(pk=pk).update(
            cpr_encrypted=cpr_crypto.encrypt(cpr), cpr_digest=cpr_crypto.digest(cpr)
        )


def reinstall_history_triggers(apps, schema_editor):
    # SQLite rebuilds the table to drop a column, and its triggers go with it; they also
    # list the columns, which have changed. (PostgreSQL's are simply replaced.)
    from consultations.history import install

    install(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0003_two_factor"),
        ("consultations", "0007_append_only"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="patient", name="one_patient_per_cpr_in_clinic"),
        migrations.RemoveConstraint(model_name="patient", name="cpr_ten_digits"),
        migrations.AddField(
            model_name="patient",
            name="cpr_digest",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="patient",
            name="cpr_encrypted",
            field=models.TextField(default="", editable=False),
            preserve_default=False,
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="patient",
            constraint=models.UniqueConstraint(
                fields=("clinic", "cpr_digest"), name="one_patient_per_cpr_in_clinic"
            ),
        ),
        migrations.RemoveField(model_name="patient", name="cpr"),
        migrations.RunPython(reinstall_history_triggers, migrations.RunPython.noop),
    ]
