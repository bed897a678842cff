"""The list's name index covers the columns the list reads of a visibility row (issue 12,
session 4): a search's page walks the clinic's women in name order until 26 match, and each
row's names are checked in the index instead of the table (a late-alphabet common name at 1M:
19 ms of heap reads, 2.5 ms from the index; docs/performance.md). B-tree INCLUDE columns;
SQLite (make run) ignores them."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('clinics', '0004_staff_and_secure_defaults'),
        ('consultations', '0020_visibility_name_key'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='visibility',
            name='visibility_by_name',
        ),
        migrations.AddIndex(
            model_name='visibility',
            index=models.Index(fields=['clinic', 'last_name', 'first_name', 'patient'], include=('name_key', 'last_seen_at', 'current_edd'), name='visibility_by_name'),
        ),
    ]
