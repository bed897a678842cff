"""Two clinicians writing one woman's record at the same moment, on two real PostgreSQL
connections (threads): the writes queue, neither is lost, and no deadlock reaches her.

The first interleaving is the one seen under the load benchmark (docs/performance.md): one
clinician's sign of an older draft has written her visibility row and is committing, which
checks its foreign keys then (Django's are deferred) and so key-share-locks the newest visit
that the dashboard's work card names; the other clinician is signing that newest visit, holds
it locked and waits for the visibility row. The second: a new draft has written her
visibility row and goes on to move her "last seen" on her patient row, while a sign that moved
its visit's time holds her patient row and waits for the visibility row. Before the fix
PostgreSQL aborted one of them ("deadlock detected") and the clinician got the "database
unavailable" page; now every writer takes her patient row's lock first (workflows.
lock_her_record), so they queue.
"""

import datetime
import threading
import time
from urllib.parse import urlencode

import pytest
from django.db import OperationalError, close_old_connections, connection, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from assessments.models import PainScore

from consultations.demo import consultation_form_data
from consultations.forms import ConsultationForms
from consultations.models import Consultation, Patient
from consultations.workflows import sign_consultation

from ..factories import make_clinician, make_patient, make_pregnancy

pytestmark = pytest.mark.django_db(transaction=True)
WAIT = 20  # seconds: far above deadlock_timeout (1 s), so a deadlock is always detected


def data_for(consultation, seen_at, version):
    return QueryDict(urlencode(consultation_form_data(
        seen_at=timezone.localtime(seen_at), version=version,
        pain=[("nrs", "now", 5)]), doseq=True))


def draft(woman, by, seen_at):
    consultation = Consultation(patient=woman, pregnancy=woman.current_pregnancy,
                                clinic=woman.clinic, clinician=by)
    forms = ConsultationForms(data_for(consultation, seen_at, 1), consultation)
    assert forms.is_valid(), forms.errors()
    return forms.save(by=by)


def save_and_sign(public_id, by, seen_at=None):
    """What the Sign button does: save the page's values, then sign (one transaction)."""
    consultation = Consultation.objects.select_related("patient", "pregnancy").get(
        public_id=public_id)
    forms = ConsultationForms(data_for(consultation, seen_at or consultation.seen_at,
                                       consultation.version), consultation)
    assert forms.is_valid(), forms.errors()
    consultation = forms.save(by=by)
    consultation, blockers = sign_consultation(consultation=consultation, by=by)
    assert not blockers


def waiting_for_a_lock():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                       "AND datname = current_database()")
        return cursor.fetchone()[0]


def until(condition, what):
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.02)


def in_thread(errors, work, name=None):
    def run():
        try:
            work()
        except Exception as error:  # noqa: BLE001 (the test reports it)
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()
    thread = threading.Thread(target=run, name=name)
    thread.start()
    return thread


def interleave(errors, first, paused, second, release, first_name=None):
    """Run `first` until it sets `paused` (holding its locks), then `second` until it waits
    for a lock, then let `first` go on; both must finish without an error (no deadlock)."""
    one = in_thread(errors, first, name=first_name)
    until(lambda: paused.is_set() or errors, "the first write holds its locks")
    assert not errors
    two = in_thread(errors, second)
    until(lambda: waiting_for_a_lock() >= 1 or errors or not two.is_alive(),
          "the second write waits for the first")
    release.set()
    one.join(WAIT)
    two.join(WAIT)
    assert not one.is_alive() and not two.is_alive()
    deadlocks = [e for e in errors if isinstance(e, OperationalError)]
    assert not deadlocks, f"a write failed: {deadlocks}"
    assert not errors


def test_two_signs_of_her_drafts_at_once_queue_instead_of_deadlocking(clinic):
    first, second = make_clinician("first", clinic), make_clinician("second", clinic)
    woman = make_patient(clinic, first_name="Mette", last_name="Lund")
    make_pregnancy(woman, ga="30+0")
    now = timezone.now().replace(second=0, microsecond=0)
    older = draft(woman, first, now - datetime.timedelta(hours=2))
    newer = draft(woman, second, now - datetime.timedelta(hours=1))

    errors, holding, committing = [], threading.Event(), threading.Event()

    def sign_the_older_one_and_hold_the_commit():
        with transaction.atomic():
            save_and_sign(older.public_id, first)
            # Her visibility row is written and its foreign keys are checked at COMMIT (one
            # of them names the newer visit): wait until the other sign waits on us.
            holding.set()
            committing.wait(WAIT)

    interleave(errors, sign_the_older_one_and_hold_the_commit, holding,
               lambda: transaction.atomic()(save_and_sign)(newer.public_id, second), committing)
    assert set(Consultation.objects.filter(patient=woman).values_list("status", flat=True)) == {
        Consultation.Status.SIGNED}


