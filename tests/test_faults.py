"""Faults on the real PostgreSQL: the database connection dies in the middle of a save."""

import time
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from consultations.demo import consultation_form_data
from consultations.models import Consultation
from assessments.models import PainScore, PelvicTestResult

from .factories import make_clinic, make_clinician, make_patient, make_pregnancy

pytestmark = pytest.mark.django_db(transaction=True)


def kill_own_connection():
    """Terminate this request's server process from a second connection (a real outage)."""
    import psycopg

    settings = connection.settings_dict
    pid = connection.connection.info.backend_pid
    with psycopg.connect(host=settings["HOST"], port=settings["PORT"], user=settings["USER"],
                         password=settings["PASSWORD"], dbname=settings["NAME"],
                         autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_database_gone_mid_save_gives_a_503_and_no_partial_record(client, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the outage is injected with pg_terminate_backend")
    clinic = make_clinic()
    user = make_clinician("alice", clinic)
    patient = make_patient(clinic)
    make_pregnancy(patient, ga="30+0")
    client.force_login(user)

    from consultations import workflows

    real_save = workflows._save_children

    def save_then_die(consultation, *args, **kwargs):
        real_save(consultation, *args, **kwargs)  # the consultation and its parts are written...
        kill_own_connection()  # ...and then the database goes away before the commit

    monkeypatch.setattr(workflows, "_save_children", save_then_die)
    url = reverse("consultations:consultation_create", args=[patient.public_id])
    response = client.post(url, consultation_data(), headers={"accept-language": "en"})
    assert response.status_code == 503
    assert "cannot reach its database" in response.content.decode()
    connection.close()  # the test's own connection died with the request's
    assert Consultation.objects.count() == 0
    assert PainScore.objects.count() == PelvicTestResult.objects.count() == 0


def consultation_data():
    return consultation_form_data(pain=[("nrs", "now", 5)], tests={"p4_left": "negative"})


# --- The database is away for the whole request (issue 11.6) ------------------------------

@contextmanager
def database_unreachable():
    """Every new connection is refused, as when the server is stopped: Django is pointed at a
    closed port on loopback and its open connection is dropped."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings_dict = connection.settings_dict
    real_port = settings_dict["PORT"]
    connection.close()
    settings_dict["PORT"] = str(closed_port)  # the dict every thread's connection is made from
    try:
        yield real_port
    finally:
        connection.close()
        settings_dict["PORT"] = real_port


def assert_clear_503(response, text="cannot reach its database"):
    assert response.status_code == 503, response.status_code
    assert text in response.content.decode()
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert "no-store" in response["Cache-Control"]
    assert response["Retry-After"] == "30"


@pytest.fixture
def signed_in():
    """A signed-in client that, like a real server, answers what handler500 returns (the test
    client would otherwise re-raise the error for the test to see)."""
    client = Client(raise_request_exception=False)
    clinic = make_clinic()
    user = make_clinician("alice", clinic)
    patient = make_patient(clinic)
    make_pregnancy(patient, ga="30+0")
    client.force_login(user)
    return client, patient


@pytest.mark.parametrize("language, text", [
    ("en", "cannot reach its database"), ("da", "kan ikke få forbindelse til sin database"),
])
def test_signed_in_pages_get_the_translated_503_while_the_database_is_away(
        signed_in, language, text):
    """The session is loaded before any view runs: that too is the 503, not a bare 500."""
    client, patient = signed_in
    urls = [reverse("dashboard"), patient.get_absolute_url(),
            reverse("consultations:record_pdf", args=[patient.public_id])]
    with database_unreachable():
        for url in urls:
            assert_clear_503(client.get(url, headers={"accept-language": language}), text)


def test_a_save_while_the_database_is_away_is_a_503_and_writes_nothing(signed_in):
    client, patient = signed_in
    url = reverse("consultations:consultation_create", args=[patient.public_id])
    with database_unreachable():
        assert_clear_503(client.post(url, consultation_data(), headers={"accept-language": "en"}))
    assert Consultation.objects.count() == 0


def test_the_sign_in_page_gets_the_503_too():
    client = Client(raise_request_exception=False)
    with database_unreachable():
        assert_clear_503(client.post(reverse("login"), {"username": "a", "password": "b"},
                                     headers={"accept-language": "en"}))


def test_a_burst_of_saves_when_the_database_goes_away_leaves_whole_records_or_none(signed_in):
    """Twelve clinicians save at once; the database is stopped in the middle of the burst:
    every answer is a saved record (302) or the 503, and every consultation in the database
    afterwards is whole (its pain score and test result are there)."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    _client, patient = signed_in
    clinic = patient.clinic
    clients = []
    for number in range(12):
        user = make_clinician(f"burst{number}", clinic)
        burst_client = Client(raise_request_exception=False)
        burst_client.force_login(user)
        clients.append(burst_client)
    url = reverse("consultations:consultation_create", args=[patient.public_id])
    started = threading.Barrier(len(clients) + 1)

    def save(burst_client):
        started.wait()
        try:
            return [burst_client.post(url, consultation_data()).status_code for _ in range(3)]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(len(clients)) as pool:
        futures = [pool.submit(save, c) for c in clients]
        started.wait()
        deadline = time.monotonic() + 60
        while Consultation.objects.count() < 6 and time.monotonic() < deadline:
            time.sleep(0.02)
        with database_unreachable() as real_port:
            terminate_other_backends(real_port)
            statuses = [status for future in futures for status in future.result()]
    assert set(statuses) == {302, 503}, statuses
    for consultation in Consultation.objects.all():
        assert consultation.pain_scores.count() == 1
        assert consultation.test_results.count() == 1


def terminate_other_backends(port):
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(host=settings["HOST"], port=port, user=settings["USER"],
                         password=settings["PASSWORD"], dbname=settings["NAME"],
                         autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = %s AND pid <> pg_backend_pid()", [settings["NAME"]])
