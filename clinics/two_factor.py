"""Two-factor sign-in: enrol an authenticator app, verify a code or a recovery code."""

import hashlib
import time

from django.db import transaction
from django.utils import timezone

from consultations import cpr_crypto

from . import totp
from .models import RecoveryCode, TwoFactorDevice


def _hash(code):
    return hashlib.sha256("".join(code.lower().split()).encode()).hexdigest()


@transaction.atomic
def confirm_device(*, user, secret, code):
    """Save the app once a first code matches; return new recovery codes (shown once), or None."""
    counter = totp.matching_counter(secret, code, time.time(), last_used=None)
    if counter is None:
        return None
    TwoFactorDevice.objects.update_or_create(user=user, defaults={
        "secret_encrypted": cpr_crypto.encrypt(secret), "confirmed_at": timezone.now(),
        "last_counter": counter})
    return replace_recovery_codes(user=user)


@transaction.atomic
def replace_recovery_codes(*, user):
    codes = totp.new_recovery_codes()
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=_hash(c)) for c in codes)
    return codes


@transaction.atomic
def verify_second_factor(*, user, code):
    """True if the code is the app's current code (once only) or an unused recovery code."""
    device = TwoFactorDevice.objects.select_for_update().filter(
        user=user, confirmed_at__isnull=False).first()
    if device is None:
        return False
    counter = totp.matching_counter(device.secret, code, time.time(),
                                    last_used=device.last_counter)
    if counter is not None:
        device.last_counter = counter
        device.save(update_fields=["last_counter"])
        return True
    used = RecoveryCode.objects.filter(user=user, code_hash=_hash(code), used_at__isnull=True)
    return used.update(used_at=timezone.now()) == 1
