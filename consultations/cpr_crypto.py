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

from cryptography.fernet import Fernet
from django.conf import settings


@lru_cache(maxsize=4)
def _keys(key):
    raw = base64.urlsafe_b64decode(key.encode())
    digest_key = hashlib.sha256(b"pgp-clinic cpr digest\x00" + raw).digest()
    return Fernet(key.encode()), digest_key


def encrypt(cpr: str) -> str:
    fernet, _digest_key = _keys(settings.CPR_ENCRYPTION_KEY)
    return fernet.encrypt(cpr.encode()).decode()


def decrypt(token: str) -> str:
    fernet, _digest_key = _keys(settings.CPR_ENCRYPTION_KEY)
    return fernet.decrypt(token.encode()).decode()


def digest(cpr: str) -> str:
    _fernet, digest_key = _keys(settings.CPR_ENCRYPTION_KEY)
    return hmac.new(digest_key, cpr.encode(), hashlib.sha256).hexdigest()
