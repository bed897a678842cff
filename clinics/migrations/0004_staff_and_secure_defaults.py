"""Staff administration and secure defaults (issue 14).

- Two-factor sign-in is required by default, for existing clinics too; the demo clinics
  (made by load_demo) are marked as such and keep it off with a recorded reason.
- Memberships can be deactivated (kept for the record), invitations and signed-in sessions.
- TOTP secrets are encrypted at rest: the clear column is replaced by a Fernet token under
  the CPR key scheme (consultations/cpr_crypto.py); existing secrets are encrypted on the way.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The demo clinics' names as load_demo made them before this migration (consultations/demo.py).
DEMO_CLINICS = ("Lægerne i Søndergade", "Fysioterapi Bækkencentret")
DEMO_REASON = "Demo clinic: demo accounts only, never real patients."


def secure_defaults(apps, schema_editor):
    Clinic = apps.get_model("clinics", "Clinic")
    demo = Clinic.objects.filter(name__in=DEMO_CLINICS, members__username__startswith="demo-")
    demo_ids = list(demo.values_list("pk", flat=True).distinct())
    Clinic.objects.filter(pk__in=demo_ids).update(
        is_demo=True, require_two_factor=False, two_factor_off_reason=DEMO_REASON)
    Clinic.objects.exclude(pk__in=demo_ids).update(require_two_factor=True)


def encrypt_secrets(apps, schema_editor):
    from consultations import cpr_crypto

    TwoFactorDevice = apps.get_model("clinics", "TwoFactorDevice")
    for pk, secret in TwoFactorDevice.objects.values_list("pk", "secret"):
        TwoFactorDevice.objects.filter(pk=pk).update(secret_encrypted=cpr_crypto.encrypt(secret))


class Migration(migrations.Migration):

    dependencies = [
        ("clinics", "0003_two_factor"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="clinics",
            field=models.ManyToManyField(related_name="members", through="clinics.Membership",
                                         through_fields=("user", "clinic"), to="clinics.clinic"),
        ),
        migrations.AddField(
            model_name="clinic",
            name="is_demo",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name="clinic",
            name="two_factor_off_reason",
            field=models.TextField(blank=True, verbose_name="why two-factor sign-in is off"),
        ),
        migrations.AlterField(
            model_name="clinic",
            name="require_two_factor",
            field=models.BooleanField(
                default=True,
                help_text="Clinicians of this clinic must sign in with a code from an authenticator app.",
                verbose_name="two-factor sign-in required"),
        ),
        migrations.RunPython(secure_defaults, migrations.RunPython.noop),
        migrations.AddField(
            model_name="membership",
            name="deactivated_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="deactivated"),
        ),
        migrations.AddField(
            model_name="membership",
            name="deactivated_by",
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name="twofactordevice",
            name="secret_encrypted",
            field=models.TextField(default="", editable=False),
            preserve_default=False,
        ),
        migrations.RunPython(encrypt_secrets, migrations.RunPython.noop),
        migrations.RemoveField(model_name="twofactordevice", name="secret"),
        migrations.CreateModel(
            name="Invitation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("token_digest", models.CharField(max_length=64, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("expires_at", models.DateTimeField()),
                ("used_at", models.DateTimeField(blank=True, null=True)),
                ("clinic", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                             related_name="invitations", to="clinics.clinic")),
                ("created_by", models.ForeignKey(null=True,
                                                 on_delete=django.db.models.deletion.PROTECT,
                                                 related_name="+", to=settings.AUTH_USER_MODEL)),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                           related_name="invitations",
                                           to=settings.AUTH_USER_MODEL)),
            ],
            options={"verbose_name": "invitation", "verbose_name_plural": "invitations"},
        ),
        migrations.CreateModel(
            name="UserSession",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("session_key", models.CharField(max_length=40, unique=True)),
                ("started_at", models.DateTimeField(auto_now_add=True)),
                ("address", models.GenericIPAddressField(null=True)),
                ("user_agent", models.CharField(blank=True, max_length=200)),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                           related_name="signed_in_sessions",
                                           to=settings.AUTH_USER_MODEL)),
            ],
            options={"ordering": ["-started_at"]},
        ),
    ]
