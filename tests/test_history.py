"""Change history by database triggers: every write path is caught, author and time kept."""

from django.urls import reverse

from consultations.models import Consultation, HistoryEntry, Patient

from .sqlite import run_on_sqlite


def test_an_edit_through_the_app_keeps_the_previous_values_and_the_author(alice_client, alice,
                                                                          patient):
    url = reverse("consultations:patient_edit", args=[patient.public_id])
    alice_client.post(url, {"cpr": patient.cpr_display, "first_name": "Karen",
                            "last_name": "Jensen-Holm", "phone": "", "occupation": "",
                            "notes": "", "version": patient.version})
    entry = HistoryEntry.objects.filter(table_name="consultations_patient",
                                        operation="update").latest("pk")
    assert entry.actor_id == alice.pk and entry.patient_id == patient.pk
    assert ("last_name", "Jensen", "Jensen-Holm") in entry.changed_fields()
    page = alice_client.get(reverse("consultations:change_history", args=[patient.public_id]))
    assert "Jensen-Holm" in page.content.decode()


def test_bulk_updates_and_raw_sql_do_not_escape(patient):
    Consultation.objects.filter(patient=patient).update(goals="bulk goal")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("UPDATE consultations_patient SET phone = %s WHERE id = %s",
                       ["12345678", patient.pk])
    updates = HistoryEntry.objects.filter(operation="update")
    assert updates.filter(table_name="consultations_consultation",
                          new_values__goals="bulk goal").exists()
    assert updates.filter(table_name="consultations_patient", new_values__phone="12345678",
                          old_values__phone="").exists()


def test_deletes_keep_the_removed_values(patient):
    visit = patient.consultations.get()
    from assessments.models import PainScore

    score = PainScore.objects.create(consultation=visit, scale="nrs", context="now", value=4)
    score.delete()
    removed = HistoryEntry.objects.get(table_name="assessments_painscore", operation="delete")
    assert removed.old_values["value"] == 4 and removed.patient_id == patient.pk


def test_only_the_owning_clinic_reads_her_history(bob_client, patient):
    url = reverse("consultations:change_history", args=[patient.public_id])
    assert bob_client.get(url).status_code == 404


def test_history_works_on_sqlite_too(tmp_path):
    """The zero-setup SQLite database gets the same triggers, covering every column."""
    script = (
        "from consultations.demo import load_demo; from consultations.models import "
        "HistoryEntry, Patient, Consultation; from consultations.history import TRACKED; "
        "from django.apps import apps; from django.db import connection; "
        "seed = load_demo(); Patient.objects.filter(pk=seed.pk).update(phone='87654321'); "
        "e = HistoryEntry.objects.filter(table_name='consultations_patient', "
        "operation='update').latest('pk'); "
        "assert e.new_values['phone'] == '87654321', e.new_values; "
        "models = {m._meta.db_table: m for m in apps.get_models()}; "
        "sql = dict(connection.cursor().execute(\"SELECT name, sql FROM sqlite_master "
        "WHERE type='trigger'\").fetchall()); "
        "missing = [(t, f.column) for t in TRACKED for f in models[t]._meta.concrete_fields "
        "if f\"'{f.column}'\" not in sql[t + '_history_update']]; "
        "assert not missing, missing; print('history ok', HistoryEntry.objects.count())"
    )
    assert "history ok" in run_on_sqlite(tmp_path, script)
