"""Security events, one JSON line each, on the "pgp.security" logger (ASVS 16.3.1-16.3.3).

Sign-ins, failures, lockouts, second-factor changes, expired sessions and refused requests
(403/404 for a signed-in user: someone trying another clinic's records shows up here).
Every value is JSON-encoded, so a typed user name with a line break cannot forge a second
event (ASVS 16.4.1). No patient data and no secret is ever written: an event names the
user, the address, the path and what happened.
"""

import json
import logging

logger = logging.getLogger("pgp.security")

FAILURES = {"sign_in_failed", "sign_in_locked", "two_factor_failed", "access_refused",
            "signed_out_too_many_codes"}


def client_address(request):
    """The address the request came from: REMOTE_ADDR, which pgp_clinic/proxy.py has set to the
    client's own address when a trusted proxy forwarded the request."""
    return request.META.get("REMOTE_ADDR") or None


def security_event(event, request, **fields):
    record = {"event": event, "address": client_address(request), "path": request.path[:200]}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        record["user"] = user.get_username()
    clinic = getattr(request, "clinic", None)
    if clinic is not None:
        record["clinic"] = str(clinic.public_id)
    record.update(fields)
    level = logging.WARNING if event in FAILURES else logging.INFO
    logger.log(level, json.dumps(record, ensure_ascii=True, sort_keys=True))
