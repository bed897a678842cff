"""Questionnaire links and the answers she sends (portal/models.py); the link and report rows
join the change history (consultations/history.py TRACKED)."""

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


def install_history_triggers(apps, schema_editor):
    from consultations.history import install

    install(apps, schema_editor)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('clinics', '0004_staff_and_secure_defaults'),
        ('consultations', '0015_referral_without_consultation'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='QuestionnaireLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('token_encrypted', models.TextField(editable=False)),
                ('token_digest', models.CharField(editable=False, max_length=64, unique=True)),
                ('contexts', models.JSONField(default=list, verbose_name='pain asked about')),
                ('include_pgq', models.BooleanField(default=False, verbose_name='includes the PGQ')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('expires_at', models.DateTimeField(verbose_name='expires')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='handed over')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked')),
                ('failed_checks', models.PositiveSmallIntegerField(default=0, verbose_name='wrong birth dates')),
                ('locked_at', models.DateTimeField(blank=True, null=True, verbose_name='locked')),
                ('verified_at', models.DateTimeField(blank=True, null=True, verbose_name='birth date last confirmed')),
                ('used_at', models.DateTimeField(blank=True, null=True, verbose_name='answers last sent')),
                ('clinic', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='clinics.clinic')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('pregnancy', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questionnaire_links', to='consultations.pregnancy')),
                ('revoked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'questionnaire link',
                'verbose_name_plural': 'questionnaire links',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='PatientReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('submitted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='sent')),
                ('language', models.CharField(default='da', max_length=5, verbose_name='language')),
                ('pgq_items', models.JSONField(blank=True, null=True, verbose_name='PGQ item scores')),
                ('pgq_scoring_version', models.CharField(blank=True, max_length=40)),
                ('pgq_total', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, verbose_name='PGQ total')),
                ('pgq_activity', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, verbose_name='PGQ activity')),
                ('pgq_symptom', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, verbose_name='PGQ symptoms')),
                ('pgq_answered', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='PGQ items answered')),
                ('hardest', models.TextField(blank=True, max_length=1000, verbose_name='what is hardest right now')),
                ('worsened', models.BooleanField(default=False, verbose_name='pain worse')),
                ('seen_at', models.DateTimeField(blank=True, null=True, verbose_name='seen')),
                ('clinic', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='clinics.clinic')),
                ('confirmed_in', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='patient_reports', to='consultations.consultation')),
                ('pregnancy', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='patient_reports', to='consultations.pregnancy')),
                ('seen_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('link', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='portal.questionnairelink')),
            ],
            options={
                'verbose_name': 'patient-reported answers',
                'verbose_name_plural': 'patient-reported answers',
                'ordering': ['-submitted_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='CheckAttempt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('address', models.GenericIPAddressField(null=True)),
                ('at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('link', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='portal.questionnairelink')),
            ],
        ),
        migrations.CreateModel(
            name='ReportedActivity',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField()),
                ('activity', models.CharField(max_length=100, verbose_name='activity')),
                ('score', models.PositiveSmallIntegerField(verbose_name='score (0-10)')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='psfs_rows', to='portal.patientreport')),
            ],
            options={
                'verbose_name': 'activity she named (PSFS)',
                'verbose_name_plural': 'activities she named (PSFS)',
                'ordering': ['position'],
            },
        ),
        migrations.CreateModel(
            name='ReportedPain',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('activity', models.CharField(choices=[('turning_in_bed', 'Turning over in bed'), ('walking', 'Walking'), ('stairs', 'Walking up or down stairs'), ('sitting', 'Sitting'), ('standing', 'Standing'), ('lifting', 'Lifting or carrying')], max_length=20, verbose_name='activity')),
                ('moment', models.CharField(choices=[('now', 'Now'), ('worst_week', 'Worst in the last week')], max_length=20, verbose_name='when')),
                ('value', models.PositiveSmallIntegerField(verbose_name='NRS (0-10)')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pain_rows', to='portal.patientreport')),
            ],
            options={
                'verbose_name': 'reported pain',
                'verbose_name_plural': 'reported pain',
                'ordering': ['pk'],
            },
        ),
        migrations.CreateModel(
            name='SavedAnswers',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('answers', models.JSONField(default=dict)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('link', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='saved_answers', to='portal.questionnairelink')),
            ],
        ),
        migrations.AddConstraint(
            model_name='questionnairelink',
            constraint=models.CheckConstraint(condition=models.Q(('failed_checks__lte', 3)), name='portal_link_failed_checks_at_most_max'),
        ),
        migrations.AddConstraint(
            model_name='questionnairelink',
            constraint=models.CheckConstraint(condition=models.Q(('revoked_at__isnull', True), ('revoked_by__isnull', False), _connector='OR'), name='portal_link_revoked_has_revoker'),
        ),
        migrations.AddConstraint(
            model_name='questionnairelink',
            constraint=models.CheckConstraint(condition=models.Q(('locked_at__isnull', True), ('failed_checks', 3), _connector='OR'), name='portal_link_locked_after_max_failures'),
        ),
        migrations.AddConstraint(
            model_name='patientreport',
            constraint=models.CheckConstraint(condition=models.Q(('pgq_total__isnull', True), models.Q(('pgq_total__gte', 0), ('pgq_total__lte', 100)), _connector='OR'), name='portal_report_pgq_total_0_100'),
        ),
        migrations.AddConstraint(
            model_name='patientreport',
            constraint=models.CheckConstraint(condition=models.Q(('pgq_activity__isnull', True), models.Q(('pgq_activity__gte', 0), ('pgq_activity__lte', 100)), _connector='OR'), name='portal_report_pgq_activity_0_100'),
        ),
        migrations.AddConstraint(
            model_name='patientreport',
            constraint=models.CheckConstraint(condition=models.Q(('pgq_symptom__isnull', True), models.Q(('pgq_symptom__gte', 0), ('pgq_symptom__lte', 100)), _connector='OR'), name='portal_report_pgq_symptom_0_100'),
        ),
        migrations.AddConstraint(
            model_name='patientreport',
            constraint=models.CheckConstraint(condition=models.Q(('pgq_answered__isnull', True), ('pgq_answered__lte', 25), _connector='OR'), name='portal_report_pgq_answered_at_most_25'),
        ),
        migrations.AddConstraint(
            model_name='patientreport',
            constraint=models.CheckConstraint(condition=models.Q(('pgq_items__isnull', True), models.Q(('pgq_scoring_version', ''), _negated=True), _connector='OR'), name='portal_report_pgq_has_scoring_version'),
        ),
        migrations.AddConstraint(
            model_name='patientreport',
            constraint=models.CheckConstraint(condition=models.Q(('seen_at__isnull', True), ('seen_by__isnull', False), _connector='OR'), name='portal_report_seen_has_who'),
        ),
        migrations.AddIndex(
            model_name='checkattempt',
            index=models.Index(fields=['address', 'at'], name='portal_attempt_address_at'),
        ),
        migrations.AddConstraint(
            model_name='reportedactivity',
            constraint=models.CheckConstraint(condition=models.Q(('score__lte', 10)), name='portal_psfs_score_0_10'),
        ),
        migrations.AddConstraint(
            model_name='reportedactivity',
            constraint=models.CheckConstraint(condition=models.Q(('position__gte', 1), ('position__lte', 3)), name='portal_psfs_position_1_3'),
        ),
        migrations.AddConstraint(
            model_name='reportedactivity',
            constraint=models.CheckConstraint(condition=models.Q(('activity', ''), _negated=True), name='portal_psfs_activity_named'),
        ),
        migrations.AddConstraint(
            model_name='reportedactivity',
            constraint=models.UniqueConstraint(fields=('report', 'position'), name='portal_one_psfs_per_position'),
        ),
        migrations.AddConstraint(
            model_name='reportedpain',
            constraint=models.CheckConstraint(condition=models.Q(('value__lte', 10)), name='portal_pain_nrs_0_10'),
        ),
        migrations.AddConstraint(
            model_name='reportedpain',
            constraint=models.UniqueConstraint(fields=('report', 'activity', 'moment'), name='portal_one_pain_value_per_activity_and_moment'),
        ),
        # Backwards: the portal tables' triggers go with the tables; the others stay.
        migrations.RunPython(install_history_triggers, migrations.RunPython.noop),
    ]
