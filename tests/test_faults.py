"""Faults on the real PostgreSQL: the database connection dies in the middle of a save."""

import pytest
from django.db import connection
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

    def save_then_die(consultation, *args):
        real_save(consultation, *args)  # the consultation and its parts are written...
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
