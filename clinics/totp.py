"""Time-based one-time passwords (RFC 6238, HMAC-SHA1, 30 s, 6 digits): pure functions."""

import base64
import hashlib
import hmac
import secrets
import struct
from urllib.parse import quote, urlencode

STEP = 30
DIGITS = 6


def new_secret() -> str:
    """A random 160-bit secret in base32, as authenticator apps expect."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def counter_at(timestamp: float) -> int:
    return int(timestamp // STEP)


def code_at(secret: str, counter: int, digits: int = DIGITS) -> str:
    """The one-time code of a counter (RFC 4226 dynamic truncation)."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def matching_counter(secret: str, code: str, timestamp: float, *, last_used: int | None,
                     window: int = 1) -> int | None:
    """The counter a code belongs to (±window steps for clock drift), or None. A counter at or
    before the last one used is refused, so a code works only once."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == DIGITS):
        return None
    now = counter_at(timestamp)
    for counter in range(now - window, now + window + 1):
        if last_used is not None and counter <= last_used:
            continue
        if hmac.compare_digest(code_at(secret, counter), code):
            return counter
    return None


def provisioning_uri(secret: str, account: str, issuer: str = "PGP Clinic") -> str:
    """The otpauth:// URI an authenticator app reads (also shown for manual entry)."""
    label = quote(f"{issuer}:{account}")
    return f"otpauth://totp/{label}?" + urlencode({"secret": secret, "issuer": issuer})


def new_recovery_codes(count: int = 10) -> list[str]:
    """One-time recovery codes like "k3f9-2mqa-7xdp"."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return ["-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))
            for _ in range(count)]
