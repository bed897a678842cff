"""The visibility rows kept by the triggers (consultations/visibility.py) are always the ones
computed from scratch by the same rule (FILL and FILL_EDD), whatever wrote: a first and a
further visit at another clinic, a save naming every column unchanged, a visit moved to
another episode, a new episode, her name changed, a visit deleted."""

import datetime

from django.db import connection

from consultations import visibility
from consultations.models import Consultation, Patient, Visibility

from ..factories import make_clinician, make_consultation, make_patient, make_pregnancy

COLUMNS = ("clinic_id", "patient_id", "last_name", "first_name", "last_seen_at", "owner",
           "referred", "wrote", "current_edd")


def kept():
    return sorted(Visibility.objects.values_list(*COLUMNS))


def recomputed():
    """The rows as the data migration computes them, in a savepoint rolled back after."""
    with connection.cursor() as cursor:
        cursor.execute("SAVEPOINT recompute")
        cursor.execute(f"DELETE FROM {visibility.TABLE}")  # nosec B608
        cursor.execute(visibility.FILL)
        cursor.execute(visibility.FILL_EDD)
        rows = kept()
        cursor.execute("ROLLBACK TO SAVEPOINT recompute")
    return rows


def test_the_kept_rows_follow_every_write_exactly(clinic, other_clinic):
    here, there = make_clinician("here", clinic), make_clinician("there", other_clinic)
    woman = make_patient(clinic, first_name="Sara", last_name="Dam")
    year_ago = datetime.date.today() - datetime.timedelta(days=400)
    first = make_pregnancy(woman, ga="39+0", on=year_ago, delivery_mode="vaginal",
                           delivery_date=year_ago + datetime.timedelta(days=5))
    assert kept() == recomputed()

    visit = make_consultation(woman, first, there, clinic=other_clinic)  # she is seen there
    assert kept() == recomputed() and len(kept()) == 2
    make_consultation(woman, first, there, clinic=other_clinic)  # again: her row stays
    assert kept() == recomputed()

    visit.save()  # every column named, none changed
    assert kept() == recomputed()

    later = make_pregnancy(woman, ga="20+0")
    assert kept() == recomputed()
    Consultation.objects.filter(pk=visit.pk).update(pregnancy=later)  # moved to her new episode
    assert kept() == recomputed()
    visit.refresh_from_db()
    visit.pregnancy = later
    visit.save(update_fields=["pregnancy"])
    assert kept() == recomputed()

    Patient.objects.filter(pk=woman.pk).update(last_name="Dam-Holm")
    Patient.objects.filter(pk=woman.pk).update(phone="20304050")  # nothing the list shows
    assert kept() == recomputed()

    make_consultation(woman, first, here)
    Consultation.objects.filter(clinic=other_clinic).delete()  # drafts removed: not seen there
    assert kept() == recomputed()
    assert [row[0] for row in kept()] == [clinic.pk]
