"""The token in a questionnaire link's address: random, kept encrypted, found by its digest.

Encryption and digest are those of the CPR numbers (consultations/cpr_crypto.py, one key);
the digest is taken over a prefixed value so a token's digest can never equal a CPR digest.
"""

import secrets

from consultations import cpr_crypto

TOKEN_BYTES = 32  # 256 bits: not guessable, so the rate limit only guards the birth date
_PREFIX = "portal-link:"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def encrypt(token: str) -> str:
    return cpr_crypto.encrypt(token)


def decrypt(token_encrypted: str) -> str:
    return cpr_crypto.decrypt(token_encrypted)


def digest(token: str) -> str:
    return cpr_crypto.digest(_PREFIX + token)


def digests(token: str) -> list[str]:
    """Under every key, so links made before a key rotation still open."""
    return cpr_crypto.digests(_PREFIX + token)


def is_current(token_encrypted: str, stored_digest: str) -> bool:
    """Whether a link's token and digest are both under the current key."""
    return (cpr_crypto.is_current_token(token_encrypted)
            and stored_digest == digest(decrypt(token_encrypted)))


def looks_like_token(text: str) -> bool:
    """URL-safe base64 of the right length: anything else is not looked up at all."""
    return len(text) == 43 and all(c.isalnum() or c in "-_" for c in text)
