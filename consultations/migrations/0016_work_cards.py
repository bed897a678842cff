"""The dashboard's "due" and "pain worse" cards stored where they are decided (issue 12,
item 3): one WorkCard row per clinic and pregnancy episode, filled from the existing visits
(consultations/worklist.py: the latest visits in one statement, "pain worse" for the recent
pairs). A new table, not new consultation columns, so the history triggers stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from consultations.worklist import fill as fill_cards

    with schema_editor.connection.cursor() as cursor:
        fill_cards(cursor)


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0006_pgq_wording'),
        ('clinics', '0004_staff_and_secure_defaults'),
        ('consultations', '0015_referral_without_consultation'),
    ]

    operations = [
        migrations.CreateModel(
            name='WorkCard',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('seen_at', models.DateTimeField()),
                ('follow_up_on', models.DateField(blank=True, null=True)),
                ('worse_from', models.PositiveSmallIntegerField(null=True)),
                ('worse_since', models.DateTimeField(null=True)),
                ('clinic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='clinics.clinic')),
                ('consultation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='consultations.consultation')),
                ('patient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='consultations.patient')),
                ('pregnancy', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='consultations.pregnancy')),
                ('worse_score', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='assessments.painscore')),
                ('worse_visit', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='consultations.consultation')),
            ],
            options={
                'indexes': [models.Index(condition=models.Q(('follow_up_on__isnull', False)), fields=['clinic', 'follow_up_on'], name='work_card_due'), models.Index(condition=models.Q(('worse_score__isnull', False)), fields=['clinic', 'worse_since'], name='work_card_worse')],
                'constraints': [models.UniqueConstraint(fields=('clinic', 'pregnancy'), name='one_work_card_per_episode')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
