"""Re-encrypt everything under the current key (PGP_CPR_KEY): CPR numbers, the TOTP
secrets of two-factor sign-in and the tokens of questionnaire links.

To rotate: make a new key, set it as PGP_CPR_KEY and move the old one to PGP_CPR_OLD_KEYS,
restart, run this command, then remove the old key. Until then both keys read, and search
finds rows under either. Idempotent: rows already under the current key are left alone.
`rotate_cpr_key` is the older name of this command and does the same.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from clinics.models import TwoFactorDevice
from consultations.models import Patient
from portal.models import QuestionnaireLink


def _rotate(model, reencrypt, fields, batch):
    changed = total = last_pk = 0
    while True:
        with transaction.atomic():
            rows = list(model.objects.filter(pk__gt=last_pk).order_by("pk")
                        .select_for_update()[:batch])
            if not rows:
                return changed, total
            moved = [row for row in rows if reencrypt(row)]
            model.objects.bulk_update(moved, fields)
        changed, total, last_pk = changed + len(moved), total + len(rows), rows[-1].pk


class Command(BaseCommand):
    help = "Re-encrypt CPR numbers, TOTP secrets and link tokens under the current key (see the docstring)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch, **options):
        changed, total = _rotate(Patient, Patient.reencrypt_cpr,
                                 ["cpr_encrypted", "cpr_digest"], batch)
        self.stdout.write(f"rotate_cpr_key: {changed} of {total} CPR numbers re-encrypted")
        changed, total = _rotate(TwoFactorDevice, TwoFactorDevice.reencrypt_secret,
                                 ["secret_encrypted"], batch)
        self.stdout.write(f"rotate_keys: {changed} of {total} two-factor secrets re-encrypted")
        changed, total = _rotate(QuestionnaireLink, QuestionnaireLink.reencrypt_token,
                                 ["token_encrypted", "token_digest"], batch)
        self.stdout.write(f"rotate_keys: {changed} of {total} questionnaire links re-encrypted")
