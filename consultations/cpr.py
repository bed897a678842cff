"""Danish CPR numbers (clinical-brief §9): format, birth date by the century rule, modulus 11.

Numbers issued since 1 October 2007 need not pass the modulus-11 check, so a failed check is
never a reason to reject one. Sex is never derived from the number.
"""

import datetime
import re

_CPR_RE = re.compile(r"^(\d{6})-?(\d{4})$")
_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


class InvalidCPR(ValueError):
    """Raised with a `code` of "format" or "date"."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def normalise(value: str) -> str:
    """Return the ten digits of a CPR number written as DDMMYY-SSSS or DDMMYYSSSS."""
    match = _CPR_RE.match(value.strip().replace(" ", ""))
    if not match:
        raise InvalidCPR("format")
    return match.group(1) + match.group(2)


def century(yy: int, digit7: int) -> int:
    """The century of the birth year from the year digits and the 7th digit (CPR-kontoret)."""
    if digit7 <= 3:
        return 1900
    if digit7 in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800  # digits 5–8


def birth_date(cpr: str) -> datetime.date:
    """The date of birth encoded in a CPR number; InvalidCPR("date") if there is no such day."""
    digits = normalise(cpr)
    day, month, yy, digit7 = int(digits[0:2]), int(digits[2:4]), int(digits[4:6]), int(digits[6])
    try:
        return datetime.date(century(yy, digit7) + yy, month, day)
    except ValueError:
        raise InvalidCPR("date") from None


def passes_modulus_11(cpr: str) -> bool:
    """Whether the weighted digit sum is divisible by 11 (informational only, never a rejection)."""
    digits = normalise(cpr)
    return sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 11 == 0


def formatted(cpr: str) -> str:
    """DDMMYY-SSSS for display."""
    digits = normalise(cpr)
    return f"{digits[:6]}-{digits[6:]}"
