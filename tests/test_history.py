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


def _part_writes(visit, by):
    """A new visit's answers in one INSERT, two of them changed in one UPDATE, then removed
    in one DELETE (as the save writes a consultation's parts); the history rows they left."""
    from assessments.catalogue import RedFlag
    from assessments.models import RedFlagAnswer
    from consultations.history import set_actor

    set_actor(by.pk)
    start = HistoryEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    flags = list(RedFlag.values)[:5]
    rows = RedFlagAnswer.objects.bulk_create(
        [RedFlagAnswer(consultation=visit, flag=flag, status="absent") for flag in flags])
    for row in rows[1:3]:
        row.status, row.action_taken = "present", "Sent to the GP"
    RedFlagAnswer.objects.bulk_update(rows[1:3], ["status", "action_taken"])
    RedFlagAnswer.objects.filter(consultation=visit).delete()
    set_actor(None)
    return [(e.table_name, e.row_id, e.operation, e.old_values, e.new_values, e.actor_id,
             e.patient_id) for e in HistoryEntry.objects.filter(pk__gt=start).order_by("pk")]


def test_a_statement_over_many_parts_keeps_one_entry_a_row_as_a_trigger_per_row_did(
        patient, alice):
    """The parts' history is written per statement (transition tables): the same entries,
    in the same order, as the trigger per row wrote them."""
    from django.db import connection

    visit = patient.consultations.get()
    per_statement = _part_writes(visit, alice)
    table = "assessments_redflaganswer"
    with connection.cursor() as cursor:
        for operation in ("insert", "update", "delete"):
            cursor.execute(f"DROP TRIGGER {table}_history_{operation} ON {table}")
        cursor.execute(f"CREATE TRIGGER {table}_history AFTER INSERT OR UPDATE OR DELETE ON "
                       f"{table} FOR EACH ROW EXECUTE FUNCTION pgp_history('consultation')")
    per_row = _part_writes(visit, alice)
    assert [entry[2] for entry in per_statement] == ["insert"] * 5 + ["update"] * 2 + ["delete"] * 5
    assert all(entry[5] == alice.pk and entry[6] == patient.pk for entry in per_statement)
    assert per_statement[5][3]["status"] == "absent" and per_statement[5][4]["status"] == "present"
    assert _renumbered(per_statement) == _renumbered(per_row)  # but for the new rows' ids


def _renumbered(entries):
    """The entries with each row's id replaced by its place of first appearance."""
    place = {}
    return [(table, place.setdefault(row_id, len(place)), operation,
             old and {**old, "id": None}, new and {**new, "id": None}, actor, patient)
            for table, row_id, operation, old, new, actor, patient in entries]
