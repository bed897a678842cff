"""Re-encrypt every CPR number under the current key (PGP_CPR_KEY).

To rotate: make a new key, set it as PGP_CPR_KEY and move the old one to PGP_CPR_OLD_KEYS,
restart, run this command, then remove the old key. Until then both keys read, and search
finds rows under either. Idempotent: rows already under the current key are left alone.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from consultations.models import Patient


class Command(BaseCommand):
    help = "Re-encrypt every CPR number under the current key (see the module docstring)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch, **options):
        changed = total = 0
        last_pk = 0
        while True:
            with transaction.atomic():
                rows = list(Patient.objects.filter(pk__gt=last_pk).order_by("pk")
                            .select_for_update()[:batch])
                if not rows:
                    break
                moved = [row for row in rows if row.reencrypt_cpr()]
                Patient.objects.bulk_update(moved, ["cpr_encrypted", "cpr_digest"])
            changed, total, last_pk = changed + len(moved), total + len(rows), rows[-1].pk
        self.stdout.write(f"rotate_cpr_key: {changed} of {total} CPR numbers re-encrypted")