def test_a_new_draft_and_a_sign_for_her_at_once_queue_instead_of_deadlocking(clinic,
                                                                              monkeypatch):
    from consultations import workflows

    first, second = make_clinician("first", clinic), make_clinician("second", clinic)
    woman = make_patient(clinic, first_name="Mette", last_name="Lund")
    make_pregnancy(woman, ga="30+0")
    now = timezone.now().replace(second=0, microsecond=0)
    Patient.objects.filter(pk=woman.pk).update(last_seen_at=now - datetime.timedelta(days=3))
    earlier = draft(woman, second, now - datetime.timedelta(hours=2))
    draft(woman, second, now - datetime.timedelta(hours=1))  # her "last seen"

    errors, inserted, go_on = [], threading.Event(), threading.Event()
    save_children = workflows._save_children

    def pausing_after_the_insert(*args, **kwargs):
        written = save_children(*args, **kwargs)
        if threading.current_thread().name == "new draft":
            inserted.set()  # her visibility row is written; "last seen" comes next
            go_on.wait(WAIT)
        return written

    monkeypatch.setattr(workflows, "_save_children", pausing_after_the_insert)

    def new_draft():
        with transaction.atomic():
            draft(Patient.objects.get(pk=woman.pk), first, now - datetime.timedelta(minutes=30))

    interleave(errors, new_draft, inserted, lambda: transaction.atomic()(save_and_sign)(
        earlier.public_id, second, seen_at=now - datetime.timedelta(minutes=10)), go_on,
        first_name="new draft")
    assert Consultation.objects.filter(patient=woman).count() == 3
    assert Consultation.objects.get(pk=earlier.pk).is_signed
    woman.refresh_from_db()
    assert woman.last_seen_at == now - datetime.timedelta(minutes=10)


# What the clinician gets when PostgreSQL still aborts her transaction as a deadlock: the
# request runs once more from her POST; a second failure is a translated "nothing was saved".

def deadlock():
    """The error Django raises for a deadlock, and PostgreSQL's error as its cause."""
    from psycopg.errors import DeadlockDetected

    return OperationalError("deadlock detected"), DeadlockDetected("deadlock detected")


def failing_sign(monkeypatch, failures):
    """sign_consultation as the view calls it, failing `failures` times as a deadlock would
    (after the draft's own save has written its rows)."""
    from consultations import consultation_views

    real, calls = consultation_views.sign_consultation, []

    def sign(**kwargs):
        calls.append(kwargs["consultation"].pk)
        if len(calls) <= failures:
            error, cause = deadlock()
            raise error from cause
        return real(**kwargs)

    monkeypatch.setattr(consultation_views, "sign_consultation", sign)
    return calls


def post_new_and_sign(client, woman):
    return client.post(reverse("consultations:consultation_create", args=[woman.public_id]),
                       consultation_form_data(action="sign", pain=[("nrs", "now", 4)]))


def test_a_deadlock_is_retried_once_and_saved_once(alice_client, patient, monkeypatch):
    calls = failing_sign(monkeypatch, failures=1)
    before = Consultation.objects.count()
    response = post_new_and_sign(alice_client, patient)
    assert len(calls) == 2
    assert response.status_code == 302
    assert Consultation.objects.count() == before + 1  # the first attempt left nothing
    signed = Consultation.objects.get(status=Consultation.Status.SIGNED)
    assert response["Location"] == signed.get_absolute_url()
    assert PainScore.objects.filter(consultation=signed).count() == 1
    assert signed.version == 2  # saved once (1), signed once (2)


def test_a_second_deadlock_says_nothing_was_saved_in_her_language(alice_client, patient,
                                                                   monkeypatch):
    failing_sign(monkeypatch, failures=2)
    before = Consultation.objects.count()
    response = alice_client.post(
        reverse("consultations:consultation_create", args=[patient.public_id]),
        consultation_form_data(action="sign"), HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 409  # not the 503 "database unavailable" page
    text = response.content.decode()
    assert "Intet blev gemt" in text, text
    assert Consultation.objects.count() == before
    assert not PainScore.objects.exists()


def test_autosave_in_a_deadlock_says_busy_and_keeps_trying(alice_client, patient, monkeypatch):
    from consultations import workflows

    def deadlocked(**kwargs):
        error, cause = deadlock()
        raise error from cause

    monkeypatch.setattr(workflows, "save_consultation", deadlocked)
    monkeypatch.setattr("consultations.forms.save_consultation", deadlocked)
    draft_ = patient.consultations.get()
    response = alice_client.post(
        reverse("consultations:consultation_autosave", args=[draft_.public_id]),
        consultation_form_data(version=draft_.version))
    assert response.status_code == 503
    assert response.json()["status"] == "busy"
    draft_.refresh_from_db()
    assert draft_.version == 1
