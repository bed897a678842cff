"""Two-factor sign-in with an authenticator app (RFC 6238) and one-time recovery codes."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from clinics import totp
from clinics.models import RecoveryCode, TwoFactorDevice
from consultations import cpr_crypto

from .factories import PASSWORD

RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"


@pytest.mark.parametrize(("timestamp", "code"), [
    (59, "94287082"), (1111111109, "07081804"), (1111111111, "14050471"),
    (1234567890, "89005924"), (2000000000, "69279037"), (20000000000, "65353130"),
])
def test_codes_match_the_rfc_6238_test_vectors(timestamp, code):
    assert totp.code_at(RFC_SECRET, totp.counter_at(timestamp), digits=8) == code


def test_a_code_works_once_and_only_near_its_time():
    secret = totp.new_secret()
    now = time.time()
    code = totp.code_at(secret, totp.counter_at(now))
    counter = totp.matching_counter(secret, code, now, last_used=None)
    assert counter == totp.counter_at(now)
    assert totp.matching_counter(secret, code, now, last_used=counter) is None  # replay
    assert totp.matching_counter(secret, code, now + 120, last_used=None) is None  # too late
    assert totp.matching_counter(secret, "12345", now, last_used=None) is None


def enrol(client, user):
    page = client.get(reverse("two_factor_setup"))
    secret = cpr_crypto.decrypt(client.session["two_factor_secret"])  # kept encrypted
    assert page.status_code == 200
    code = totp.code_at(secret, totp.counter_at(time.time()))
    response = client.post(reverse("two_factor_setup"), {"code": code})
    return secret, response.context["codes"]


def test_enrolment_confirms_the_app_and_shows_recovery_codes_once(alice_client, alice):
    _secret, codes = enrol(alice_client, alice)
    assert TwoFactorDevice.objects.get(user=alice).is_confirmed
    assert len(codes) == 10 and RecoveryCode.objects.filter(user=alice).count() == 10
    assert all(code not in r.code_hash for r in RecoveryCode.objects.all() for code in codes)


def test_sign_in_asks_for_the_code_before_the_session_is_signed_in(alice_client, alice):
    secret, _codes = enrol(alice_client, alice)
    client = Client()
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response["Location"] == reverse("login_verify")
    assert client.get(reverse("dashboard")).status_code == 302  # not signed in yet
    wrong = client.post(reverse("login_verify"), {"code": "000000"})
    assert wrong.status_code == 200 and "code" in wrong.context["form"].errors
    # The code used at enrolment cannot be replayed; wait for the next one if needed.
    counter = totp.counter_at(time.time())
    device = TwoFactorDevice.objects.get(user=alice)
    if device.last_counter >= counter:
        device.last_counter = counter - 1
        device.save()
    code = totp.code_at(secret, counter)
    assert client.post(reverse("login_verify"), {"code": code}).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_recovery_code_works_once(alice_client, alice):
    _secret, codes = enrol(alice_client, alice)
    first, second = Client(), Client()
    for client in (first, second):
        client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert first.post(reverse("login_verify"), {"code": codes[0].upper()}).status_code == 302
    assert first.get(reverse("dashboard")).status_code == 200
    assert second.post(reverse("login_verify"), {"code": codes[0]}).status_code == 200
    assert second.get(reverse("dashboard")).status_code == 302


def test_a_clinic_that_requires_it_sends_clinicians_to_set_it_up(alice_client, clinic):
    clinic.require_two_factor = True
    clinic.save()
    response = alice_client.get(reverse("dashboard"))
    assert response.status_code == 302 and response["Location"] == reverse("two_factor_setup")
    assert alice_client.get(reverse("two_factor_setup")).status_code == 200


def test_demo_accounts_skip_it_only_in_the_demo_set_up(clinic, settings):
    from .factories import make_clinician

    clinic.require_two_factor = True
    clinic.save()
    client = Client()
    client.force_login(make_clinician("demo-gp", clinic))
    settings.DEMO_MODE = False
    assert client.get(reverse("dashboard")).status_code == 302
    settings.DEMO_MODE = True
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_code_page_without_a_password_first_goes_back_to_sign_in(client, db):
    assert client.get(reverse("login_verify"))["Location"] == reverse("login")


def _fresh_code(user, secret):
    """The current code, made usable even if enrolment just spent it."""
    counter = totp.counter_at(time.time())
    device = TwoFactorDevice.objects.get(user=user)
    if device.last_counter >= counter:
        device.last_counter = counter - 1
        device.save()
    return totp.code_at(secret, counter)


def test_new_recovery_codes_need_a_current_code(alice_client, alice):
    """ASVS 7.5.1: the signed-in session alone cannot replace a sign-in factor."""
    secret, old_codes = enrol(alice_client, alice)
    hashes = set(RecoveryCode.objects.filter(user=alice).values_list("code_hash", flat=True))
    url = reverse("two_factor_setup")
    for data in ({}, {"code": "000000"}, {"action": "new-codes"}):
        response = alice_client.post(url, data)
        assert response.status_code == 200 and response.context["form"].errors["code"]
        assert response.context["codes"] is None
    assert set(RecoveryCode.objects.filter(user=alice).values_list("code_hash", flat=True)) == hashes
    response = alice_client.post(url, {"code": _fresh_code(alice, secret)})
    new_codes = response.context["codes"]
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert RecoveryCode.objects.filter(user=alice, used_at__isnull=True).count() == 10


def test_five_wrong_codes_end_the_session(alice_client, alice):
    enrol(alice_client, alice)
    url = reverse("two_factor_setup")
    for _attempt in range(4):
        assert alice_client.post(url, {"code": "000000"}).status_code == 200
    response = alice_client.post(url, {"code": "000000"})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert alice_client.get(reverse("dashboard")).status_code == 302
