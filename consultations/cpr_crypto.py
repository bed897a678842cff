"""CPR numbers encrypted at rest (clinical-brief §10.1).

The database holds a CPR number only as a Fernet token (AES-128-CBC with an HMAC-SHA256
check, from the well-kept `cryptography` package) and as a keyed digest (HMAC-SHA256) for
exact look-ups and the one-per-clinic rule. The key is settings.CPR_ENCRYPTION_KEY; the
digest key is derived from it, so one secret is kept. Whoever reads the tables, a backup or
the change history without that key sees neither the number nor its last four digits.

The first six digits are the date of birth, which the patient row keeps in the clear for age
and search; searching by up to six digits therefore goes by the birth date, and only longer
numbers need the digest or a decryption of the few women born that day.
"""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


@lru_cache(maxsize=8)
def _fernet(key):
    return Fernet(key.encode())


@lru_cache(maxsize=8)
def _digest_key(key):
    raw = base64.urlsafe_b64decode(key.encode())
    return hashlib.sha256(b"pgp-clinic cpr digest\x00" + raw).digest()


def _keys():
    """The current key first, then the keys being rotated out (PGP_CPR_OLD_KEYS)."""
    return [settings.CPR_ENCRYPTION_KEY, *settings.CPR_OLD_KEYS]


def encrypt(cpr: str) -> str:
    return _fernet(settings.CPR_ENCRYPTION_KEY).encrypt(cpr.encode()).decode()


def decrypt(token: str) -> str:
    """Under the current key or any old one."""
    return MultiFernet([_fernet(key) for key in _keys()]).decrypt(token.encode()).decode()


def digest(cpr: str) -> str:
    return _digest_with(settings.CPR_ENCRYPTION_KEY, cpr)


def digests(cpr: str) -> list[str]:
    """Its digest under every key: rows not yet rotated are still found."""
    return [_digest_with(key, cpr) for key in _keys()]


def _digest_with(key, cpr):
    return hmac.new(_digest_key(key), cpr.encode(), hashlib.sha256).hexdigest()


def is_current_token(token: str) -> bool:
    """Whether a token was written under the current key (used for TOTP secrets too)."""
    try:
        _fernet(settings.CPR_ENCRYPTION_KEY).decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def is_current(token: str, cpr: str, stored_digest: str) -> bool:
    """Whether a row is already under the current key (token and digest alike)."""
    try:
        _fernet(settings.CPR_ENCRYPTION_KEY).decrypt(token.encode())
    except InvalidToken:  # written under an old key
        return False
    return stored_digest == digest(cpr)
