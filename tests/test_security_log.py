"""Security events: one JSON line each on "pgp.security", with no patient data in them."""

import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from .factories import PASSWORD


@pytest.fixture
def events(caplog):
    caplog.set_level(logging.INFO, logger="pgp.security")

    def read():
        return [json.loads(r.getMessage()) for r in caplog.records if r.name == "pgp.security"]

    return read


def test_sign_in_failures_lockout_and_success_are_logged(events, alice, db):
    client = Client()
    for _attempt in range(5):
        client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    kinds = [e["event"] for e in events()]
    assert kinds == ["sign_in_failed"] * 5 + ["sign_in_locked"]
    assert {e["username"] for e in events()} == {"alice"}
    assert all(e["address"] == "127.0.0.1" and "password" not in json.dumps(e) for e in events())
    fresh = Client(REMOTE_ADDR="10.0.0.7")  # another address: not locked
    fresh.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert events()[-1] == {"event": "signed_in", "address": "10.0.0.7", "path": "/sign-in/",
                            "user": "alice", "second_factor": False}


def test_a_user_name_cannot_forge_a_second_log_line(events, db, caplog):
    forged = 'x"}\n{"event": "signed_in", "user": "admin'
    Client().post(reverse("login"), {"username": forged, "password": "wrong"})
    lines = [r.getMessage() for r in caplog.records if r.name == "pgp.security"]
    assert len(lines) == 1 and "\n" not in lines[0]
    assert json.loads(lines[0])["username"] == forged.strip().lower()


def test_probing_another_clinics_record_is_logged_without_her_data(events, bob_client, patient):
    assert bob_client.get(patient.get_absolute_url()).status_code == 404
    event = events()[-1]
    assert event["event"] == "access_refused" and event["status"] == 404
    assert event["user"] == "bob" and event["path"] == patient.get_absolute_url()
    assert patient.last_name not in json.dumps(event) and patient.cpr not in json.dumps(event)


def test_a_clean_page_view_writes_no_security_event(events, alice_client, patient):
    assert alice_client.get(patient.get_absolute_url()).status_code == 200
    assert events() == []


def test_second_factor_changes_and_failures_are_logged(events, alice_client, alice):
    from .test_two_factor import enrol

    enrol(alice_client, alice)
    alice_client.post(reverse("two_factor_setup"), {"code": "000000"})
    assert [e["event"] for e in events()] == ["two_factor_enabled", "two_factor_failed"]
    assert all(e["user"] == "alice" for e in events())
